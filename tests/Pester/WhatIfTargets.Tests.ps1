#Requires -Version 5.1
# What -WhatIf and -Confirm name: the session's user and workspace, the workspace and the user by name, wherever the
# cmdlet knows the name (command line, piped object, or a lookup it makes anyway). The "What if:" lines are read from
# the host of a runspace of their own (Invoke-InCapturingHost), so they are asserted and stay out of the test log.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator

    function Invoke-WhatIf([string] $Script, [hashtable] $Variables = @{}) {
        $run = Invoke-InCapturingHost -Emulator $emu -Script $Script -Variables $Variables
        $run.Errors | Should -BeNullOrEmpty
        $run.WhatIf
    }
    function Get-ChangingRequest {
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' -and $_ -ne 'system_info' })
    }
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe 'ShouldProcess targets' {
    BeforeEach {
        Reset-Emulator $emu
    }

    Context 'sessions' {
        BeforeEach {
            $session = New-KasmSession -ImageName Chrome -UserName user@kasm.local
            $short = $session.KasmId.ToString().Substring(0, 8)
            Clear-EmulatorRequestLog $emu
        }

        It 'names the user and the workspace of a piped session' {
            $lines = Invoke-WhatIf 'Get-KasmSession | Remove-KasmSession -WhatIf'
            $lines | Should -Be "Performing the operation `"End Kasm session`" on target `"session of user@kasm.local running Chrome ($short)`"."
            Get-ChangingRequest | Should -BeNullOrEmpty
        }

        It 'names them for -UserName, from the listing it makes anyway' {
            $lines = Invoke-WhatIf 'Remove-KasmSession -UserName user@kasm.local -WhatIf'
            $lines | Should -Be "Performing the operation `"End Kasm session`" on target `"session of user@kasm.local running Chrome ($short)`"."
            Get-ChangingRequest | Should -BeNullOrEmpty
        }

        It 'shows the whole id of a session given only by id, and sends nothing for the text' {
            $lines = Invoke-WhatIf "Remove-KasmSession -KasmId $($session.KasmId) -WhatIf"
            $lines | Should -Be "Performing the operation `"End Kasm session`" on target `"session $($session.KasmId)`"."
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'get_kasm'
        }
    }

    It 'names the workspace and the user of a new session, given by name or piped' {
        Invoke-WhatIf 'New-KasmSession -ImageName Chrome -UserName user@kasm.local -WhatIf' |
            Should -Be 'Performing the operation "Start Kasm session" on target "workspace Chrome for user user@kasm.local".'
        Invoke-WhatIf 'Get-KasmImage -Name Chrome | New-KasmSession -UserName user@kasm.local -WhatIf' |
            Should -Be 'Performing the operation "Start Kasm session" on target "workspace Chrome for user user@kasm.local".'
        Invoke-WhatIf 'Get-KasmUser user@kasm.local | New-KasmSession -ImageName Terminal -WhatIf' |
            Should -Be 'Performing the operation "Start Kasm session" on target "workspace Terminal for user user@kasm.local".'
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'names the workspace by name, given by name or piped, and by id when given by id' {
        Invoke-WhatIf 'Set-KasmImage Chrome -Cores 3 -WhatIf' | Should -Be 'Performing the operation "Set cores=3" on target "workspace Chrome".'
        Invoke-WhatIf 'Get-KasmImage -Name Chrome | Set-KasmImage -Cores 3 -WhatIf' | Should -Be 'Performing the operation "Set cores=3" on target "workspace Chrome".'
        $id = (Get-KasmImage -Name Chrome).ImageId
        Invoke-WhatIf "Set-KasmImage -ImageId $id -Cores 3 -WhatIf" | Should -Be "Performing the operation `"Set cores=3`" on target `"workspace $id`"."
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'names the user by name, given by name or piped, and by id when given by id' {
        Invoke-WhatIf 'Set-KasmUser user@kasm.local -Organization Ops -WhatIf' | Should -Be 'Performing the operation "Set organization=Ops" on target "user user@kasm.local".'
        Invoke-WhatIf 'Get-KasmUser user@kasm.local | Set-KasmUser -Organization Ops -WhatIf' | Should -Be 'Performing the operation "Set organization=Ops" on target "user user@kasm.local".'
        $id = (Get-KasmUser user@kasm.local).UserId
        Invoke-WhatIf "Set-KasmUser -UserId $id -Organization Ops -WhatIf" | Should -Be "Performing the operation `"Set organization=Ops`" on target `"user $id`"."
        Get-ChangingRequest | Should -BeNullOrEmpty
    }

    It 'names a new user and a new storage provider' {
        Invoke-WhatIf 'New-KasmUser bob@example.com -WhatIf' | Should -Be 'Performing the operation "Create Kasm user" on target "user bob@example.com".'
        Invoke-WhatIf 'New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl https://cloud.example.com/remote.php/dav/files/ -WhatIf' |
            Should -Be 'Performing the operation "Create Nextcloud storage provider" on target "storage provider Nextcloud".'
        Get-ChangingRequest | Should -BeNullOrEmpty
    }
}
