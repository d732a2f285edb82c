#Requires -Version 5.1
# -ThrottleLimit: several requests in flight over one connection, with output, errors, ShouldProcess and progress on
# the pipeline thread, in input order; -ErrorAction Stop and Ctrl+C leave nothing running (docs/design.md#bulk).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator
    $conn = $kasm.Connection
    $adminId = [guid] '4d3f5a1b2c6e4f708192a3b4c5d6e7f8'
    $chromeId = [guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b'

    function New-Row([string] $Prefix, [int] $Count) {
        1..$Count | ForEach-Object { [pscustomobject]@{ UserName = "$Prefix-$_@example.com" } }
    }
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe '-ThrottleLimit' {
    BeforeEach {
        Reset-Emulator $emu
        Get-EmulatorInFlight $emu -ResetPeak
    }

    It 'is offered by every cmdlet that sends one request per piped item, 1 by default, and by no other' {
        $bulk = 'New-KasmSession', 'Remove-KasmSession', 'New-KasmUser', 'Set-KasmUser', 'Set-KasmImage', 'New-KasmStorageProvider', 'New-KasmGroup', 'New-KasmImage', 'Invoke-KasmSessionCommand',
            'Suspend-KasmSession', 'Resume-KasmSession', 'Stop-KasmSession', 'Send-KasmSessionKeepalive', 'Enable-KasmSessionSharing', 'Disable-KasmSessionSharing',
            'Save-KasmSessionScreenshot', 'Remove-KasmUser', 'Revoke-KasmUserLogin', 'Get-KasmUserLoginLink', 'Get-KasmUserAttribute', 'Set-KasmUserAttribute',
            'Set-KasmGroup', 'Remove-KasmGroup', 'Get-KasmGroupMember', 'Get-KasmGroupImage', 'Add-KasmGroupMember', 'Remove-KasmGroupMember',
            'Add-KasmGroupImage', 'Remove-KasmGroupImage', 'Remove-KasmImage', 'Remove-KasmStorageProvider',
            'Get-KasmGroupSetting', 'Set-KasmGroupSetting', 'Remove-KasmGroupSetting', 'Set-KasmStorageProvider', 'Grant-KasmSessionPermission', 'Revoke-KasmSessionPermission',
            'New-KasmStorageMapping', 'Set-KasmStorageMapping', 'Remove-KasmStorageMapping'
        $with = @(Get-Command -Module Kasm | Where-Object { $_.Parameters.ContainsKey('ThrottleLimit') } | ForEach-Object Name)
        $with | Sort-Object | Should -Be ($bulk | Sort-Object)
        foreach ($name in $bulk) { (New-Object "Kasm.Cmdlets.$($name -replace '-', '')Command").ThrottleLimit | Should -Be 1 }
    }

    It 'keeps the input order when later requests finish first, and keeps at most that many in flight' {
        # Every third create_user is slow and every other one a bit slow, so answers come back out of order.
        $null = Set-EmulatorFault $emu -ApiMethod create_user -LatencyMs 400 -Every 3
        $null = Set-EmulatorFault $emu -ApiMethod create_user -LatencyMs 150 -Every 2
        $rows = @(New-Row 'order' 30)
        $users = @($rows | New-KasmUser -ThrottleLimit 6)
        $users.UserName | Should -Be @($rows.UserName)
        $load = Get-EmulatorInFlight $emu
        $load.peak | Should -BeLessOrEqual 6
        $load.peak | Should -BeGreaterThan 1
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'create_user' }).Count | Should -Be 30
    }

    It 'New-KasmGroup and New-KasmImage keep the input order too, every item sent once' {
        $null = Set-EmulatorFault $emu -ApiMethod create_group -LatencyMs 300 -Every 3
        $null = Set-EmulatorFault $emu -ApiMethod create_image -LatencyMs 300 -Every 3
        $groups = @(1..9 | ForEach-Object { [pscustomobject]@{ Name = "Throttle group $_"; Priority = 100 + $_ } })
        $made = @($groups | New-KasmGroup -ThrottleLimit 4 -Confirm:$false)
        $made.Name | Should -Be @($groups.Name)
        $made.Priority | Should -Be @($groups.Priority)
        $images = @(1..9 | ForEach-Object { [pscustomobject]@{ FriendlyName = "Throttle $_"; DockerImage = "kasmweb/throttle-$($_):1.0" } })
        $registered = @($images | New-KasmImage -ThrottleLimit 4 -Confirm:$false)
        $registered.FriendlyName | Should -Be @($images.FriendlyName)
        (Get-EmulatorRequestMethod $emu | Where-Object { $_ -in 'create_group', 'create_image' } | Group-Object | ForEach-Object { '{0}={1}' -f $_.Name, $_.Count }) |
            Should -Be @('create_group=9', 'create_image=9')
    }

    It 'writes one error per failing item, naming it, with the same ErrorId as one at a time, and the others succeed' {
        $null = New-KasmUser -UserName 'taken-1@example.com'
        $null = New-KasmUser -UserName 'taken-2@example.com'
        $null = New-KasmUser -UserName 'taken-1@example.com' -ErrorAction SilentlyContinue -ErrorVariable sequential
        $rows = @(New-Row 'mixed' 10) + @([pscustomobject]@{ UserName = 'taken-1@example.com' }) + @(New-Row 'more' 5) +
            @([pscustomobject]@{ UserName = 'taken-2@example.com' })
        $users = @($rows | New-KasmUser -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable ev)
        $users.UserName | Should -Be @($rows.UserName | Where-Object { $_ -notlike 'taken-*' })
        $ev | Should -HaveCount 2
        $ev.TargetObject | Should -Be @('taken-1@example.com', 'taken-2@example.com')
        foreach ($e in $ev) { $e.FullyQualifiedErrorId | Should -BeExactly $sequential[0].FullyQualifiedErrorId }
    }

    It 'with -ErrorAction Stop, stops at the first failure, sends nothing more and leaves nothing running' {
        $null = New-KasmUser -UserName 'stop-5@example.com'
        $null = Set-EmulatorFault $emu -ApiMethod create_user -LatencyMs 200
        Clear-EmulatorRequestLog $emu
        $rows = @(New-Row 'stop' 40)
        $caught = $null
        try { $rows | New-KasmUser -ThrottleLimit 4 -ErrorAction Stop | Out-Null } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.TargetObject | Should -Be 'stop-5@example.com'
        Wait-EmulatorInFlight $emu | Should -BeTrue
        # Items 1-4 went before it and at most 4 after it were in flight (cancelled or done); the rest never went.
        $sent = @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'create_user').Count
        $sent | Should -BeLessOrEqual 9
        $names = @(Get-KasmUser).UserName
        foreach ($i in 10..40) { $names | Should -Not -Contain "stop-$i@example.com" }
        foreach ($i in 1..4) { $names | Should -Contain "stop-$i@example.com" }
    }

    It 'stops at once on Ctrl+C (StopProcessing) and leaves no request running' {
        # Each create_user takes a minute: only a cancelled request ends sooner.
        $null = Set-EmulatorFault $emu -ApiMethod create_user -LatencyMs 60000
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Connection)
                    Import-Module $Manifest
                    1..50 | ForEach-Object { [pscustomobject]@{ UserName = "ctrlc-$_@example.com" } } |
                        New-KasmUser -Connection $Connection -ThrottleLimit 8
                }).AddArgument((Get-KasmModuleManifestPath)).AddArgument($conn)
            $async = $ps.BeginInvoke()
            # The state to stop in: eight requests at the server.
            Wait-EmulatorInFlight $emu -Count 8 | Should -BeTrue
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $ps.Stop()
            $watch.Stop()
            # A hang guard, far below the minute each request would take if it were not cancelled.
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-EmulatorInFlight $emu | Should -BeTrue
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'create_user').Count | Should -Be 0
            (Get-EmulatorInFlight $emu).peak | Should -Be 8
        }
        finally { $ps.Dispose() }
    }

    It 'stopped early downstream (Select-Object -First), it ends cleanly, and the process survives its workers' {
        # In a child process: a worker that outlived the command used to signal a disposed handle and end the process.
        # The child runs the early stop many times, then lets any straggling worker finish before it exits.
        $key = Get-EmulatorKey $emu
        $script = Join-Path $TestDrive 'early-stop.ps1'
        Set-Content $script @'
param($Manifest, $Server, $ApiKey, $Secret, $Thumbprint)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$null = Connect-Kasm -Server $Server -ApiKey $ApiKey -ApiKeySecret (ConvertTo-SecureString $Secret -AsPlainText -Force) -CertificateThumbprint $Thumbprint
$got = 0
foreach ($round in 1..25) {
    $got += @(1..8 | ForEach-Object { [pscustomobject]@{ Name = "early-$round-$_" } } | New-KasmGroup -ThrottleLimit 4 | Select-Object -First 2).Count
}
[GC]::Collect(); [GC]::WaitForPendingFinalizers()
Start-Sleep -Milliseconds 500
"got $got"
'@
        $exe = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $out = & $exe @prefix -NoProfile -NonInteractive -File $script -Manifest (Get-KasmModuleManifestPath) -Server ([string] $emu.Url) `
            -ApiKey $key.apiKey -Secret $key.apiKeySecret -Thumbprint $emu.Thumbprint 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $out
        $out | Should -Match 'got 50'
    }

    It 'with -WhatIf sends nothing' {
        Clear-EmulatorRequestLog $emu
        $sessions = @(Get-KasmSession)
        # In a capturing host: the What if lines are asserted here, not printed into the test log.
        $run = Invoke-Captured {
            1..10 | ForEach-Object { [pscustomobject]@{ UserName = "whatif-$_@example.com" } } | New-KasmUser -ThrottleLimit 4 -WhatIf
            $sessions | Remove-KasmSession -ThrottleLimit 4 -WhatIf
        } -Variables @{ sessions = $sessions }
        $run.Errors | Should -BeNullOrEmpty
        $run.WhatIf | Should -HaveCount (10 + $sessions.Count)
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notin 'get_kasms' }) | Should -HaveCount 0
    }

    It 'waits for sessions in parallel with their progress on the pipeline thread' {
        $null = Set-EmulatorSetting $emu @{ maxKasmsPerUser = 10; licenseLimit = 10; sessionStartDelayMs = 300 }
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($Manifest, $Connection, $ImageId, $UserId)
                    Import-Module $Manifest
                    1..4 | ForEach-Object { [pscustomobject]@{ ImageId = $ImageId; UserId = $UserId } } |
                        New-KasmSession -Connection $Connection -ThrottleLimit 4 -Wait -PollIntervalSec 0.05 -WaitTimeoutSec 60
                }).AddArgument((Get-KasmModuleManifestPath)).AddArgument($conn).AddArgument($chromeId).AddArgument($adminId)
            $sessions = @($ps.Invoke())
            $ps.Streams.Error | Should -HaveCount 0
            $sessions | Should -HaveCount 4
            @($sessions.Status | Select-Object -Unique) | Should -Be 'running'
            @($sessions.KasmId | Select-Object -Unique) | Should -HaveCount 4
            # One progress bar per session waited for, each completed.
            $bars = $ps.Streams.Progress | Group-Object ActivityId
            $bars | Should -HaveCount 4
            foreach ($bar in $bars) { $bar.Group[-1].RecordType | Should -Be 'Completed' }
        }
        finally { $ps.Dispose() }
    }
}

Describe '-ThrottleLimit on the per-item actions' {
    BeforeEach {
        Reset-Emulator $emu
        Get-EmulatorInFlight $emu -ResetPeak
    }

    It 'a session action (Enable-KasmSessionSharing) keeps input order, at most that many in flight, an error naming the failing session' {
        $null = Set-EmulatorSetting $emu @{ maxKasmsPerUser = 20; licenseLimit = 20; sessionStartDelayMs = 0 }
        # The state to share in: the group setting that lets sessions be shared (off by default, as on real servers).
        $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
        $plainId = [guid] '9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f'
        $sessions = @(1..8 | ForEach-Object { [pscustomobject]@{ ImageId = $chromeId; UserId = $plainId } } | New-KasmSession -ThrottleLimit 4)
        $sessions | Should -HaveCount 8
        $ghost = [guid] 'feedfacefeedfacefeedfacefeedface'
        $rows = @($sessions[0..3] | ForEach-Object { [pscustomobject]@{ KasmId = $_.KasmId; UserId = $_.UserId } }) +
            @([pscustomobject]@{ KasmId = $ghost; UserId = $plainId }) +
            @($sessions[4..7] | ForEach-Object { [pscustomobject]@{ KasmId = $_.KasmId; UserId = $_.UserId } })
        $null = Set-EmulatorFault $emu -ApiMethod create_kasm_share_id -LatencyMs 400 -Every 3
        $null = Set-EmulatorFault $emu -ApiMethod create_kasm_share_id -LatencyMs 150 -Every 2
        Clear-EmulatorRequestLog $emu
        Get-EmulatorInFlight $emu -ResetPeak
        $out = @($rows | Enable-KasmSessionSharing -ThrottleLimit 4 -Confirm:$false -ErrorAction Continue -ErrorVariable ev 2>&1)
        # Results and the error in input order: four shares, the error for the unknown session, four shares.
        $out | Should -HaveCount 9
        $out[4] | Should -BeOfType System.Management.Automation.ErrorRecord
        $out[4].TargetObject | Should -Be $ghost
        @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object KasmId) | Should -Be @($sessions.KasmId)
        $ev | Should -HaveCount 1
        $load = Get-EmulatorInFlight $emu
        $load.peak | Should -BeLessOrEqual 4
        $load.peak | Should -BeGreaterThan 1
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'create_kasm_share_id' }) | Should -HaveCount 9
    }

    It 'a user action (Get-KasmUserAttribute) binds -UserName from piped rows and keeps an unknown name''s error in its place' {
        $made = @(New-Row 'attr' 8 | New-KasmUser -ThrottleLimit 4)
        $rows = @($made[0..3] | Select-Object UserName) + @([pscustomobject]@{ UserName = 'nobody-here@example.com' }) + @($made[4..7] | Select-Object UserName)
        $null = Set-EmulatorFault $emu -ApiMethod get_attributes -LatencyMs 400 -Every 3
        $null = Set-EmulatorFault $emu -ApiMethod get_attributes -LatencyMs 150 -Every 2
        Get-EmulatorInFlight $emu -ResetPeak
        Clear-EmulatorRequestLog $emu
        $out = @($rows | Get-KasmUserAttribute -ThrottleLimit 4 -ErrorAction Continue 2>&1)
        $out | Should -HaveCount 9
        # Before, the look-up error was written at once, ahead of the four results still in flight.
        $out[4] | Should -BeOfType System.Management.Automation.ErrorRecord
        $out[4].TargetObject | Should -Be 'nobody-here@example.com'
        $out[4].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object UserId) | Should -Be @($made.UserId)
        $load = Get-EmulatorInFlight $emu
        $load.peak | Should -BeLessOrEqual 4
        $load.peak | Should -BeGreaterThan 1
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_attributes' }) | Should -HaveCount 8
    }

    It 'a piped user binds by id (not by name) and rows with a UserName column remove users (Import-Csv | Remove-KasmUser)' {
        $made = @(New-Row 'csv' 6 | New-KasmUser)
        $csv = Join-Path $TestDrive 'names.csv'
        $made[0..2] | Select-Object UserName | Export-Csv $csv -NoTypeInformation
        Clear-EmulatorRequestLog $emu
        Import-Csv $csv | Remove-KasmUser -ThrottleLimit 3 -Confirm:$false
        # A piped KasmUser has both UserId and UserName: it binds -UserId (no look-up by name).
        $made[3..5] | Remove-KasmUser -ThrottleLimit 3 -Confirm:$false
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'delete_user' }) | Should -HaveCount 6
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_users' }) | Should -HaveCount 1
        $names = @(Get-KasmUser).UserName
        foreach ($u in $made) { $names | Should -Not -Contain $u.UserName }
    }

    It 'a group action (Set-KasmGroup) and group membership keep input order and the limit, an error naming the failing group' {
        $groups = @(1..6 | ForEach-Object { [pscustomobject]@{ Name = "Throttle set $_" } } | New-KasmGroup -Confirm:$false)
        $ghost = [guid] 'deadbeefdeadbeefdeadbeefdeadbeef'
        $rows = @($groups[0..2] | Select-Object GroupId) + @([pscustomobject]@{ GroupId = $ghost }) + @($groups[3..5] | Select-Object GroupId)
        $null = Set-EmulatorFault $emu -ApiMethod update_group -LatencyMs 400 -Every 3
        $null = Set-EmulatorFault $emu -ApiMethod update_group -LatencyMs 150 -Every 2
        Get-EmulatorInFlight $emu -ResetPeak
        $out = @($rows | Set-KasmGroup -Description 'throttled' -PassThru -ThrottleLimit 3 -Confirm:$false -ErrorAction Continue 2>&1)
        $out | Should -HaveCount 7
        $out[3] | Should -BeOfType System.Management.Automation.ErrorRecord
        $out[3].TargetObject | Should -Be $ghost
        @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object Name) | Should -Be @($groups.Name)
        @($out | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] } | ForEach-Object Description | Select-Object -Unique) | Should -Be 'throttled'
        $load = Get-EmulatorInFlight $emu
        $load.peak | Should -BeLessOrEqual 3
        $load.peak | Should -BeGreaterThan 1

        # Rows with a UserName column add each user to the group.
        $users = @(New-Row 'member' 5 | New-KasmUser)
        $users | Select-Object UserName | Add-KasmGroupMember -GroupName 'Throttle set 1' -ThrottleLimit 3 -Confirm:$false
        @(Get-KasmGroupMember -GroupName 'Throttle set 1' | ForEach-Object UserName | Sort-Object) | Should -Be @($users.UserName | Sort-Object)
        $users | Remove-KasmGroupMember -GroupName 'Throttle set 1' -ThrottleLimit 3 -Confirm:$false
        @(Get-KasmGroupMember -GroupName 'Throttle set 1') | Should -HaveCount 0
    }

    It 'a closed connection ends the command after the results of the items before it, and sends nothing after it' {
        $made = @(New-Row 'closed' 6 | New-KasmUser)
        $closed = Connect-TestKasm $emu
        Disconnect-Kasm -Connection $closed
        $rows = @($made[0..2] | Select-Object UserName) + @([pscustomobject]@{ UserName = $made[3].UserName; Connection = $closed }) +
            @($made[4..5] | Select-Object UserName)
        $null = Set-EmulatorFault $emu -ApiMethod get_attributes -LatencyMs 300
        Clear-EmulatorRequestLog $emu
        $got = [System.Collections.Generic.List[object]]::new()
        $caught = $null
        try { $rows | Get-KasmUserAttribute -ThrottleLimit 4 | ForEach-Object { $got.Add($_) } } catch { $caught = $_ }
        $caught | Should -Not -BeNullOrEmpty
        $caught.FullyQualifiedErrorId | Should -BeLike 'KasmNotConnected*'
        @($got.UserId) | Should -Be @($made[0..2].UserId)
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_attributes' }) | Should -HaveCount 3
    }
}

Describe 'Bulk faults' {
    It '1,000 removals at -ThrottleLimit 16 with every 10th destroy failing give exactly 100 errors and 900 sessions gone' {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ maxKasmsPerUser = 2000; licenseLimit = 2000; destroyDelayMs = 0 }
        $sessions = @(1..1000 | ForEach-Object { [pscustomobject]@{ ImageId = $chromeId; UserId = $adminId } } | New-KasmSession -ThrottleLimit 16)
        $sessions | Should -HaveCount 1000
        @(Get-KasmSession) | Should -HaveCount 1000

        # A 500 with a JSON error_message: destroy_kasm is retry-safe, but the transport retries only connection
        # faults, 429, 502, 503 and 504, so each injected failure is sent once and fails once: the count is exact.
        $null = Set-EmulatorFault $emu -ApiMethod destroy_kasm -Status 500 -Body json -Every 10
        Clear-EmulatorRequestLog $emu
        $sessions | Remove-KasmSession -ThrottleLimit 16 -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable ev
        Set-EmulatorFault $emu -Clear

        $ev | Should -HaveCount 100
        foreach ($e in $ev) { $e.FullyQualifiedErrorId | Should -BeLike 'KasmServerError,*' }
        $failed = @($ev.TargetObject | Sort-Object -Unique)
        $failed | Should -HaveCount 100
        @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'destroy_kasm') | Should -HaveCount 1000
        $left = @(Get-KasmSession)
        $left | Should -HaveCount 100
        @($left.KasmId | Sort-Object) | Should -Be @($failed | Sort-Object)
        # Errors come in input order too.
        $order = @{}; for ($i = 0; $i -lt 1000; $i++) { $order[$sessions[$i].KasmId] = $i }
        $positions = @($ev.TargetObject | ForEach-Object { $order[$_] })
        $positions | Should -Be @($positions | Sort-Object)
    }
}
