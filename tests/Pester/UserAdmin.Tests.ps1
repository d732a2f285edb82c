#Requires -Version 5.1
# Remove-KasmUser, Revoke-KasmUserLogin, Get-KasmUserLoginLink, Get-KasmUserAttribute and Set-KasmUserAttribute against
# the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'User administration against the <EmulatorProfile> emulator' -ForEach @(
    # seed: 404 for an unknown user; the kasm profiles answer these /api/public handlers' errors with 400
    # (MethodTable.cs PublicErrorsAre400). A missing permission: 403 seed and 1.19, 401 in 1.15.
    @{ EmulatorProfile = 'seed'; UnknownUserId = 'KasmNotFound'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; UnknownUserId = 'KasmInvalidRequest'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; UnknownUserId = 'KasmInvalidRequest'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -SessionDelayMs 0 -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $readonlyKey = $kasm.Connections.readonly
        $server = [uri] $emu.Url
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; maxKasmsPerUser = 5; licenseLimit = 20 }
        $user = Get-KasmUser -UserName 'user@kasm.local' -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
    }

    Context 'Remove-KasmUser' {
        It 'deletes a user by name; the user is gone' {
            $temp = New-KasmUser -UserName temp@example.com -ErrorAction Stop
            Remove-KasmUser temp@example.com -Confirm:$false -ErrorAction Stop
            Get-KasmUser -UserName temp@example.com -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $d = Invoke-Debugged { $null = New-KasmUser -UserName temp2@example.com -ErrorAction Stop; Get-KasmUser -UserName temp2@example.com | Remove-KasmUser -Confirm:$false -ErrorAction Stop }
            $body = @(Get-SentBody $d.Debug 'delete_user')
            $body | Should -HaveCount 1
            $body[0].force | Should -BeExactly $false
        }

        It 'a user with sessions is refused without -Force (KasmInvalidRequest) and deleted with it, sessions and all' {
            $s = New-KasmSession -ImageName Terminal -UserId $user.UserId -ErrorAction Stop
            $user | Remove-KasmUser -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
            $ev[0].TargetObject | Should -Be $user.UserId
            (Get-KasmSession -KasmId $s.KasmId).KasmId | Should -Be $s.KasmId
            $user | Remove-KasmUser -Force -Confirm:$false -ErrorAction Stop
            @(Get-KasmSession) | Should -HaveCount 0
            @(Get-KasmUser | Where-Object UserId -EQ $user.UserId) | Should -HaveCount 0
        }

        It 'an unknown user id is <UnknownUserId>; the next piped user is still deleted' {
            $temp = New-KasmUser -UserName temp@example.com -ErrorAction Stop
            $ghost = [pscustomobject]@{ UserId = [guid]::NewGuid() }
            $ghost, $temp | Remove-KasmUser -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownUserId,*"
            @(Get-KasmUser | Where-Object UserName -EQ 'temp@example.com') | Should -HaveCount 0
        }

        It '-WhatIf deletes nothing; an unknown name is an error before anything is sent; ConfirmImpact is High' {
            $run = Invoke-Captured { Remove-KasmUser user@kasm.local -Force -WhatIf }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike '*on target "user user@kasm.local".'
            Remove-KasmUser nobody@example.com -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
            (Get-Command Remove-KasmUser).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }

        It 'a key without Users Delete is refused (<NoPermissionId>)' {
            Remove-KasmUser -UserId $user.UserId -Connection $limited -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            (Get-KasmUser -UserId $user.UserId).UserName | Should -Be 'user@kasm.local'
        }
    }

    Context 'Get-KasmUserLoginLink and Revoke-KasmUserLogin' {
        It 'makes an https login link on the server''s host; the link stays out of the view, the string form and the Debug log' {
            $d = Invoke-Debugged { Get-KasmUserLoginLink user@kasm.local -ErrorAction Stop }
            $link = @($d.Output)
            $link | Should -HaveCount 1
            $link[0] | Should -BeOfType ([Kasm.Models.KasmLoginLink])
            $link[0].UserId | Should -Be $user.UserId
            $link[0].Url.Scheme | Should -BeExactly 'https'
            $link[0].Url.Authority | Should -Be $server.Authority
            $link[0].Url.OriginalString | Should -Match "/#/connect/login/dash/$($user.UserId.ToString('N'))/"
            $secret = $link[0].Url.OriginalString
            ($link[0] | Out-String -Width 300) | Should -Not -Match ([regex]::Escape($secret))
            "$($link[0])" | Should -Not -Match ([regex]::Escape($secret))
            ($d.Debug -join "`n") | Should -Not -Match ([regex]::Escape($secret.Split('/')[-1]))
        }

        It 'is never resent: a link minted twice is two credentials, so a 503 is an error after one get_login' {
            $null = Set-EmulatorFault $emu -ApiMethod get_login -Status 503 -Count 1
            Clear-EmulatorRequestLog $emu
            Get-KasmUserLoginLink user@kasm.local -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_login' }) | Should -HaveCount 1
            Set-EmulatorFault $emu -Clear
        }

        It 'a read-only key may make one; a piped user works too' {
            $link = $user | Get-KasmUserLoginLink -Connection $readonlyKey -ErrorAction Stop
            $link.Url | Should -Not -BeNullOrEmpty
        }

        It 'an unknown user id is <UnknownUserId>' {
            Get-KasmUserLoginLink -UserId ([guid]::NewGuid()) -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownUserId,*"
        }

        It 'Revoke-KasmUserLogin sends logout_user for the user; -WhatIf sends nothing; ConfirmImpact is High' {
            $run = Invoke-Captured { $user | Revoke-KasmUserLogin -WhatIf } -Variables @{ user = $user }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike '*on target "user user@kasm.local".'
            @(Get-EmulatorRequestMethod $emu) | Should -HaveCount 0
            $d = Invoke-Debugged { $user | Revoke-KasmUserLogin -Confirm:$false -ErrorAction Stop }
            $body = @(Get-SentBody $d.Debug 'logout_user')
            $body | Should -HaveCount 1
            $body[0].target_user.user_id | Should -Be $user.UserId.ToString('N')
            (Get-Command Revoke-KasmUserLogin).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }

        It 'Revoke-KasmUserLogin for an unknown user id is <UnknownUserId>' {
            Revoke-KasmUserLogin -UserId ([guid]::NewGuid()) -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownUserId,*"
        }
    }

    Context 'Get-KasmUserAttribute and Set-KasmUserAttribute' {
        It 'reads a user''s defaults' {
            $a = Get-KasmUserAttribute user@kasm.local -ErrorAction Stop
            $a | Should -BeOfType ([Kasm.Models.KasmUserAttributes])
            $a.UserId | Should -Be $user.UserId
            $a.DefaultImageId | Should -BeNullOrEmpty
            $a.Theme | Should -BeExactly 'Light'
            $a.PreferredLanguage | Should -BeExactly 'Auto'
        }

        It 'sets the default workspace by name, the theme and the SSH key, changing nothing else; then clears the default' {
            $chrome = Get-KasmImage -Name Chrome -ErrorAction Stop
            $d = Invoke-Debugged { Set-KasmUserAttribute user@kasm.local -DefaultImageName Chrome -Theme Dark -SshPublicKey 'ssh-ed25519 AAAAexample u@h' -Confirm:$false -PassThru -ErrorAction Stop }
            $a = @($d.Output)[0]
            $a.DefaultImageId | Should -Be $chrome.ImageId
            $a.Theme | Should -BeExactly 'Dark'
            $a.SshPublicKey | Should -BeExactly 'ssh-ed25519 AAAAexample u@h'
            $a.PreferredLanguage | Should -BeExactly 'Auto'
            $sent = @(Get-SentBody $d.Debug 'update_user_attributes')[0].target_user_attributes
            @($sent.PSObject.Properties.Name | Sort-Object) | Should -Be @('default_image', 'ssh_public_key', 'theme', 'user_id')
            $user | Set-KasmUserAttribute -ClearDefaultImage -Confirm:$false -ErrorAction Stop
            ($user | Get-KasmUserAttribute).DefaultImageId | Should -BeNullOrEmpty
        }

        It 'nothing to change, or two defaults, is an error before anything is sent' {
            Set-KasmUserAttribute user@kasm.local -Confirm:$false -ErrorVariable ev1 -ErrorAction SilentlyContinue
            $ev1[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            Set-KasmUserAttribute user@kasm.local -DefaultImageName Chrome -ClearDefaultImage -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
            $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            Set-KasmUserAttribute user@kasm.local -DefaultImageName NoSuchWorkspace -Confirm:$false -ErrorVariable ev3 -ErrorAction SilentlyContinue
            $ev3[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
        }

        It 'an unknown user id is <UnknownUserId>; a key without Users View is refused (<NoPermissionId>)' {
            Get-KasmUserAttribute -UserId ([guid]::NewGuid()) -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownUserId,*"
            Get-KasmUserAttribute -UserId $user.UserId -Connection $limited -ErrorVariable ev2 -ErrorAction SilentlyContinue
            $ev2[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        }

        It 'a read-only key may change attributes (Kasm flags update_user_attributes read-only)' {
            Set-KasmUserAttribute -UserId $user.UserId -Theme Dark -Connection $readonlyKey -Confirm:$false -ErrorAction Stop
            (Get-KasmUserAttribute -UserId $user.UserId).Theme | Should -BeExactly 'Dark'
        }
    }
}
