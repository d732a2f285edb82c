#Requires -Version 5.1
# Test-KasmApiKey against the real emulator over HTTPS, per profile, with the emulator's fixed keys of different
# permission sets: the exact findings, and that the probes change nothing (every probe once, the state as before).

BeforeDiscovery {
    $Profiles = @(
        @{ EmulatorProfile = 'seed' }
        @{ EmulatorProfile = 'kasm-1.15' }
        @{ EmulatorProfile = 'kasm-1.19' }
    )
}

Describe 'Test-KasmApiKey against the <EmulatorProfile> emulator' -ForEach $Profiles {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly, resources, resourcesview
        $emu = $kasm.Emulator
        $probed = [Kasm.Models.KasmObject].Assembly.GetType('Kasm.Client.KasmClient').GetField('ProbedMethods', [Reflection.BindingFlags] 'NonPublic, Static').GetValue($null)
        function Get-StateText {
            # What the probes could change, read with the demo key (get_kasms' answer also carries the server's clock).
            foreach ($m in 'get_users', 'get_groups', 'get_images', 'get_storage_providers') { Invoke-KasmApi $m -Raw -Connection $kasm.Connection }
            (Invoke-KasmApi get_kasms -Connection $kasm.Connection).kasms | ConvertTo-Json -Depth 5 -Compress
        }
        function Invoke-Check($Connection) {
            Clear-EmulatorRequestLog $emu
            $before = Get-StateText
            Clear-EmulatorRequestLog $emu
            $checks = @(Test-KasmApiKey -Connection $Connection -ErrorAction Stop)
            $log = @(Get-EmulatorRequestLog $emu)
            $after = Get-StateText
            [pscustomobject]@{ Checks = $checks; Log = $log; Same = (($before -join "`n") -eq ($after -join "`n")); ByName = @{} + ($checks | Group-Object Cmdlet -AsHashTable -AsString) }
        }
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach { Reset-Emulator $emu }

    It 'sends every probe once, changes nothing, and reports one finding per cmdlet of the endpoint map' {
        $r = Invoke-Check $kasm.Connection
        @($r.Log.method | Sort-Object) | Should -Be @($probed | Sort-Object)
        $r.Same | Should -BeTrue
        $r.Checks[0] | Should -BeOfType ([Kasm.Models.KasmPermissionCheck])
        $r.Checks.Cmdlet | Should -Not -Contain 'Test-KasmApiKey'
        $expected = @(Get-Command -Module Kasm | Where-Object Name -notin 'Disconnect-Kasm', 'Get-KasmConnection', 'Save-KasmConnection', 'Invoke-KasmApi', 'Test-KasmApiKey' | ForEach-Object Name | Sort-Object)
        @($r.Checks.Cmdlet | Sort-Object) | Should -Be $expected
    }

    It 'the demo key may run every probed cmdlet; those behind unprobed methods are not known, with the reason' {
        $r = Invoke-Check $kasm.Connection
        @($r.Checks | Where-Object CanRun -EQ $false) | Should -HaveCount 0
        foreach ($c in 'Get-KasmUser', 'New-KasmUser', 'Remove-KasmGroup', 'Get-KasmZone', 'Get-KasmApiKey', 'New-KasmStorageProvider', 'Set-KasmImage') {
            $r.ByName[$c].CanRun | Should -BeTrue -Because "$c is probed and allowed"
            $r.ByName[$c].Needs | Should -BeNullOrEmpty
        }
        $r.ByName['New-KasmSession'].CanRun | Should -BeNullOrEmpty
        $r.ByName['New-KasmSession'].Needs | Should -Match 'not probed \(request_kasm\): User \+ Users Auth Session'
        $r.ByName['Stop-KasmSession'].CanRun | Should -BeNullOrEmpty
    }

    It 'the imagesonly key may run Get-KasmImage; the others name the permission they need' {
        $r = Invoke-Check $kasm.Connections.imagesonly
        @($r.Checks | Where-Object CanRun -EQ $true).Cmdlet | Should -Be @('Get-KasmImage')
        $r.ByName['Get-KasmUser'].CanRun | Should -BeFalse
        $r.ByName['Get-KasmUser'].Needs | Should -BeExactly 'Users View; -UserId: Users View'
        $r.ByName['Get-KasmUser'].Refused | Should -Be @('get_users', 'get_user')
        $r.ByName['Remove-KasmImage'].CanRun | Should -BeFalse
        $r.ByName['Remove-KasmImage'].Needs | Should -BeExactly 'Images Delete'
        $r.ByName['Get-KasmZone'].Needs | Should -BeExactly 'Zones View'
        $r.ByName['Get-KasmServer'].Needs | Should -BeExactly 'Agents View (Docker agents) or Servers View (fixed servers)'
        $r.ByName['New-KasmGroup'].Needs | Should -BeExactly 'Groups Create'
        $r.ByName['Get-KasmGroupSetting'].CanRun | Should -BeFalse
        $r.ByName['Get-KasmGroupSetting'].Refused | Should -Contain 'get_settings_group'
        $r.ByName['Set-KasmGroupSetting'].Refused | Should -Contain 'add_settings_group'
        $r.ByName['Get-KasmStorageMapping'].CanRun | Should -BeFalse
        $r.ByName['Get-KasmStorageMapping'].Refused | Should -Contain 'get_storage_mappings'
        $r.ByName['Get-KasmStorageMapping'].Needs | Should -BeLike '*User + Users View, Groups View or Images View*'
        $r.Same | Should -BeTrue
    }

    It 'the resources key may change workspaces only after reading them: Set-KasmImage needs Images View' {
        $r = Invoke-Check $kasm.Connections.resources
        @($r.Checks | Where-Object CanRun -EQ $true) | Should -HaveCount 0
        $r.ByName['Set-KasmImage'].CanRun | Should -BeFalse
        $r.ByName['Set-KasmImage'].Refused | Should -Be @('get_images')
        $r.ByName['Set-KasmImage'].Needs | Should -BeExactly 'Images View'
        $v = Invoke-Check $kasm.Connections.resourcesview
        @($v.Checks | Where-Object CanRun -EQ $true).Cmdlet | Sort-Object | Should -Be @('Get-KasmImage', 'Set-KasmImage')
        $v.Same | Should -BeTrue
    }

    It 'the read-only key may run every read; each change says it needs a key that is not read-only' {
        $r = Invoke-Check $kasm.Connections.readonly
        foreach ($c in 'Get-KasmUser', 'Get-KasmGroup', 'Get-KasmImage', 'Get-KasmZone', 'Get-KasmSetting', 'Get-KasmGroupMember', 'Add-KasmGroupMember', 'Set-KasmUserAttribute') {
            $r.ByName[$c].CanRun | Should -BeTrue -Because "$c reads, or changes through a method flagged read-only"
        }
        foreach ($c in 'New-KasmUser', 'Remove-KasmGroup', 'New-KasmImage', 'Set-KasmImage', 'New-KasmStorageProvider', 'Add-KasmGroupImage') {
            $r.ByName[$c].CanRun | Should -BeFalse
            $r.ByName[$c].Needs | Should -BeExactly 'a key that is not read-only'
        }
        $r.Same | Should -BeTrue
    }

    It '-Name narrows the findings; a cmdlet name that matches nothing is KasmItemNotFound' {
        $r = @(Test-KasmApiKey -Name 'Get-KasmUser', 'No-SuchCmdlet' -Connection $kasm.Connections.imagesonly -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r.Cmdlet | Should -Be @('Get-KasmUser')
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $ev[0].TargetObject | Should -BeExactly 'No-SuchCmdlet'
    }
}
