#Requires -Version 5.1
# Get-KasmSessionStatus, Wait-KasmSession, Suspend-, Resume-, Stop-KasmSession and Send-KasmSessionKeepalive against the
# real emulator over HTTPS, once per profile. States are driven through the emulator's control endpoints and settings
# (a lifecycle delay of an hour holds a session in pausing; a delay of 0 makes the change at once), never raced.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $script:BaseSettings = @{ sessionStartDelayMs = 0; destroyDelayMs = 300; maxKasmsPerUser = 5; licenseLimit = 20; lifecycleDelayMs = 0; allowKasmPause = $false; allowKasmStop = $false; usageReached = $false }
    function Set-SessionStatus($Emulator, $Session, [string] $Status) {
        $null = Invoke-EmulatorControl $Emulator "sessions/$($Session.KasmId.ToString('N'))" -Method POST -Body @{ status = $Status }
    }
}

Describe 'Session lifecycle against the <EmulatorProfile> emulator' -ForEach @(
    # Business errors: 400 JSON in the seed profile, HTTP 200 + error_message in the kasm profiles. A key without
    # Users Auth Session that sends user_id: 401 from the auth layer's step 5 in the kasm profiles, 403 in the seed
    # (docs/kasm-api.md#transport-and-authentication).
    @{ EmulatorProfile = 'seed'; StateErrorId = 'KasmInvalidRequest'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; StateErrorId = 'KasmApiError'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; StateErrorId = 'KasmApiError'; NoPermissionId = 'KasmUnauthorized' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -SessionDelayMs 0 -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $readonlyKey = $kasm.Connections.readonly
        $user = Get-KasmUser -UserName 'user@kasm.local' -ErrorAction Stop
        $admin = Get-KasmUser -UserName 'admin@kasm.local' -ErrorAction Stop
        $server = [uri] $emu.Url
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu $BaseSettings
        $s = New-KasmSession -ImageName Terminal -UserId $user.UserId -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
    }

    Context 'Get-KasmSessionStatus' {
        It 'gives a running session whole, with a fresh absolute login link' {
            $r = @($s | Get-KasmSessionStatus -ErrorVariable ev)
            $ev | Should -HaveCount 0
            $r | Should -HaveCount 1
            $r[0] | Should -BeOfType ([Kasm.Models.KasmSession])
            $r[0].Status | Should -BeExactly 'running'
            $r[0].KasmId | Should -Be $s.KasmId
            $r[0].KasmUrl.IsAbsoluteUri | Should -BeTrue
            $r[0].KasmUrl.Authority | Should -Be $server.Authority
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('get_kasm_status')
        }

        It 'gives a session that is not running as a state, not an error: <_>' -ForEach 'provisioning', 'paused', 'stopped', 'pausing' {
            Set-SessionStatus $emu $s $_
            $r = @($s | Get-KasmSessionStatus -ErrorVariable ev)
            $ev | Should -HaveCount 0
            $r | Should -HaveCount 1
            $r[0].Status | Should -BeExactly $_
            $r[0].KasmId | Should -Be $s.KasmId
            $r[0].UserId | Should -Be $user.UserId
            $r[0].KasmUrl | Should -BeNullOrEmpty
        }

        It 'looks the owner up with get_kasm when only the id is given' {
            $r = Get-KasmSessionStatus -KasmId $s.KasmId -ErrorAction Stop
            $r.Status | Should -BeExactly 'running'
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('get_kasm', 'get_kasm_status')
        }

        It 'an id Kasm does not know is KasmItemNotFound for that id, and the next piped session still answers' {
            $gone = [pscustomobject]@{ KasmId = [guid]::NewGuid(); UserId = $user.UserId }
            $r = @($gone, $s | Get-KasmSessionStatus -ErrorVariable ev -ErrorAction SilentlyContinue)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].TargetObject | Should -Be $gone.KasmId
            $r | Should -HaveCount 1
            $r[0].KasmId | Should -Be $s.KasmId
        }
    }

    Context 'Wait-KasmSession' {
        It 'outputs the running session with its newest login link (the polling itself is tested in xUnit)' {
            $r = @($s | Wait-KasmSession -PollIntervalSec 0.05 -TimeoutSec 30 -ErrorVariable ev)
            $ev | Should -HaveCount 0
            $r | Should -HaveCount 1
            $r[0].Status | Should -BeExactly 'running'
            $r[0].SessionToken | Should -Not -BeNullOrEmpty
            $r[0].SessionToken | Should -Not -Be $s.SessionToken -Because 'every get_kasm_status mints a new link'
        }

        It 'fails at once with KasmSessionNotStarting for a paused session' {
            Set-SessionStatus $emu $s 'paused'
            $r = @($s | Wait-KasmSession -PollIntervalSec 0.05 -TimeoutSec 30 -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmSessionNotStarting,*'
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_kasm_status' }) | Should -HaveCount 1
        }
    }

    Context 'Suspend-KasmSession, Resume-KasmSession, Stop-KasmSession' {
        It 'pauses: the answer comes at once, the session shows pausing, then paused' {
            $null = Set-EmulatorSetting $emu @{ lifecycleDelayMs = 3600000 }
            $out = @($s | Suspend-KasmSession -Confirm:$false -ErrorVariable ev)
            $ev | Should -HaveCount 0
            $out | Should -HaveCount 0
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('pause_kasm')
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'pausing'
            (Get-KasmSession -KasmId $s.KasmId).Status | Should -BeExactly 'pausing'
            # The pause completes when the test says so.
            Set-SessionStatus $emu $s 'paused'
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'paused'
        }

        It 'resumes a paused session, which then runs (Wait-KasmSession)' {
            $s | Suspend-KasmSession -Confirm:$false -ErrorAction Stop
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'paused'
            $s | Resume-KasmSession -Confirm:$false -ErrorAction Stop
            ($s | Wait-KasmSession -PollIntervalSec 0.05 -TimeoutSec 30).Status | Should -BeExactly 'running'
        }

        It 'stops a running session; a stopped one can be resumed' {
            Stop-KasmSession -KasmId $s.KasmId -UserId $s.UserId -Confirm:$false -ErrorAction Stop
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'stopped'
            (Get-KasmSession -KasmId $s.KasmId).Status | Should -BeExactly 'stopped'
            $s | Resume-KasmSession -Confirm:$false -ErrorAction Stop
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'running'
        }

        It 'sends the owner''s user_id, looked up with get_kasm when only the id is given' {
            $d = Invoke-Debugged { Suspend-KasmSession -KasmId $s.KasmId -Confirm:$false -ErrorAction Stop }
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('get_kasm', 'pause_kasm')
            $body = @(Get-SentBody $d.Debug 'pause_kasm')
            $body | Should -HaveCount 1
            $body[0].kasm_id | Should -Be $s.KasmId.ToString('N')
            $body[0].user_id | Should -Be $user.UserId.ToString('N')
        }

        It 'resuming a running session is an error for that session (<StateErrorId>); the next piped session is still resumed' {
            $paused = New-KasmSession -ImageName Chrome -UserId $admin.UserId -ErrorAction Stop
            $paused | Suspend-KasmSession -Confirm:$false -ErrorAction Stop
            $s, $paused | Resume-KasmSession -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$StateErrorId,*"
            $ev[0].TargetObject | Should -Be $s.KasmId
            ($paused | Get-KasmSessionStatus).Status | Should -BeExactly 'running'
        }

        It 'a key without User is refused (<NoPermissionId>) and the session keeps running' {
            Suspend-KasmSession -KasmId $s.KasmId -UserId $s.UserId -Connection $limited -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'running'
        }

        It 'a read-only key is refused before anything changes' {
            Stop-KasmSession -KasmId $s.KasmId -UserId $s.UserId -Connection $readonlyKey -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmUnauthorized,*'
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'running'
        }

        It '-WhatIf sends nothing; -UserName acts on each of the user''s sessions' {
            $second = New-KasmSession -ImageName Chrome -UserId $user.UserId -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
            Stop-KasmSession -UserName user@kasm.local -WhatIf
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
            Stop-KasmSession -UserName user@kasm.local -Confirm:$false -ErrorAction Stop
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'stop_kasm' }) | Should -HaveCount 2
            ($second | Get-KasmSessionStatus).Status | Should -BeExactly 'stopped'
            ($s | Get-KasmSessionStatus).Status | Should -BeExactly 'stopped'
        }

        It 'an unknown -UserName is an error before anything is sent' {
            Suspend-KasmSession -UserName nobody@kasm.local -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
        }

        It 'asks for confirmation at the impact that fits: Stop high, Suspend and Resume medium' {
            (Get-Command Stop-KasmSession).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
            (Get-Command Suspend-KasmSession).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'Medium'
            (Get-Command Resume-KasmSession).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'Medium'
        }
    }

    Context 'Send-KasmSessionKeepalive' {
        It 'moves the expiry on; -PassThru outputs the session' {
            $r = @($s | Send-KasmSessionKeepalive -Confirm:$false -PassThru -ErrorVariable ev -WarningVariable wv)
            $ev | Should -HaveCount 0
            $wv | Should -HaveCount 0
            $r | Should -HaveCount 1
            $r[0].KasmId | Should -Be $s.KasmId
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'keepalive')[0].path | Should -BeExactly '/api/public/keepalive'
        }

        It 'warns when Kasm extends nothing (usage budget spent)' {
            $null = Set-EmulatorSetting $emu @{ usageReached = $true }
            $s | Send-KasmSessionKeepalive -Confirm:$false -ErrorVariable ev -WarningVariable wv -WarningAction SilentlyContinue
            $ev | Should -HaveCount 0
            $wv | Should -HaveCount 1
        }

        It 'a read-only key may send it (Kasm flags keepalive read-only)' {
            Send-KasmSessionKeepalive -KasmId $s.KasmId -Connection $readonlyKey -Confirm:$false -ErrorVariable ev
            $ev | Should -HaveCount 0
        }

        It 'a session being deleted is an error for that session (400 on /api/public, every profile)' {
            Set-SessionStatus $emu $s 'deleting'
            Send-KasmSessionKeepalive -KasmId $s.KasmId -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
        }
    }
}
