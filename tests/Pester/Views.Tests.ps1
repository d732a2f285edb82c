#Requires -Version 5.1
# The default table views (Kasm.Format.ps1xml) at 80 columns: every line fits, no header is cut or wrapped, no fixture
# value is cut, and the first columns are what an admin looks for first. Rendered from real objects of the emulator.

BeforeDiscovery {
    $modulePath = if ($env:KASM_MODULE_PATH) { $env:KASM_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/Kasm' }
    [xml] $format = Get-Content (Join-Path $modulePath 'Kasm.Format.ps1xml') -Raw
    $tableCases = @($format.Configuration.ViewDefinitions.View | Where-Object { $_['TableControl'] } | ForEach-Object {
            @{ TypeName = $_.ViewSelectedBy.TypeName; Labels = @($_.TableControl.TableHeaders.TableColumnHeader | ForEach-Object Label) }
        })
    # What an admin looks for first, per type (the issue's list); the view starts with these columns.
    $firstCases = @(
        @{ TypeName = 'Kasm.Models.KasmSession'; First = @('UserName', 'Workspace', 'Status', 'Age') }
        @{ TypeName = 'Kasm.Models.KasmImage'; First = @('Name', 'Enabled', 'Cores', 'Memory(MB)') }
        @{ TypeName = 'Kasm.Models.KasmUser'; First = @('UserName', 'Locked', 'Disabled', 'LastSession') }
    ) | ForEach-Object { $c = $_; $c.Labels = @($tableCases | Where-Object { $_.TypeName -eq $c.TypeName } | ForEach-Object { $_.Labels }); $c }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15' -KeyName imagesonly
    # How to get real objects of each type with a table view. A new type with a table view needs a line here.
    $producers = @{
        'Kasm.Models.KasmImage'           = { Get-KasmImage }
        'Kasm.Models.KasmSession'         = { $null = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $null = New-KasmSession -ImageName 'Ubuntu Jammy' -UserName admin@kasm.local; Get-KasmSession }
        'Kasm.Models.KasmUser'            = { Get-KasmUser }
        'Kasm.Models.KasmStorageProvider' = { $null = New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl https://cloud.example.com/remote.php/dav/files/; Get-KasmStorageProvider }
        'Kasm.Models.KasmGroup'           = { Get-KasmGroup }
        'Kasm.Models.KasmZone'            = { Get-KasmZone }
        'Kasm.Models.KasmServer'          = { Get-KasmServer }
        'Kasm.Models.KasmLicense'         = { Get-KasmLicense }
        'Kasm.Models.KasmApiKey'          = { Get-KasmApiKey }
        'Kasm.Models.KasmSetting'         = { Get-KasmSetting }
        'Kasm.Models.KasmPermissionCheck' = { Test-KasmApiKey -Connection $kasm.Connections.imagesonly }
        'Kasm.Client.KasmConnection'      = { Get-KasmConnection -All }
        'Kasm.Models.KasmGroupImage'      = { Get-KasmGroup | Get-KasmGroupImage }
        'Kasm.Models.KasmSessionRecording' = { Get-KasmSessionRecording -KasmId e1f2a3b4c5d64e7f8091a2b3c4d5e6f7 -DownloadLink }
        'Kasm.Models.KasmSessionHistoryEntry' = { Get-KasmSessionHistory }
        'Kasm.Models.KasmStorageMapping'  = { Get-KasmStorageMapping -UserName user@kasm.local; Get-KasmStorageMapping -GroupName Ops; Get-KasmStorageMapping -ImageName Chrome }
        'Kasm.Models.KasmSessionPermission' = { $s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Grant-KasmSessionPermission -UserName admin@kasm.local -Access Control -Confirm:$false }
        'Kasm.Models.KasmGroupSetting'    = { $null = Set-KasmGroupSetting Ops usage_limit @{ type = 'per_user'; hours = 10 } -Confirm:$false; Get-KasmGroup | Get-KasmGroupSetting }
        'Kasm.Models.KasmLoginLink'       = { Get-KasmUser | Get-KasmUserLoginLink }
        'Kasm.Models.KasmSessionShare'    = {
            $null = Set-EmulatorSetting $kasm.Emulator @{ allowKasmSharing = $true; sessionStartDelayMs = 0 }
            $null = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $null = New-KasmSession -ImageName 'Ubuntu Jammy' -UserName admin@kasm.local
            Get-KasmSession | Enable-KasmSessionSharing -Confirm:$false
        }
        'Kasm.Models.KasmSessionJoin'     = {
            $null = Set-EmulatorSetting $kasm.Emulator @{ allowKasmSharing = $true; sessionStartDelayMs = 0 }
            $share = New-KasmSession -ImageName Chrome -UserName user@kasm.local | Enable-KasmSessionSharing -Confirm:$false
            Join-KasmSession -ShareId $share.ShareId -UserName admin@kasm.local -Confirm:$false
            Join-KasmSession -ShareId $share.ShareId -Confirm:$false
        }
    }
    function Get-Rendered($Objects) {
        @(($Objects | Format-Table | Out-String -Width 80) -split '\r?\n' | Where-Object { $_.Trim() })
    }
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe 'Default table views at 80 columns' {
    It 'has a way to make real objects for every type with a table view' {
        foreach ($c in $tableCases) { $producers.Keys | Should -Contain $c.TypeName -Because "$($c.TypeName) has a table view" }
    }

    It '<TypeName>: every line fits in 80 columns, headers whole on one line, no value cut' -ForEach $tableCases {
        Reset-Emulator $kasm.Emulator
        $objects = @(& $producers[$TypeName] | Where-Object { $_.GetType().FullName -eq $TypeName })
        $objects.Count | Should -BeGreaterThan 0
        $lines = Get-Rendered $objects
        foreach ($l in $lines) { $l.Length | Should -BeLessOrEqual 80 -Because "'$l' is a line of the $TypeName table" }
        # The header is one line of exactly the labels, the dashes under it one per column: nothing wrapped or cut.
        @($lines[0] -split '\s+' | Where-Object { $_ }) | Should -Be $Labels
        @($lines[1] -split '\s+' | Where-Object { $_ }).Count | Should -Be $Labels.Count
        $lines.Count | Should -Be ($objects.Count + 2) -Because 'each object is one row'
        ($lines -join "`n") | Should -Not -Match ([regex]::Escape([string][char]0x2026)) -Because 'no value is cut'
        ($lines -join "`n") | Should -Not -Match '\.\.\.'
    }

    It '<TypeName> starts with what an admin looks for first' -ForEach $firstCases {
        $Labels.Count | Should -BeGreaterOrEqual $First.Count
        $Labels[0..($First.Count - 1)] | Should -Be $First
    }
}

Describe 'A new session in the default view' {
    BeforeEach { Reset-Emulator $kasm.Emulator }

    It 'names its workspace, given by name' {
        $s = New-KasmSession -ImageName chrome -UserName user@kasm.local
        $s.ImageName | Should -Be 'Chrome'
        $lines = Get-Rendered $s
        $lines[2] | Should -Match '^user@kasm\.local\s+Chrome\s+\S+'
    }

    It 'names its workspace, piped, with -Wait' {
        $s = Get-KasmImage -Name Terminal | New-KasmSession -UserName user@kasm.local -Wait
        $s.ImageName | Should -Be 'Terminal'
        (Get-Rendered $s)[2] | Should -Match '^user@kasm\.local\s+Terminal\s+running\s+\d+m\s+[0-9a-f]{8}$'
    }
}
