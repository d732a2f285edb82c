#Requires -Version 5.1
# Get-KasmSessionStatus, Wait-KasmSession, Suspend-, Resume-, Stop-KasmSession, Send-KasmSessionKeepalive,
# Invoke-KasmSessionCommand, Save-KasmSessionScreenshot, Enable-/Disable-KasmSessionSharing, Get-KasmSessionShare and
# Join-KasmSession against the real emulator over HTTPS, once per profile. States are driven through the emulator's control endpoints and settings
# (a lifecycle delay of an hour holds a session in pausing; a delay of 0 makes the change at once), never raced.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $script:BaseSettings = @{ sessionStartDelayMs = 0; destroyDelayMs = 300; maxKasmsPerUser = 5; licenseLimit = 20; lifecycleDelayMs = 0; allowKasmPause = $false; allowKasmStop = $false; usageReached = $false; allowKasmSharing = $false }
    function Get-JpegSize([byte[]] $Bytes) {
        <# Width and height from a baseline JPEG's SOF0 segment. #>
        for ($i = 2; $i -lt $Bytes.Length - 9; $i++) {
            if ($Bytes[$i] -eq 0xFF -and $Bytes[$i + 1] -eq 0xC0) {
                return [pscustomobject]@{ Width = $Bytes[$i + 7] * 256 + $Bytes[$i + 8]; Height = $Bytes[$i + 5] * 256 + $Bytes[$i + 6] }
            }
        }
        throw 'No SOF0 segment.'
    }
    function Set-SessionStatus($Emulator, $Session, [string] $Status) {
        $null = Invoke-EmulatorControl $Emulator "sessions/$($Session.KasmId.ToString('N'))" -Method POST -Body @{ status = $Status }
    }
}

Describe 'Session lifecycle against the <EmulatorProfile> emulator' -ForEach @(
    # Business errors: 400 JSON in the seed profile, HTTP 200 + error_message in the kasm profiles. A key without
    # Users Auth Session that sends user_id: 401 from the auth layer's step 5 in the kasm profiles, 403 in the seed
    # (docs/kasm-api.md#transport-and-authentication).
    # Sharing: the seed profile always shares; the kasm profiles only where the group allows it.
    @{ EmulatorProfile = 'seed'; StateErrorId = 'KasmInvalidRequest'; NoPermissionId = 'KasmForbidden'; SharingOff = $false; UnknownShareId = 'KasmNotFound' }
    @{ EmulatorProfile = 'kasm-1.15'; StateErrorId = 'KasmApiError'; NoPermissionId = 'KasmUnauthorized'; SharingOff = $true; UnknownShareId = 'KasmApiError' }
    @{ EmulatorProfile = 'kasm-1.19'; StateErrorId = 'KasmApiError'; NoPermissionId = 'KasmUnauthorized'; SharingOff = $true; UnknownShareId = 'KasmApiError' }
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

        It 'names the owner (UserName) from the piped session, or from the owner look-up, with no extra request' {
            $listed = Get-KasmSession | Where-Object KasmId -EQ $s.KasmId
            Clear-EmulatorRequestLog $emu
            ($listed | Get-KasmSessionStatus -ErrorAction Stop).UserName | Should -BeExactly 'user@kasm.local'
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('get_kasm_status')
            Clear-EmulatorRequestLog $emu
            (Get-KasmSessionStatus -KasmId $s.KasmId -ErrorAction Stop).UserName | Should -BeExactly 'user@kasm.local'
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('get_kasm', 'get_kasm_status')
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
            $run = Invoke-Captured { Stop-KasmSession -UserName user@kasm.local -WhatIf }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 2
            foreach ($one in @{ Id = $s.KasmId; Workspace = 'Terminal' }, @{ Id = $second.KasmId; Workspace = 'Chrome' }) {
                $run.WhatIf | Should -Contain "Performing the operation `"Stop Kasm session`" on target `"session of user@kasm.local running $($one.Workspace) ($($one.Id.ToString().Substring(0, 8)))`"."
            }
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

    Context 'Invoke-KasmSessionCommand' {
        It 'sends the command with its options as exec_config and outputs nothing (Kasm returns no output)' {
            $d = Invoke-Debugged { $s | Invoke-KasmSessionCommand -Command 'touch /tmp/x' -RunAsUser root -Privileged -WorkingDirectory /tmp -Environment @{ DISPLAY = ':1' } -Confirm:$false -ErrorAction Stop }
            $d.Output | Should -HaveCount 0
            $body = @(Get-SentBody $d.Debug 'exec_command_kasm')
            $body | Should -HaveCount 1
            $body[0].kasm_id | Should -Be $s.KasmId.ToString('N')
            $body[0].user_id | Should -Be $user.UserId.ToString('N')
            # The command may hold a secret: the Debug log masks it (the test below).
            $body[0].exec_config.cmd | Should -BeExactly '***'
            $body[0].exec_config.user | Should -BeExactly 'root'
            $body[0].exec_config.privileged | Should -BeTrue
            $body[0].exec_config.workdir | Should -BeExactly '/tmp'
            $body[0].exec_config.environment.DISPLAY | Should -BeExactly ':1'
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'exec_command_kasm')[0].path | Should -BeExactly '/api/public/exec_command_kasm'
        }

        It 'keeps the command text out of Verbose and Debug; -WhatIf shows it' {
            $command = 'curl -H "Authorization: Bearer tok-5ecret-77" https://example.com'
            $d = Invoke-Debugged { $s | Invoke-KasmSessionCommand -Command $command -Confirm:$false -Verbose -ErrorAction Stop 4>&1 }
            $verbose = @($d.Output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
            @($verbose | Where-Object { $_ -like "*Run a command ($($command.Length) characters, not logged) in Kasm session*" }) | Should -HaveCount 1
            (($verbose + $d.Debug) -join "`n") | Should -Not -Match 'tok-5ecret-77'
            @(Get-SentBody $d.Debug 'exec_command_kasm') | Should -HaveCount 1
            $run = Invoke-Captured { $s | Invoke-KasmSessionCommand -Command $command -WhatIf } -Variables @{ s = $s; command = $command }
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -Match 'tok-5ecret-77'
        }

        It '-PassThru outputs the session; the help says the output never comes back' {
            $r = @(Invoke-KasmSessionCommand -KasmId $s.KasmId -UserId $s.UserId -Command 'true' -PassThru -Confirm:$false -ErrorAction Stop)
            $r | Should -HaveCount 1
            $r[0].KasmId | Should -Be $s.KasmId
            ((Get-Help Invoke-KasmSessionCommand).Description | Out-String) | Should -Match 'NEVER returns'
        }

        It 'a session that is not running is an error for it (<StateErrorId>); the next piped session still runs the command' {
            $paused = New-KasmSession -ImageName Chrome -UserId $admin.UserId -ErrorAction Stop
            Set-SessionStatus $emu $paused 'paused'
            Clear-EmulatorRequestLog $emu
            $paused, $s | Invoke-KasmSessionCommand -Command 'true' -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$StateErrorId,*"
            $ev[0].TargetObject | Should -Be $paused.KasmId
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'exec_command_kasm') | Should -HaveCount 2
        }

        It '-WhatIf sends nothing, and an empty command is refused before anything is sent' {
            $run = Invoke-Captured { $s | Invoke-KasmSessionCommand -Command 'true' -WhatIf } -Variables @{ s = $s }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike "Performing the operation `"Run 'true' in Kasm session`" on target `"session*$($s.KasmId.ToString().Substring(0, 8))*`"."
            { Invoke-KasmSessionCommand -KasmId $s.KasmId -Command '' -Confirm:$false -ErrorAction Stop } | Should -Throw
            @(Get-EmulatorRequestMethod $emu) | Should -HaveCount 0
        }
    }

    Context 'Save-KasmSessionScreenshot' {
        BeforeEach {
            $folder = Join-Path ([IO.Path]::GetTempPath()) "kasm-shots-$([guid]::NewGuid().ToString('N'))"
            $null = New-Item -ItemType Directory -Path $folder
        }
        AfterEach { Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue }

        It 'writes a JPEG that fits the box asked for, keeping the desktop''s aspect ratio (1.15 swaps width and height; the module undoes it)' {
            $file = $s | Save-KasmSessionScreenshot -Path (Join-Path $folder 'a.jpg') -Width 1280 -Height 720 -ErrorAction Stop
            $file | Should -BeOfType ([IO.FileInfo])
            $file.FullName | Should -Be (Join-Path $folder 'a.jpg')
            $bytes = [IO.File]::ReadAllBytes($file.FullName)
            $bytes[0..2] | Should -Be @(0xFF, 0xD8, 0xFF)
            $bytes[-2..-1] | Should -Be @(0xFF, 0xD9)
            $size = Get-JpegSize $bytes
            $size.Width | Should -Be 1280
            $size.Height | Should -Be 720
            # The default box, 300 x 300, gives 300 wide and 169 high for a 16:9 desktop.
            $size = Get-JpegSize ([IO.File]::ReadAllBytes(($s | Save-KasmSessionScreenshot -Path (Join-Path $folder 'b.jpg')).FullName))
            $size.Width | Should -Be 300
            $size.Height | Should -Be 169
        }

        It 'into a folder, names each session''s file after its id' {
            $file = Save-KasmSessionScreenshot -KasmId $s.KasmId -Path $folder -ErrorAction Stop
            $file.Name | Should -Be "$($s.KasmId).jpg"
            @(Get-EmulatorRequestMethod $emu) | Should -Be @('get_kasm', 'get_kasm_screenshot')
        }

        It 'a session with no screenshot (paused) is KasmNotFound and writes no file' {
            Set-SessionStatus $emu $s 'paused'
            $r = @($s | Save-KasmSessionScreenshot -Path (Join-Path $folder 'p.jpg') -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmNotFound,*'
            Test-Path (Join-Path $folder 'p.jpg') | Should -BeFalse
        }

        It 'a folder that does not exist is an error before anything is sent' {
            $s | Save-KasmSessionScreenshot -Path (Join-Path $folder 'no/such/x.jpg') -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            @(Get-EmulatorRequestMethod $emu) | Should -HaveCount 0
        }

        It 'one file and several sessions: the first is saved, each later one is an error before anything is sent for it' {
            $second = New-KasmSession -ImageName Chrome -UserId $admin.UserId -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
            $target = Join-Path $folder 'one.jpg'
            $r = @($s, $second | Save-KasmSessionScreenshot -Path $target -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 1
            $r[0].FullName | Should -Be $target
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].TargetObject | Should -Be $second.KasmId
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_kasm_screenshot' }) | Should -HaveCount 1
            # A folder takes them all, one file per session.
            @($s, $second | Save-KasmSessionScreenshot -Path $folder -ErrorAction Stop).Name | Should -Be @("$($s.KasmId).jpg", "$($second.KasmId).jpg")
        }

        It 'a read-only key may take one' {
            $file = $s | Save-KasmSessionScreenshot -Path $folder -Connection $readonlyKey -ErrorAction Stop
            Test-Path $file.FullName | Should -BeTrue
        }
    }

    Context 'Sharing: Enable-, Disable-KasmSessionSharing, Get-KasmSessionShare, Join-KasmSession' {
        It 'sharing is off unless the group allows it (kasm profiles: <StateErrorId>; the seed profile always shares)' {
            $r = @($s | Enable-KasmSessionSharing -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
            if ($SharingOff) {
                $r | Should -HaveCount 0
                $ev | Should -HaveCount 1
                $ev[0].FullyQualifiedErrorId | Should -BeLike "$StateErrorId,*"
                ($s | Get-KasmSessionShare).ShareId | Should -BeNullOrEmpty
            }
            else {
                $ev | Should -HaveCount 0
                $r[0].ShareId | Should -Match '^[0-9a-f]{8}$'
            }
        }

        It 'shares a session, reads the share id back, and refuses a second share id (<StateErrorId>)' {
            $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
            $share = $s | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
            $share | Should -BeOfType ([Kasm.Models.KasmSessionShare])
            $share.ShareId | Should -Match '^[0-9a-f]{8}$'
            $share.KasmId | Should -Be $s.KasmId
            $share.OwnerId | Should -Be $user.UserId
            ($s | Get-KasmSessionShare).ShareId | Should -BeExactly $share.ShareId
            (Get-KasmSession -KasmId $s.KasmId).ShareId | Should -BeExactly $share.ShareId
            ($share | Out-String -Width 80) | Should -Match $share.ShareId
            $s | Enable-KasmSessionSharing -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$StateErrorId,*"
        }

        It 'a named user joins; the link opens the shared session and, a credential, stays out of the view and the Debug log' {
            $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
            $share = $s | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
            $d = Invoke-Debugged { $share | Join-KasmSession -UserName admin@kasm.local -Confirm:$false -ErrorAction Stop }
            $join = @($d.Output)
            $join | Should -HaveCount 1
            $join[0] | Should -BeOfType ([Kasm.Models.KasmSessionJoin])
            $join[0].KasmId | Should -Be $s.KasmId
            $join[0].ShareId | Should -BeExactly $share.ShareId
            $join[0].UserId | Should -Be $admin.UserId
            $join[0].UserName | Should -BeExactly 'admin@kasm.local'
            $join[0].OwnerName | Should -BeExactly 'user@kasm.local'
            $join[0].KasmUrl.IsAbsoluteUri | Should -BeTrue
            $join[0].KasmUrl.Authority | Should -Be $server.Authority
            $join[0].KasmUrl.OriginalString | Should -Match "/#/connect/join/$($share.ShareId)/"
            $join[0].SessionToken | Should -Not -BeNullOrEmpty
            $text = $join[0] | Out-String -Width 300
            $text | Should -Not -Match ([regex]::Escape($join[0].SessionToken))
            ($d.Debug -join "`n") | Should -Not -Match ([regex]::Escape($join[0].SessionToken))
            ($d.Debug -join "`n") | Should -Match 'join_kasm'
        }

        It 'without a user, Kasm makes an anonymous viewer' {
            $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
            $share = $s | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
            $join = Join-KasmSession -ShareId $share.ShareId -Confirm:$false -ErrorAction Stop
            $join.UserName | Should -BeLike 'anon_*'
            $join.UserId | Should -Not -Be $user.UserId
        }

        It 'after Disable-KasmSessionSharing the share id is gone and joining with it fails (<UnknownShareId>)' {
            $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
            $share = $s | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
            $run = Invoke-Captured { $share | Disable-KasmSessionSharing -WhatIf } -Variables @{ share = $share }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike "*on target `"session $($s.KasmId)`"."
            @(Get-EmulatorRequestMethod $emu) | Should -HaveCount 0
            $share | Disable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
            ($s | Get-KasmSessionShare).ShareId | Should -BeNullOrEmpty
            $share | Join-KasmSession -UserName admin@kasm.local -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownShareId,*"
            $ev[0].TargetObject | Should -BeExactly $share.ShareId
            # A second delete is not an error.
            $s | Disable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
            (Get-Command Disable-KasmSessionSharing).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }

        It 'an unknown -UserName or a malformed share id is refused before anything is sent' {
            Join-KasmSession -ShareId 1a2b3c4d -UserName nobody@kasm.local -Confirm:$false -ErrorVariable ev1 -ErrorAction SilentlyContinue
            $ev1[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            { Join-KasmSession -ShareId 'x y' -Confirm:$false -ErrorAction Stop } | Should -Throw
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
        }
    }
}
