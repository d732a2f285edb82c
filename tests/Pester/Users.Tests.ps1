#Requires -Version 5.1
# Get-KasmUser, New-KasmUser, Set-KasmUser against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Users against the <EmulatorProfile> emulator' -ForEach @(
    # seed: 404 for an unknown user, 400 for a duplicate; the kasm profiles answer the /api/public user handlers'
    # errors with 400 (src/Kasm.Emulator/Api/ErrorMapper.cs, MethodTable.cs PublicErrorsAre400).
    @{ EmulatorProfile = 'seed'; UnknownUserId = 'KasmNotFound'; UnknownUserStatus = 404; DuplicateId = 'KasmInvalidRequest'; DuplicateStatus = 400; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
    @{ EmulatorProfile = 'kasm-1.15'; UnknownUserId = 'KasmInvalidRequest'; UnknownUserStatus = 400; DuplicateId = 'KasmInvalidRequest'; DuplicateStatus = 400; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401 }
    @{ EmulatorProfile = 'kasm-1.19'; UnknownUserId = 'KasmInvalidRequest'; UnknownUserStatus = 400; DuplicateId = 'KasmInvalidRequest'; DuplicateStatus = 400; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $conn = $kasm.Connection
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach { Reset-Emulator $emu }

    Context 'Import-Csv users.csv | New-KasmUser' {
        It 'creates each row in order; the duplicate row is <DuplicateId> with its UserName as the target' {
            $csv = Join-Path $TestDrive 'users.csv'
            @(
                'UserName,FirstName,LastName,Organization'
                'carol@example.com,Carol,Clark,Sales'
                'user@kasm.local,Dup,Licate,Nowhere'
                'dave@example.com,Dave,Dunn,Ops'
                'erin@example.com,Erin,Eve,'
            ) | Set-Content -Path $csv -Encoding utf8
            $r = @(Import-Csv $csv | New-KasmUser -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.UserName | Should -Be @('carol@example.com', 'dave@example.com', 'erin@example.com')
            foreach ($u in $r) { $u | Should -BeOfType ([Kasm.Models.KasmUser]) }
            $r[0].FirstName | Should -BeExactly 'Carol'
            $r[0].LastName | Should -BeExactly 'Clark'
            $r[0].Organization | Should -BeExactly 'Sales'
            $r[1].Organization | Should -BeExactly 'Ops'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$DuplicateId,*"
            $ev[0].Exception.StatusCode | Should -Be $DuplicateStatus
            $ev[0].TargetObject | Should -BeExactly 'user@kasm.local'
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('create_user', 'create_user', 'create_user', 'create_user')
            $log.status | Should -Be @(200, $DuplicateStatus, 200, 200)
            $log[0].path | Should -BeExactly '/api/public/create_user'
            # The existing user is untouched, and the new ones exist.
            (Get-KasmUser user@kasm.local -ErrorAction Stop).FirstName | Should -Not -Be 'Dup'
            @(Get-KasmUser '*@example.com' -ErrorAction Stop) | Should -HaveCount 3
        }

        # Regression (found by these tests, fixed in b951cc6): a row without Phone used to get the previous row's phone,
        # because KasmCmdlet.BoundFields read the stale MyInvocation.BoundParameters.
        It 'rows with different columns: a row without Phone gets no phone' {
            $rows = @([pscustomobject]@{ UserName = 'u1@example.com'; Phone = '111' }, [pscustomobject]@{ UserName = 'u2@example.com' })
            $r = @($rows | New-KasmUser -ErrorAction Stop)
            $r[0].Phone | Should -BeExactly '111'
            $r[1].Phone | Should -BeNullOrEmpty
        }

        It '-WhatIf sends no request and creates nobody' {
            $run = Invoke-Captured {
                New-KasmUser -UserName whatif@example.com -WhatIf
                [pscustomobject]@{ UserName = 'whatif2@example.com' } | New-KasmUser -WhatIf
            }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 2
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
            @(Get-KasmUser 'whatif*' -ErrorAction Stop) | Should -HaveCount 0
        }

        It '-Password (SecureString) is sent, but appears in no output' {
            $plain = 'Pw-' + [guid]::NewGuid().ToString('N')
            $res = Invoke-Debugged { New-KasmUser -UserName pwuser@example.com -Password (ConvertTo-TestSecureString $plain) -Locked -Verbose 4>&1 -ErrorAction Stop }
            $user = @($res.Output | Where-Object { $_ -is [Kasm.Models.KasmUser] })
            $user | Should -HaveCount 1
            $user[0].Locked | Should -BeTrue
            $body = @(Get-SentBody $res.Debug 'create_user')
            $body | Should -HaveCount 1
            $body[0].target_user.password | Should -BeExactly '***' -Because 'a password was sent, redacted in the debug stream'
            $everything = ($res.Output | Out-String) + ($res.Debug -join "`n") + ($user[0] | Format-List * | Out-String) + ($user[0] | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue)
            $everything | Should -Not -Match ([regex]::Escape($plain))
            $user[0].PSObject.Properties.Name | Should -Not -Contain 'Password'
        }
    }

    Context 'Get-KasmUser' {
        It 'lists KasmUser objects with PascalCase properties and the connection' {
            $users = @(Get-KasmUser -ErrorAction Stop)
            $users.UserName | Should -Contain 'admin@kasm.local'
            $users.UserName | Should -Contain 'user@kasm.local'
            foreach ($u in $users) {
                $u | Should -BeOfType ([Kasm.Models.KasmUser])
                $u.Connection | Should -Be $conn
                $u.UserId | Should -BeOfType ([guid])
            }
            foreach ($n in $users[0].PSObject.Properties.Name) { $n | Should -MatchExactly '^[A-Z][A-Za-z0-9]*$' -Because "$n should be PascalCase" }
            (Get-EmulatorRequestLog $emu).method | Should -Be 'get_users'
        }

        It 'dates are UTC DateTime (Created of a user made just now)' {
            $new = New-KasmUser -UserName dated@example.com -ErrorAction Stop
            $u = Get-KasmUser -UserId $new.UserId -ErrorAction Stop
            $u.Created | Should -BeOfType ([datetime])
            $u.Created.Kind | Should -Be ([DateTimeKind]::Utc)
            [math]::Abs(([datetime]::UtcNow - $u.Created).TotalMinutes) | Should -BeLessThan 5
            foreach ($p in $u.PSObject.Properties | Where-Object { $_.Value -is [datetime] }) {
                $p.Value.Kind | Should -Be ([DateTimeKind]::Utc) -Because "$($p.Name) should be UTC"
            }
        }

        It 'matches wildcards case-insensitively' {
            @(Get-KasmUser '*@kasm.local' -ErrorAction Stop).UserName | Sort-Object | Should -Be @('admin@kasm.local', 'user@kasm.local')
            @(Get-KasmUser 'ADMIN@*' -ErrorAction Stop).UserName | Should -Be @('admin@kasm.local')
            $r = @(Get-KasmUser 'zz*' -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 0
        }

        It 'a literal name that matches nothing is KasmItemNotFound with the name as target; the others are returned' {
            $r = @(Get-KasmUser 'user@kasm.local', 'nobody@example.com', 'admin@kasm.local' -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.UserName | Sort-Object | Should -Be @('admin@kasm.local', 'user@kasm.local')
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -BeExactly 'nobody@example.com'
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 1
        }

        It 'an unknown -UserId is <UnknownUserId> (HTTP <UnknownUserStatus>) with the id as target; the known ids are returned' {
            $known = Get-KasmUser user@kasm.local -ErrorAction Stop
            $admin = Get-KasmUser admin@kasm.local -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
            $unknown = [guid]::NewGuid()
            $r = @(Get-KasmUser -UserId $known.UserId, $unknown, $admin.UserId -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.UserId | Should -Be @($known.UserId, $admin.UserId)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownUserId,*"
            $ev[0].Exception.StatusCode | Should -Be $UnknownUserStatus
            $ev[0].TargetObject | Should -Be $unknown
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('get_user', 'get_user', 'get_user')
            $log.status | Should -Be @(200, $UnknownUserStatus, 200)
        }

        It 'a key without Users View gets <NoPermissionId> (HTTP <NoPermissionStatus>)' {
            $r = @(Get-KasmUser -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            $ev[0].Exception.StatusCode | Should -Be $NoPermissionStatus
            $log = @(Get-EmulatorRequestLog $emu)
            $log | Should -HaveCount 1
            $log[0].apiKey | Should -BeExactly $limited.ApiKey
        }
    }

    Context 'Get-KasmUser alice | Set-KasmUser' {
        BeforeEach {
            $alice = New-KasmUser -UserName alice -FirstName Alice -LastName Archer -Organization Sales -Phone 555-0100 -Notes 'first' -ErrorAction Stop
            $before = Get-KasmUser -UserId $alice.UserId -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
        }

        It '-Organization Ops changes only the organization (request body and server state)' {
            $res = Invoke-Debugged { Get-KasmUser alice | Set-KasmUser -Organization Ops -ErrorAction Stop }
            $res.Output | Should -HaveCount 0 -Because 'without -PassThru nothing is returned'
            (Get-EmulatorRequestMethod $emu) | Should -Be @('get_users', 'update_user') -Because 'the piped user brings its name: no get_user lookup'
            @(Get-EmulatorRequestLog $emu)[1].status | Should -Be 200

            $body = @(Get-SentBody $res.Debug 'update_user')
            $body | Should -HaveCount 1
            @($body[0].target_user.PSObject.Properties.Name | Sort-Object) | Should -Be @('organization', 'user_id', 'username')
            $body[0].target_user.organization | Should -BeExactly 'Ops'
            $body[0].target_user.username | Should -BeExactly 'alice'
            [guid] $body[0].target_user.user_id | Should -Be $alice.UserId

            $after = Get-KasmUser -UserId $alice.UserId -ErrorAction Stop
            $after.Organization | Should -BeExactly 'Ops'
            foreach ($p in 'UserName', 'FirstName', 'LastName', 'Phone', 'Notes', 'Realm', 'Locked', 'Disabled', 'Created') {
                $after.$p | Should -Be $before.$p -Because "$p should not change"
            }
        }

        It '-PassThru returns the updated user' {
            $r = @(Get-KasmUser alice | Set-KasmUser -FirstName Alicia -PassThru -ErrorAction Stop)
            $r | Should -HaveCount 1
            $r[0] | Should -BeOfType ([Kasm.Models.KasmUser])
            $r[0].FirstName | Should -BeExactly 'Alicia'
            $r[0].Organization | Should -BeExactly 'Sales'
            $r[0].Connection | Should -Be $conn
        }

        It 'Set-KasmUser -UserId alone looks the user name up with get_user first' {
            Set-KasmUser -UserId $alice.UserId -Phone 555-0199 -ErrorAction Stop
            (Get-EmulatorRequestMethod $emu) | Should -Be @('get_user', 'update_user')
            (Get-KasmUser alice -ErrorAction Stop).Phone | Should -BeExactly '555-0199'
        }

        It '-WhatIf sends no request, not even the user name lookup' {
            $run = Invoke-Captured { Set-KasmUser -UserId $alice.UserId -Organization Ops -WhatIf } -Variables @{ alice = $alice }
            $run.WhatIf | Should -HaveCount 1
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
            $run = Invoke-Captured { $alice | Set-KasmUser -Organization Ops -WhatIf } -Variables @{ alice = $alice }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
            (Get-KasmUser alice -ErrorAction Stop).Organization | Should -BeExactly 'Sales'
        }

        It 'an unknown -UserId is <UnknownUserId> with the id as target; the next piped user is still changed' {
            $unknown = [guid]::NewGuid()
            $r = @([pscustomobject]@{ UserId = $unknown }, $alice | Set-KasmUser -Organization Ops -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownUserId,*"
            $ev[0].TargetObject | Should -Be $unknown
            $r | Should -HaveCount 1
            $r[0].UserId | Should -Be $alice.UserId
            $r[0].Organization | Should -BeExactly 'Ops'
            (Get-EmulatorRequestMethod $emu) | Should -Be @('get_user', 'update_user')
        }

        It 'a piped user followed by an object with only a UserId does not reuse the first user''s name' {
            $bob = New-KasmUser -UserName bob -Organization Sales -ErrorAction Stop
            Clear-EmulatorRequestLog $emu
            $alice, [pscustomobject]@{ UserId = $bob.UserId } | Set-KasmUser -Organization Ops -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 0
            $b = Get-KasmUser -UserId $bob.UserId -ErrorAction Stop
            $b.UserName | Should -BeExactly 'bob'
            $b.Organization | Should -BeExactly 'Ops'
            (Get-KasmUser alice -ErrorAction Stop).Organization | Should -BeExactly 'Ops'
        }

        It '-Password (SecureString) reaches the server (it unlocks the user) and appears in no output' {
            $null = Set-KasmUser -UserId $alice.UserId -UserName alice -Locked -ErrorAction Stop
            (Get-KasmUser alice -ErrorAction Stop).Locked | Should -BeTrue
            $plain = 'Pw-' + [guid]::NewGuid().ToString('N')
            $res = Invoke-Debugged { Get-KasmUser alice | Set-KasmUser -Password (ConvertTo-TestSecureString $plain) -PassThru -Verbose 4>&1 -ErrorAction Stop }
            $u = @($res.Output | Where-Object { $_ -is [Kasm.Models.KasmUser] })
            $u | Should -HaveCount 1
            $u[0].Locked | Should -BeFalse -Because 'setting a password unlocks the user, so the password arrived'
            (@(Get-SentBody $res.Debug 'update_user'))[0].target_user.password | Should -BeExactly '***'
            (($res.Output | Out-String) + ($res.Debug -join "`n")) | Should -Not -Match ([regex]::Escape($plain))
        }

        It 'a too-short -Password is rejected by the server with KasmInvalidRequest (so the plaintext was sent)' {
            Set-KasmUser -UserId $alice.UserId -UserName alice -Password (ConvertTo-TestSecureString 'short') -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
            $ev[0].TargetObject | Should -BeExactly 'alice'
        }
    }
}
