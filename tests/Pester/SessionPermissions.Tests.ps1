#Requires -Version 5.1
# Get-, Grant-, Revoke-KasmSessionPermission against the real emulator over HTTPS, once per profile: the wire form of
# each method, the friendly access, set_all, piping, the failures (by ErrorId) and the JSON 500 of a delete.

Describe 'Session permissions against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; maxKasmsPerUser = 5; licenseLimit = 20; sessionPermissionVncFails = $false }
        $session = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
        $admin = Get-KasmUser -UserName admin@kasm.local -ErrorAction Stop
    }

    It 'grants View and Control as Kasm''s access letters, and lists them back by session and by user' {
        $debugged = Invoke-Debugged { @($session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access Control -Confirm:$false -ErrorAction Stop) }
        $granted = $debugged.Output
        $granted | Should -HaveCount 1
        $granted[0] | Should -BeOfType ([Kasm.Models.KasmSessionPermission])
        $granted[0].Access | Should -Be ([Kasm.Models.KasmSessionAccess] 'View, Control')
        $granted[0].AccessText | Should -BeExactly 'rw'
        $granted[0].UserName | Should -Be 'admin@kasm.local'
        $body = @(Get-SentBody $debugged.Debug -Method set_session_permissions)[0]
        $body.target_session_permissions.kasm_id | Should -BeExactly $session.KasmId.ToString('N')
        $body.target_session_permissions.session_permissions[0].user_id | Should -BeExactly $admin.UserId.ToString('N')
        $body.target_session_permissions.session_permissions[0].access | Should -BeExactly 'rw'

        $null = $session | Grant-KasmSessionPermission -UserId $admin.UserId -Access View -Confirm:$false -ErrorAction Stop
        $listed = @($session | Get-KasmSessionPermission -ErrorAction Stop)
        $listed | Should -HaveCount 1 -Because 'a second grant replaces the user''s permission'
        $listed[0].Access | Should -Be ([Kasm.Models.KasmSessionAccess]::View)
        $listed[0].KasmId | Should -Be $session.KasmId
        @(Get-KasmSessionPermission -UserName admin@kasm.local -ErrorAction Stop).KasmId | Should -Be @($session.KasmId)
        @(Get-KasmSessionPermission -UserName user@kasm.local -ErrorAction Stop) | Should -HaveCount 0
    }

    It '-AllUsers sets the same access for everyone who holds one (set_all_session_permissions)' {
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access Control -Confirm:$false -ErrorAction Stop
        $debugged = Invoke-Debugged { @($session | Grant-KasmSessionPermission -AllUsers -Access View -Confirm:$false -ErrorAction Stop) }
        $debugged.Output.Access | Should -Be @([Kasm.Models.KasmSessionAccess]::View)
        $body = @(Get-SentBody $debugged.Debug -Method set_all_session_permissions)[0]
        $body.target_session_permissions.access | Should -BeExactly 'r'
        @($session | Get-KasmSessionPermission).AccessText | Should -Be @('r')
    }

    It 'revokes piped permissions one by one, and -AllUsers revokes the rest' {
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false -ErrorAction Stop
        $session | Get-KasmSessionPermission | Revoke-KasmSessionPermission -Confirm:$false -ErrorAction Stop
        @($session | Get-KasmSessionPermission) | Should -HaveCount 0
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false -ErrorAction Stop
        $session | Revoke-KasmSessionPermission -AllUsers -Confirm:$false -ErrorAction Stop
        @($session | Get-KasmSessionPermission) | Should -HaveCount 0
        @(Get-EmulatorRequestMethod $emu) | Should -Contain 'delete_all_session_permissions'
    }

    It 'ending sharing drops the viewers'' permissions and keeps the controllers''' {
        $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
        $null = $session | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false -ErrorAction Stop
        $session | Disable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
        @($session | Get-KasmSessionPermission) | Should -HaveCount 0
        $null = $session | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access Control -Confirm:$false -ErrorAction Stop
        $session | Disable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
        @($session | Get-KasmSessionPermission).AccessText | Should -Be @('rw')
    }

    It 'refuses bad input before anything is sent' {
        Clear-EmulatorRequestLog $emu
        Get-KasmSessionPermission -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        # A piped session's UserId is its owner: granting without a user on the command line is refused.
        $session | Grant-KasmSessionPermission -Access View -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        { $session | Grant-KasmSessionPermission -UserId $admin.UserId -Access Owner -Confirm:$false } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        $session | Grant-KasmSessionPermission -UserName nobody@kasm.local -Access View -Confirm:$false -ErrorVariable ev4 -ErrorAction SilentlyContinue
        $ev4[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        @(Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'set_session_permissions'
    }

    It 'an unknown user id and a user without a permission are the server''s refusals, each naming its item' {
        $session | Grant-KasmSessionPermission -UserId ([guid]::NewGuid()) -Access View -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
        # Two revokes in one pipeline: the one without a permission fails, the other still goes through.
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false -ErrorAction Stop
        $user = Get-KasmUser -UserName user@kasm.local
        @([pscustomobject]@{ KasmId = $session.KasmId; UserId = $user.UserId }, [pscustomobject]@{ KasmId = $session.KasmId; UserId = $admin.UserId }) |
            Revoke-KasmSessionPermission -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2 | Should -HaveCount 1
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
        $ev2[0].TargetObject | Should -Be $session.KasmId
        @($session | Get-KasmSessionPermission) | Should -HaveCount 0
    }

    It 'a delete the server cannot carry out (JSON 500) is a KasmServerError, sent once, and keeps the permission' {
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false -ErrorAction Stop
        $null = Set-EmulatorSetting $emu @{ sessionPermissionVncFails = $true }
        Clear-EmulatorRequestLog $emu
        $session | Get-KasmSessionPermission | Revoke-KasmSessionPermission -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmServerError,*'
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'delete_session_permissions' }) | Should -HaveCount 1
        @($session | Get-KasmSessionPermission) | Should -HaveCount 1
    }

    It '-WhatIf names the session and the user and sends nothing that changes' {
        $null = $session | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
        $run = Invoke-Captured { $s | Revoke-KasmSessionPermission -UserName admin@kasm.local -WhatIf } -Variables @{ s = $session }
        $run.WhatIf | Should -HaveCount 1
        $run.WhatIf[0] | Should -BeLike '*user@kasm.local*admin@kasm.local*'
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
    }

    It 'a key without Sessions View or Sessions Modify is refused with <NoPermissionId>; a read-only key may list but not grant' {
        $images = $kasm.Connections.imagesonly
        Get-KasmSessionPermission -KasmId $session.KasmId -Connection $images -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        $readonly = $kasm.Connections.readonly
        @(Get-KasmSessionPermission -KasmId $session.KasmId -Connection $readonly -ErrorAction Stop) | Should -HaveCount 0
        Grant-KasmSessionPermission -KasmId $session.KasmId -UserId $admin.UserId -Access View -Connection $readonly -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2 | Should -HaveCount 1
        $ev2[0].FullyQualifiedErrorId | Should -Not -BeNullOrEmpty
        @($session | Get-KasmSessionPermission) | Should -HaveCount 0
    }
}
