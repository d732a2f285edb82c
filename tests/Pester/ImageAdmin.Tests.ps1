#Requires -Version 5.1
# New-KasmImage and Remove-KasmImage against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Workspace administration against the <EmulatorProfile> emulator' -ForEach @(
    # Business errors: 400 JSON (404 for an unknown id) in the seed, HTTP 200 + error_message in the kasm profiles.
    @{ EmulatorProfile = 'seed'; InUseId = 'KasmInvalidRequest'; UnknownId = 'KasmNotFound'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; InUseId = 'KasmApiError'; UnknownId = 'KasmApiError'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; InUseId = 'KasmApiError'; UnknownId = 'KasmApiError'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -SessionDelayMs 0 -KeyName imagesonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; maxKasmsPerUser = 5; licenseLimit = 20 }
        Clear-EmulatorRequestLog $emu
    }

    It 'registers a workspace from objects: the JSON-text fields and categories go as Kasm reads them, and come back as objects' {
        $d = Invoke-Debugged { New-KasmImage -FriendlyName 'CI Terminal' -DockerImage kasmweb/terminal:1.15.0 -Cores 2 -Memory 2GB -Categories Dev, Tools -RunConfig @{ hostname = 'ci' } -Confirm:$false -ErrorAction Stop }
        $w = @($d.Output)
        $w | Should -HaveCount 1
        $w[0] | Should -BeOfType ([Kasm.Models.KasmImage])
        $w[0].FriendlyName | Should -BeExactly 'CI Terminal'
        $w[0].Name | Should -BeExactly 'kasmweb/terminal:1.15.0'
        $w[0].Cores | Should -Be 2
        $w[0].Memory | Should -Be 2GB
        $w[0].Enabled | Should -BeTrue
        $w[0].Available | Should -BeFalse
        $sent = @(Get-SentBody $d.Debug 'create_image')[0].target_image
        $sent.run_config | Should -BeOfType ([string])
        ($sent.run_config | ConvertFrom-Json).hostname | Should -BeExactly 'ci'
        $sent.categories | Should -BeExactly "Dev`nTools"
        (Get-KasmImage -Name 'CI Terminal').ImageId | Should -Be $w[0].ImageId
    }

    It 'deletes a workspace by name or piped; one with sessions is refused (<InUseId>) and stays' {
        $w = New-KasmImage -FriendlyName Scratch -DockerImage kasmweb/terminal:1.15.0 -Confirm:$false -ErrorAction Stop
        $w | Remove-KasmImage -Confirm:$false -ErrorAction Stop
        Get-KasmImage -Name Scratch -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        $null = New-KasmSession -ImageName Terminal -UserName user@kasm.local -ErrorAction Stop
        Remove-KasmImage Terminal -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$InUseId,*"
        @(Get-KasmImage -Name Terminal) | Should -HaveCount 1
    }

    It 'an unknown id is <UnknownId>; an unknown name, -WhatIf and a missing friendly name send nothing; ConfirmImpact is High' {
        Remove-KasmImage -ImageId ([guid]::NewGuid()) -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownId,*"
        Clear-EmulatorRequestLog $emu
        Remove-KasmImage NoSuchWorkspace -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $run = Invoke-Captured { Remove-KasmImage Chrome -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        $run.WhatIf | Should -HaveCount 1
        $run.WhatIf[0] | Should -BeLike '*on target "workspace Chrome".'
        { New-KasmImage -FriendlyName '' -DockerImage x -Confirm:$false -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
        (Get-Command Remove-KasmImage).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'a key without Images Create or Images Delete is refused (<NoPermissionId>)' {
        New-KasmImage -FriendlyName X -DockerImage x -Connection $limited -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        Get-KasmImage -Name Chrome | Remove-KasmImage -Connection $limited -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
    }
}
