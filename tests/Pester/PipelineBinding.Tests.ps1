#Requires -Version 5.1
# What the module's own objects bind to when piped, and failures that must keep what was already done.
# Every object carries -Connection (it binds by property name), so list cmdlets must not list once per piped object.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Piping module objects against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'kasm-1.15' }
    @{ EmulatorProfile = 'kasm-1.19' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        Set-EmulatorFault $emu -Clear
        $user = Get-KasmUser user@kasm.local -ErrorAction Stop
        $images = @(Get-KasmImage -ErrorAction Stop)
        Clear-EmulatorRequestLog $emu
    }

    It 'Get-KasmImage | Get-KasmSession lists the sessions once, not once per workspace' {
        $null = Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
        $sessions = @($images | Get-KasmSession -ErrorAction Stop)
        $sessions | Should -HaveCount 1
        Get-EmulatorRequestMethod $emu | Should -Be @('get_kasms')
    }

    It 'Get-KasmUser | Get-KasmImage is refused for each user (a user names no workspace), and nothing is sent' {
        $users = @(Get-KasmUser -ErrorAction Stop)
        $users.Count | Should -BeGreaterThan 1
        Clear-EmulatorRequestLog $emu
        $listed = @($users | Get-KasmImage -ErrorVariable ev -ErrorAction SilentlyContinue)
        $listed | Should -HaveCount 0
        $ev | Should -HaveCount $users.Count
        foreach ($e in $ev) { $e.FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*' }
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }

    It 'Get-KasmSession | Get-KasmImage looks every piped workspace id up in one get_images' {
        $null = $images | Where-Object { $_.Enabled -and $_.Available } | Select-Object -First 2 | New-KasmSession -UserId $user.UserId -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
        $found = @(Get-KasmSession -ErrorAction Stop | Get-KasmImage -ErrorAction Stop)
        $found | Should -HaveCount 2
        Get-EmulatorRequestMethod $emu | Should -Be @('get_kasms', 'get_images')
    }

    It 'a workspace piped to New-KasmUser does not become a user (its Name is no user name)' {
        $ev = @(try { Get-KasmImage -Name Chrome | New-KasmUser -WhatIf -ErrorAction Stop } catch { $_ })
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'InputObjectMissingMandatory,*'
        Get-EmulatorRequestMethod $emu | Should -Be @('get_images')   # only the listing: no create_user
    }

    It 'New-KasmSession -Wait that fails after the session was created hands over the session as the target' {
        # request_kasm succeeds, then every get_kasm_status fails: the session exists and must not be lost.
        $null = Set-EmulatorFault $emu -ApiMethod get_kasm_status -Status 500 -Body html
        $c = Connect-TestKasm -Emulator $emu -ExtraArgs @{ MaximumRetryCount = 0 }
        $out = @(Get-KasmImage -Connection $c -Name Chrome | New-KasmSession -UserId $user.UserId -Wait -PollIntervalSec 0.1 -ErrorAction SilentlyContinue -ErrorVariable ev)
        $out | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmServerError,*'
        $ev[0].TargetObject | Should -BeOfType ([Kasm.Models.KasmSession])
        Set-EmulatorFault $emu -Clear
        @(Get-KasmSession -KasmId $ev[0].TargetObject.KasmId -ErrorAction Stop) | Should -HaveCount 1
    }

    It 'Invoke-KasmApi -OutFile on a path that is not a file is KasmInvalidArgument and sends nothing' {
        Invoke-KasmApi get_kasms -OutFile 'Variable:\answer' -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }

    It 'a failed Invoke-KasmApi keeps the body (which may hold a password) out of the error record' {
        Invoke-KasmApi create_user -Body @{ target_user = @{ username = 'user@kasm.local'; password = 'Sup3r-secret!' } } -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable ev
        $ev | Should -HaveCount 1
        $ev[0].TargetObject | Should -BeExactly 'create_user'
        ($ev[0] | Format-List * -Force | Out-String) | Should -Not -Match 'Sup3r-secret!'
    }
}
