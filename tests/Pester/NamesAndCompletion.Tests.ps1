#Requires -Version 5.1
# Conventions every cmdlet inherits: names where an id is taken (exact match first; unknown or ambiguous names fail,
# listing the candidates, before anything is sent), piped objects that narrow what a Get- cmdlet returns, and live
# tab completion that never throws and never holds the prompt past its budget. Against the emulator over HTTPS.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    function Get-Completion([string] $Line) {
        <# What Tab offers at the end of $Line, as the texts it would insert. #>
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches | ForEach-Object CompletionText)
    }
}

Describe 'Names, pipelines and Tab against the <EmulatorProfile> emulator' -ForEach @(
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
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; maxKasmsPerUser = 5; licenseLimit = 20; newSessionStatus = $null }
        # A second workspace called Chrome makes the name ambiguous in the tests that want it.
        [Kasm.Cmdlets.Completion.KasmCompleter].Assembly.GetType('Kasm.Cmdlets.Completion.CompletionCache')::Clear()
        $conn = Connect-TestKasm -Emulator $emu
    }

    Context 'New-KasmSession -ImageName -UserName' {
        It 'starts a session by names (case does not matter), the same as by ids' {
            $s = New-KasmSession -ImageName chrome -UserName USER@kasm.local -ErrorAction Stop
            $s.ImageId | Should -Be ([guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b')
            $s.UserId | Should -Be ([guid] '9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f')
            (Get-EmulatorRequestMethod $emu) | Should -Contain 'request_kasm'
        }

        It 'an unknown workspace name is KasmItemNotFound listing candidates, and nothing is requested' {
            Clear-EmulatorRequestLog $emu
            New-KasmSession -ImageName Chrom -UserName user@kasm.local -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].Exception.Message | Should -BeLike "*'Chrom'*Chrome*"
            $ev[0].TargetObject | Should -BeExactly 'Chrom'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'request_kasm'
        }

        It 'an unknown user name is KasmItemNotFound, and nothing is requested' {
            Clear-EmulatorRequestLog $emu
            New-KasmSession -ImageName Chrome -UserName nobody@example.com -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].Exception.Message | Should -BeLike '*nobody@example.com*'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'request_kasm'
        }

        It 'an ambiguous workspace name is KasmInvalidArgument listing both, and nothing is requested' {
            $null = Get-KasmImage -Name Firefox | Set-KasmImage -FriendlyName Chrome -Confirm:$false -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
            New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].Exception.Message | Should -BeLike '*ambiguous*kasmweb/chrome*kasmweb/firefox*'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'request_kasm'
        }

        It 'reads each list once for a whole pipeline of sessions' {
            Clear-EmulatorRequestLog $emu
            $users = 1..3 | ForEach-Object { New-KasmUser -UserName "bulk$_@example.com" -ErrorAction Stop }
            Clear-EmulatorRequestLog $emu
            $null = $users | ForEach-Object { [pscustomobject]@{ UserId = $_.UserId } } | New-KasmSession -ImageName Chrome -ErrorAction Stop
            $m = Get-EmulatorRequestMethod $emu
            @($m | Where-Object { $_ -eq 'get_images' }) | Should -HaveCount 1
            @($m | Where-Object { $_ -eq 'request_kasm' }) | Should -HaveCount 3
        }
    }

    Context 'Set-KasmImage and Set-KasmUser by name' {
        It 'Set-KasmImage takes the workspace name in first position' {
            (Set-KasmImage Terminal -Cores 3 -Confirm:$false -PassThru -ErrorAction Stop).Cores | Should -Be 3
            (Get-KasmImage -Name Terminal).Cores | Should -Be 3
        }

        It 'Set-KasmUser takes the user name in first position, and a piped user still goes by its id' {
            (Set-KasmUser user@kasm.local -Organization Named -Confirm:$false -PassThru -ErrorAction Stop).Organization | Should -Be 'Named'
            (Get-KasmUser admin@kasm.local | Set-KasmUser -Organization Piped -Confirm:$false -PassThru -ErrorAction Stop).Organization | Should -Be 'Piped'
        }

        It 'an unknown name is KasmItemNotFound and nothing is changed' {
            Clear-EmulatorRequestLog $emu
            Set-KasmImage NoSuchWorkspace -Cores 3 -Confirm:$false -ErrorVariable ev1 -ErrorAction SilentlyContinue
            Set-KasmUser nobody@example.com -Organization X -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
            $ev1[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'update_image'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'update_user'
        }

        It 'completes the names in first position' {
            Get-Completion 'Set-KasmImage Term' | Should -Be @('Terminal')
            Get-Completion 'Set-KasmUser adm' | Should -Be @('admin@kasm.local')
        }
    }

    Context 'Get-KasmSession and Remove-KasmSession by user name, and piped workspaces' {
        BeforeEach {
            $a = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
            $b = New-KasmSession -ImageName Terminal -UserName user@kasm.local -ErrorAction Stop
            $c = New-KasmSession -ImageName Chrome -UserName admin@kasm.local -ErrorAction Stop
        }

        It 'Get-KasmSession -UserName lists only that user''s sessions' {
            (Get-KasmSession -UserName user@kasm.local).KasmId | Sort-Object | Should -Be (@($a.KasmId, $b.KasmId) | Sort-Object)
        }

        It 'Get-KasmSession -UserName with an unknown name fails listing candidates' {
            Get-KasmSession -UserName nobody -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        }

        It 'a piped workspace narrows Get-KasmSession to its sessions (and so Remove-KasmSession to them)' {
            (Get-KasmImage -Name Terminal | Get-KasmSession).KasmId | Should -Be @($b.KasmId)
            Get-KasmImage -Name Terminal | Get-KasmSession | Remove-KasmSession -Confirm:$false
            (Get-KasmSession | Where-Object Status -NE 'deleting').KasmId | Sort-Object | Should -Be (@($a.KasmId, $c.KasmId) | Sort-Object)
        }

        It 'a piped user narrows Get-KasmSession to their sessions' {
            (Get-KasmUser admin@kasm.local | Get-KasmSession).KasmId | Should -Be @($c.KasmId)
        }

        It 'Remove-KasmSession -UserName ends each of that user''s sessions and no other' {
            Clear-EmulatorRequestLog $emu
            Remove-KasmSession -UserName user@kasm.local -Confirm:$false -ErrorAction Stop
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ destroy_kasm) | Should -HaveCount 2
            (Get-KasmSession -KasmId $c.KasmId).Status | Should -Not -Be 'deleting'
        }

        It 'Remove-KasmSession -UserName with an unknown name ends nothing' {
            Clear-EmulatorRequestLog $emu
            Remove-KasmSession -UserName nobody@example.com -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'destroy_kasm'
        }
    }

    Context 'Tab completion' {
        It 'completes workspace names, quoting names with spaces' {
            Get-Completion 'Get-KasmImage -Name Ch' | Should -Contain 'Chrome'
            Get-Completion 'Get-KasmImage -Name Ubu' | Should -Be @("'Ubuntu Jammy'")
            Get-Completion 'New-KasmSession -ImageName Fire' | Should -Be @('Firefox')
            Get-Completion 'Set-KasmUserAttribute -UserName user@kasm.local -DefaultImageName Fire' | Should -Be @('Firefox')
        }

        It 'completes user names, session ids, groups, storage providers and provider types' {
            Get-Completion 'Get-KasmUser -UserName adm' | Should -Be @('admin@kasm.local')
            Get-Completion 'New-KasmSession -ImageName Chrome -UserName us' | Should -Be @('user@kasm.local')
            Get-Completion 'Get-KasmGroup -Name All' | Should -Be @("'All Users'")
            foreach ($cmdlet in 'Set-KasmGroup', 'Remove-KasmGroup', 'Get-KasmGroupMember', 'Add-KasmGroupMember', 'Remove-KasmGroupMember', 'Get-KasmGroupImage', 'Add-KasmGroupImage', 'Remove-KasmGroupImage', 'Get-KasmGroupSetting', 'Set-KasmGroupSetting', 'Remove-KasmGroupSetting') {
                Get-Completion "$cmdlet -GroupName Op" | Should -Be @('Ops') -Because "$cmdlet completes group names"
            }
            Get-Completion 'Add-KasmGroupMember -GroupName Ops -UserName adm' | Should -Be @('admin@kasm.local')
            Get-Completion 'Add-KasmGroupImage -GroupName Ops -ImageName Fire' | Should -Be @('Firefox')
            Get-Completion 'Remove-KasmImage -ImageName Fire' | Should -Be @('Firefox')
            Get-Completion 'Get-KasmStorageProvider -Name Goo' | Should -Be @("'Google Drive'")
            Get-Completion 'Remove-KasmStorageProvider -Name Goo' | Should -Be @("'Google Drive'")
            Get-Completion 'Set-KasmStorageProvider -Name Goo' | Should -Be @("'Google Drive'")
            Get-Completion 'New-KasmStorageMapping -UserName user@kasm.local -StorageProviderName Tea' | Should -Be @("'Team S3'")
            Get-Completion 'Get-KasmStorageMapping -GroupName Op' | Should -Be @('Ops')
            Get-Completion 'New-KasmStorageMapping -ImageName Fire' | Should -Be @('Firefox')
            Get-Completion 'Get-KasmStorageMapping -UserName adm' | Should -Be @('admin@kasm.local')
            Get-Completion 'Get-KasmZone -Name def' | Should -Be @('default')
            Get-Completion 'Get-KasmServer -Name win' | Should -Be @('win-desktop-01.example.com')
            Get-Completion 'Get-KasmApiKey -Name read' | Should -Be @('readonly')
            Get-Completion 'Get-KasmSetting -Name session' | Should -Be @('session_lifetime')
            foreach ($cmdlet in 'Get-KasmGroupSetting', 'Set-KasmGroupSetting', 'Remove-KasmGroupSetting') {
                Get-Completion "$cmdlet -GroupName Ops -Name max_k" | Should -Be @('max_kasms_per_user') -Because "$cmdlet completes group setting names"
            }
            # PowerShell completes an enum parameter from the enum itself; 'Google Drive' is accepted when typed.
            Get-Completion 'New-KasmStorageProvider -Name x -Type Goo' | Should -Contain 'GoogleDrive'
            $s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
            Get-Completion 'Remove-KasmSession -KasmId ' | Should -Contain $s.KasmId.ToString()
            Get-Completion 'Get-KasmSession -KasmId ' | Should -Contain $s.KasmId.ToString()
            foreach ($cmdlet in 'Get-KasmSessionStatus', 'Wait-KasmSession', 'Suspend-KasmSession', 'Resume-KasmSession', 'Stop-KasmSession', 'Send-KasmSessionKeepalive', 'Invoke-KasmSessionCommand', 'Save-KasmSessionScreenshot', 'Enable-KasmSessionSharing', 'Disable-KasmSessionSharing', 'Get-KasmSessionShare', 'Get-KasmSessionRecording') {
                Get-Completion "$cmdlet -KasmId " | Should -Contain $s.KasmId.ToString() -Because "$cmdlet completes session ids"
            }
            foreach ($cmdlet in 'Suspend-KasmSession', 'Resume-KasmSession', 'Stop-KasmSession', 'Enable-KasmSessionSharing', 'Disable-KasmSessionSharing', 'Join-KasmSession', 'Remove-KasmUser', 'Revoke-KasmUserLogin', 'Get-KasmUserLoginLink', 'Get-KasmUserAttribute', 'Set-KasmUserAttribute') {
                Get-Completion "$cmdlet -UserName us" | Should -Be @('user@kasm.local') -Because "$cmdlet completes user names"
            }
        }

        It 'reads a list once for repeated Tabs (a short-lived cache per connection)' {
            Clear-EmulatorRequestLog $emu
            $null = Get-Completion 'Get-KasmImage -Name C'
            $null = Get-Completion 'Get-KasmImage -Name F'
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ get_images) | Should -HaveCount 1
        }

        It 'uses the -Connection given on the command line' {
            $global:KasmCompletionTestConnection = $conn
            Get-Completion 'Get-KasmImage -Connection $KasmCompletionTestConnection -Name Ter' | Should -Be @('Terminal')
            Remove-Variable KasmCompletionTestConnection -Scope Global
        }

        It 'offers nothing, within the budget, while the server is too slow to answer' {
            $null = Set-EmulatorFault $emu -ApiMethod get_users -LatencyMs 60000 -Count 1
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $r = Get-Completion 'Get-KasmUser -UserName a'
            $watch.Stop()
            $r | Should -BeNullOrEmpty
            # The budget is 1.5 s; the server would take 60 s. Well under the server's time is what matters (the bound leaves
            # room for a loaded machine).
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
            $null = Set-EmulatorFault $emu -Clear
        }
    }
}

Describe 'Tab completion with a dead server' {
    It 'offers nothing and does not throw when the server is gone' {
        $emu = Start-TestEmulator -EmulatorProfile 'kasm-1.15'
        try {
            $null = Connect-TestKasm -Emulator $emu
            [Kasm.Cmdlets.Completion.KasmCompleter].Assembly.GetType('Kasm.Cmdlets.Completion.CompletionCache')::Clear()
        }
        finally { Stop-TestEmulator $emu }
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $r = Get-Completion 'Get-KasmImage -Name Ch'
        $watch.Stop()
        $r | Should -BeNullOrEmpty
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 20
        Disconnect-AllKasm
    }

    It 'offers nothing without a connection, and does not throw' {
        Disconnect-AllKasm
        Get-Completion 'Get-KasmImage -Name Ch' | Should -BeNullOrEmpty
        Get-Completion 'New-KasmStorageProvider -Name x -Type Drop' | Should -Be @('Dropbox')
    }
}
