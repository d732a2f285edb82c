#Requires -Version 5.1
# Get-, New-, Set- and Remove-KasmStorageMapping against the real emulator over HTTPS, once per profile: the fixtures'
# mappings by user, group and workspace, secrets masked, creation with a provider by name or pipe, Kasm's per-user cap,
# the OAuth answer, updates that are whole and safe when Kasm resets what it is not sent, -WhatIf, and failures by ErrorId.

Describe 'Storage mappings against the <EmulatorProfile> emulator' -ForEach @(
    # A refusal by a handler: seed 400/404, the kasm profiles 200 + error_message. A key without User: seed 403, 1.15 401, 1.19 403.
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden'; InvalidId = 'KasmInvalidRequest'; UnknownId = 'KasmNotFound' }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized'; InvalidId = 'KasmApiError'; UnknownId = 'KasmApiError' }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden'; InvalidId = 'KasmApiError'; UnknownId = 'KasmApiError' }
) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
        # The fixtures (src/Kasm.Emulator/State/SeedData.cs).
        $userS3 = [guid] '5c000000000040008000000000000001'
        $opsS3 = [guid] '5c000000000040008000000000000002'
        $chromeS3 = [guid] '5c000000000040008000000000000003'
        $adminDrive = [guid] '5c000000000040008000000000000004'
        $teamS3 = [guid] '5b2e1f7a9c2d4e3f8a6b7c8d9e0f1a2c'
        $s3Secret = ConvertTo-TestSecureString 'new-s3-secret'
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ storageUpdateReplaces = $false }
    }

    Context 'Get-KasmStorageMapping' {
        It 'lists a user''s mappings by name, secrets masked' {
            $m = @(Get-KasmStorageMapping -UserName user@kasm.local -ErrorAction Stop)
            $m | Should -HaveCount 1
            $m[0] | Should -BeOfType ([Kasm.Models.KasmStorageMapping])
            $m[0].StorageMappingId | Should -Be $userS3
            $m[0].Name | Should -BeExactly 'user S3'
            $m[0].Scope | Should -BeExactly 'user'
            $m[0].StorageProviderId | Should -Be $teamS3
            $m[0].StorageProviderType | Should -BeExactly 'S3'
            $m[0].S3AccessKeyId | Should -BeExactly 'AKIAEXAMPLE00000001'
            $m[0].S3Bucket | Should -BeExactly 'kasm-user-files'
            $m[0].S3SecretAccessKey | Should -BeExactly '***'
            $m[0].Target | Should -BeExactly '/home/kasm-user/Desktop/S3'
            $m[0].Enabled | Should -BeTrue
            $m[0].ReadOnly | Should -BeFalse
            ($m[0] | Out-String) | Should -Not -Match 'seeded-s3-secret'
        }

        It 'takes piped users, groups and workspaces, each by its id' {
            $viaUser = @(Get-KasmUser -UserName admin@kasm.local | Get-KasmStorageMapping -ErrorAction Stop)
            $viaUser.StorageMappingId | Should -Be @($adminDrive)
            $viaUser[0].OauthToken | Should -BeExactly '***'
            $viaGroup = @(Get-KasmGroup -Name Ops | Get-KasmStorageMapping -ErrorAction Stop)
            $viaGroup.StorageMappingId | Should -Be @($opsS3)
            $viaGroup[0].Scope | Should -BeExactly 'group'
            $viaGroup[0].ReadOnly | Should -BeTrue
            $viaImage = @(Get-KasmImage -Name Chrome | Get-KasmStorageMapping -ErrorAction Stop)
            $viaImage.StorageMappingId | Should -Be @($chromeS3)
            $viaImage[0].Scope | Should -BeExactly 'workspace'
            @(Get-KasmStorageMapping -GroupName Ops -ErrorAction Stop).StorageMappingId | Should -Be @($opsS3)
            @(Get-KasmStorageMapping -ImageName Chrome -ErrorAction Stop).StorageMappingId | Should -Be @($chromeS3)
        }

        It 'reads one mapping by id, and a piped mapping again; an unknown id is KasmItemNotFound' {
            (Get-KasmStorageMapping -StorageMappingId $opsS3 -ErrorAction Stop).Name | Should -BeExactly 'Ops shared'
            (Get-KasmStorageMapping $userS3 | Get-KasmStorageMapping -ErrorAction Stop).StorageMappingId | Should -Be $userS3
            $missing = [guid] '5c0000000000400080000000000000ff'
            $out = @($missing, $opsS3 | ForEach-Object { Get-KasmStorageMapping -StorageMappingId $_ -ErrorVariable +ev2 -ErrorAction SilentlyContinue })
            $out.StorageMappingId | Should -Be @($opsS3)
            $ev2 | Should -HaveCount 1
            $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev2[0].TargetObject | Should -Be $missing
        }

        It 'an unknown user name is KasmItemNotFound before the mappings are asked for' {
            Clear-EmulatorRequestLog $emu
            Get-KasmStorageMapping -UserName nobody@kasm.local -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'get_storage_mappings'
        }

        It 'a read-only key may read them; a key without User is refused with <NoPermissionId>' {
            @(Get-KasmStorageMapping -GroupName Ops -Connection $kasm.Connections.readonly -ErrorAction Stop) | Should -HaveCount 1
            Get-KasmStorageMapping -ImageId ([guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b') -Connection $kasm.Connections.imagesonly -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            $ev[0].Exception.RequiredPermission | Should -BeLike 'User*'
        }
    }

    Context 'New-KasmStorageMapping' {
        It 'maps a provider by name for a user; the secret goes only in the body, as *** in the Debug log' {
            $debugged = Invoke-Debugged { New-KasmStorageMapping -UserName user@kasm.local -StorageProviderName 'Team S3' -Name Projects -Target /home/kasm-user/Projects -S3AccessKeyId AKIANEW -S3SecretAccessKey $s3Secret -S3Bucket projects -Confirm:$false -ErrorAction Stop }
            $made = $debugged.Output | Where-Object { $_ -is [Kasm.Models.KasmStorageMapping] }
            $made.Name | Should -BeExactly 'Projects'
            $made.S3SecretAccessKey | Should -BeExactly '***'
            $made.Enabled | Should -BeTrue
            $made.ReadOnly | Should -BeFalse
            $body = @(Get-SentBody $debugged.Debug -Method create_storage_mapping)[0].target_storage_mapping
            $body.user_id | Should -BeExactly '9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f'
            $body.storage_provider_id | Should -BeExactly $teamS3.ToString('N')
            $body.s3_secret_access_key | Should -BeExactly '***'
            $body.PSObject.Properties.Name | Should -Not -Contain 'group_id'
            ($debugged.Debug -join "`n") | Should -Not -Match 'new-s3-secret'
            @(Get-KasmStorageMapping -UserName user@kasm.local -ErrorAction Stop) | Should -HaveCount 2
        }

        It 'maps for piped groups and workspaces, a piped provider, read-only and disabled' {
            $provider = Get-KasmStorageProvider -Name 'Team S3' -ErrorAction Stop
            $made = @(Get-KasmGroup -Name 'All Users' | New-KasmStorageMapping -StorageProviderId $provider.StorageProviderId -ReadOnly -Disabled -S3AccessKeyId K -S3SecretAccessKey $s3Secret -S3Bucket b -Confirm:$false -ErrorAction Stop)
            $made[0].Scope | Should -BeExactly 'group'
            $made[0].ReadOnly | Should -BeTrue
            $made[0].Enabled | Should -BeFalse
            $made[0].Name | Should -BeExactly 'Team S3'
            $viaProvider = @($provider | New-KasmStorageMapping -ImageName Terminal -S3AccessKeyId K -S3SecretAccessKey $s3Secret -S3Bucket t -Confirm:$false -ErrorAction Stop)
            $viaProvider[0].ImageId | Should -Be ([guid] '03c8e3b4d5f6407192ad2e3f4a5b6c7d')
        }

        It 'Kasm''s cap on a user''s mappings refuses the third with <InvalidId>, and the others in the pipe still run' {
            $rows = 'user@kasm.local', 'user@kasm.local', 'admin@kasm.local' | ForEach-Object { [pscustomobject]@{ UserName = $_ } }
            $made = @($rows | New-KasmStorageMapping -StorageProviderName 'Team S3' -S3AccessKeyId K -S3SecretAccessKey $s3Secret -S3Bucket b -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue)
            $made | Should -HaveCount 2
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$InvalidId,*"
            $ev[0].TargetObject | Should -BeExactly 'user@kasm.local'
            @(Get-KasmStorageMapping -UserName user@kasm.local -ErrorAction Stop) | Should -HaveCount 2
            @(Get-KasmStorageMapping -UserName admin@kasm.local -ErrorAction Stop) | Should -HaveCount 2
        }

        It 'takes the owner by name from CSV-like rows: UserName, GroupName or ImageName' {
            $rows = [pscustomobject]@{ GroupName = 'Ops' }, [pscustomobject]@{ ImageName = 'Terminal' }
            $made = @($rows | New-KasmStorageMapping -StorageProviderName 'Team S3' -S3AccessKeyId K -S3SecretAccessKey $s3Secret -S3Bucket b -ErrorAction Stop)
            $made.Scope | Should -Be @('group', 'workspace')
            $made[1].ImageId | Should -Be ([guid] '03c8e3b4d5f6407192ad2e3f4a5b6c7d')
        }

        It 'an OAuth provider''s answer (a sign-in link) is KasmInvalidRequest, the link is not shown, and nothing is made' {
            New-KasmStorageMapping -UserName user@kasm.local -StorageProviderName 'Google Drive' -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
            $ev[0].Exception.Message | Should -Match 'sign'
            $ev[0].Exception.Message | Should -Not -Match 'https://'
            @(Get-KasmStorageMapping -UserName user@kasm.local -ErrorAction Stop) | Should -HaveCount 1
        }

        It 'bad input is KasmInvalidArgument before any request: <Why>' -ForEach @(
            @{ Why = 'no provider'; Params = @{ UserName = 'user@kasm.local' } }
            @{ Why = 'both provider parameters'; Params = @{ UserName = 'user@kasm.local'; StorageProviderName = 'Team S3'; StorageProviderId = [guid] '5b2e1f7a9c2d4e3f8a6b7c8d9e0f1a2c' } }
            @{ Why = 'a relative target'; Params = @{ UserName = 'user@kasm.local'; StorageProviderName = 'Team S3'; Target = 'Desktop/S3' } }
            @{ Why = 'the mask as the secret'; Params = @{ UserName = 'user@kasm.local'; StorageProviderName = 'Team S3'; S3SecretAccessKey = (ConvertTo-SecureString '**********' -AsPlainText -Force) } }
        ) {
            Clear-EmulatorRequestLog $emu
            New-KasmStorageMapping @Params -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            Get-EmulatorRequestMethod $emu | Should -HaveCount 0
        }

        It 'an unknown provider id is refused by Kasm with <InvalidId>' {
            New-KasmStorageMapping -UserName user@kasm.local -StorageProviderId ([guid]::NewGuid()) -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$InvalidId,*"
        }

        It '-WhatIf sends no create, and a read-only key is refused' {
            Clear-EmulatorRequestLog $emu
            $run = Invoke-Captured { New-KasmStorageMapping -GroupName Ops -StorageProviderName 'Team S3' -WhatIf }
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -Match 'group Ops'
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'create_storage_mapping'
            New-KasmStorageMapping -GroupName Ops -StorageProviderName 'Team S3' -Connection $kasm.Connections.readonly -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmUnauthorized,*'
        }
    }

    Context 'Set-KasmStorageMapping' {
        It 'sends the whole mapping with the change and the secret given again, under <_>' -ForEach 'merge', 'replace' {
            $null = Set-EmulatorSetting $emu @{ storageUpdateReplaces = ($_ -eq 'replace') }
            $debugged = Invoke-Debugged { Get-KasmStorageMapping -StorageMappingId $userS3 | Set-KasmStorageMapping -ReadOnly -S3SecretAccessKey $s3Secret -Confirm:$false -PassThru -ErrorAction Stop }
            $changed = $debugged.Output | Where-Object { $_ -is [Kasm.Models.KasmStorageMapping] }
            $changed.ReadOnly | Should -BeTrue
            # Nothing else was lost, whichever way the server reads an update.
            $after = Get-KasmStorageMapping -StorageMappingId $userS3 -ErrorAction Stop
            $after.Name | Should -BeExactly 'user S3'
            $after.Target | Should -BeExactly '/home/kasm-user/Desktop/S3'
            $after.S3Bucket | Should -BeExactly 'kasm-user-files'
            $after.S3AccessKeyId | Should -BeExactly 'AKIAEXAMPLE00000001'
            $after.S3SecretAccessKey | Should -BeExactly '***'
            $after.Enabled | Should -BeTrue
            $body = @(Get-SentBody $debugged.Debug -Method update_storage_mapping)[0].target_storage_mapping
            $body.storage_mapping_id | Should -BeExactly $userS3.ToString('N')
            $body.user_id | Should -BeExactly '9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f'
            $body.read_only | Should -BeTrue
            $body.PSObject.Properties.Name | Should -Not -Contain 'storage_provider_type'
            $body.PSObject.Properties.Name | Should -Not -Contain 'oauth_token'
        }

        It 'a mapping with a secret is not changed unless the secret is given again: KasmInvalidArgument after the read' {
            Clear-EmulatorRequestLog $emu
            Set-KasmStorageMapping -StorageMappingId $opsS3 -Enabled:$false -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].Exception.Message | Should -Match '-S3SecretAccessKey'
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'update_storage_mapping'
            (Get-KasmStorageMapping -StorageMappingId $opsS3 -ErrorAction Stop).Enabled | Should -BeTrue
        }

        It 'a WebDAV mapping is changed only with -WebdavCredential given again, and the error names that parameter' {
            $cloud = New-KasmStorageProvider -Name Cloud -Type Nextcloud -WebdavUrl 'https://cloud.example.com/remote.php/dav/files/' -Confirm:$false -ErrorAction Stop
            $credential = [pscredential]::new('alice', (ConvertTo-TestSecureString 'webdav-secret'))
            $made = $cloud | New-KasmStorageMapping -GroupName Ops -WebdavCredential $credential -ErrorAction Stop
            $made.WebdavUser | Should -BeExactly 'alice'
            $made.WebdavPassword | Should -BeExactly '***'
            Set-KasmStorageMapping -StorageMappingId $made.StorageMappingId -ReadOnly -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].Exception.Message | Should -Match '-WebdavCredential'
            $ev[0].Exception.Message | Should -Not -Match 'WebdavPassword'
            (Set-KasmStorageMapping -StorageMappingId $made.StorageMappingId -ReadOnly -WebdavCredential $credential -Confirm:$false -PassThru -ErrorAction Stop).ReadOnly | Should -BeTrue
        }

        It 'a mapping that holds an OAuth sign-in is never changed from here' {
            Clear-EmulatorRequestLog $emu
            Set-KasmStorageMapping -StorageMappingId $adminDrive -Name 'Renamed' -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].Exception.Message | Should -Match 'OAuth'
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'update_storage_mapping'
        }

        It 'nothing to change, or a relative target, is KasmInvalidArgument before any request' {
            Clear-EmulatorRequestLog $emu
            Set-KasmStorageMapping -StorageMappingId $userS3 -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            Set-KasmStorageMapping -StorageMappingId $userS3 -Target 'S3' -Confirm:$false -ErrorVariable +ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 2
            $ev | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*' }
            Get-EmulatorRequestMethod $emu | Should -HaveCount 0
        }

        It 'an unknown id is KasmItemNotFound, and the next piped mapping is still changed' {
            $missing = [guid] '5c0000000000400080000000000000ff'
            $out = @([pscustomobject]@{ StorageMappingId = $missing }, (Get-KasmStorageMapping $chromeS3) | Set-KasmStorageMapping -Name 'Renamed' -S3SecretAccessKey $s3Secret -Confirm:$false -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.StorageMappingId | Should -Be @($chromeS3)
            $out[0].Name | Should -BeExactly 'Renamed'
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        }

        It '-WhatIf reads nothing and sends nothing' {
            Clear-EmulatorRequestLog $emu
            $run = Invoke-Captured { Set-KasmStorageMapping -StorageMappingId $id -Name X -WhatIf } -Variables @{ id = $userS3 }
            $run.WhatIf | Should -HaveCount 1
            Get-EmulatorRequestMethod $emu | Should -HaveCount 0
        }
    }

    Context 'Remove-KasmStorageMapping' {
        It 'removes piped mappings; -WhatIf removes none' {
            $run = Invoke-Captured { Get-KasmStorageMapping -ImageName Chrome | Remove-KasmStorageMapping -WhatIf }
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -Match 'Chrome downloads'
            @(Get-KasmStorageMapping -ImageName Chrome -ErrorAction Stop) | Should -HaveCount 1
            Get-KasmStorageMapping -ImageName Chrome | Remove-KasmStorageMapping -Confirm:$false -ErrorAction Stop
            @(Get-KasmStorageMapping -ImageName Chrome -ErrorAction Stop) | Should -HaveCount 0
        }

        It 'an unknown id is refused with <UnknownId> and sent once' {
            Clear-EmulatorRequestLog $emu
            Remove-KasmStorageMapping -StorageMappingId ([guid] '5c0000000000400080000000000000ff') -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownId,*"
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'delete_storage_mapping' }) | Should -HaveCount 1
        }

        It 'a key without User is refused with <NoPermissionId> and the mapping stays' {
            Remove-KasmStorageMapping -StorageMappingId $userS3 -Connection $kasm.Connections.imagesonly -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            @(Get-KasmStorageMapping -UserName user@kasm.local -ErrorAction Stop) | Should -HaveCount 1
        }
    }
}
