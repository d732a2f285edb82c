#Requires -Version 5.1
# Get-KasmStorageProvider and New-KasmStorageProvider against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    $script:OAuth = @{
        ClientId     = 'client-123'
        AuthUrl      = 'https://accounts.example.com/o/oauth2/auth'
        TokenUrl     = 'https://accounts.example.com/o/oauth2/token'
        RedirectUrl  = 'https://kasm.example.com/api/cloud_storage_callback'
    }
}

Describe 'Storage providers against the <EmulatorProfile> emulator' -ForEach @(
    # A key without Storage Providers Create: seed 403, 1.15 401, 1.19 403 (src/Kasm.Emulator/Api/ErrorMapper.cs).
    # An unknown provider id for delete_storage_provider: seed 404, the kasm profiles 200 + error_message.
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403; UnknownId = 'KasmNotFound' }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401; UnknownId = 'KasmApiError' }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403; UnknownId = 'KasmApiError' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $conn = $kasm.Connection
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach { Reset-Emulator $emu }

    Context 'Get-KasmStorageProvider' {
        It 'lists the seeded providers as KasmStorageProvider objects with PascalCase properties and the connection' {
            $all = @(Get-KasmStorageProvider -ErrorAction Stop)
            # Google Drive, and the S3 provider the storage mapping fixtures use.
            $all.Name | Should -Be @('Google Drive', 'Team S3')
            $p = $all[0]
            $p | Should -BeOfType ([Kasm.Models.KasmStorageProvider])
            $p.Name | Should -BeExactly 'Google Drive'
            $p.Type | Should -BeExactly 'Google Drive'
            $p.StorageProviderId | Should -Not -Be ([guid]::Empty)
            $p.Connection | Should -Be $conn
            foreach ($n in $p.PSObject.Properties.Name) { $n | Should -MatchExactly '^[A-Z][A-Za-z0-9]*$' -Because "$n should be PascalCase" }
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be 'get_storage_providers'
            $log[0].path | Should -BeExactly '/api/admin/get_storage_providers'
        }

        It 'matches wildcards, case-insensitively' {
            $null = New-KasmStorageProvider -Name 'Nextcloud Home' -Type Nextcloud -WebdavUrl 'https://cloud.example.com/remote.php/dav/files/' -ErrorAction Stop
            @(Get-KasmStorageProvider -Name 'next*' -ErrorAction Stop).Name | Should -Be @('Nextcloud Home')
            @(Get-KasmStorageProvider -Name '*' -ErrorAction Stop).Name | Sort-Object | Should -Be @('Google Drive', 'Nextcloud Home', 'Team S3')
            $r = @(Get-KasmStorageProvider -Name 'zz*' -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 0
        }

        It 'a literal name that matches nothing is KasmItemNotFound with the name as target; the others are returned' {
            $r = @(Get-KasmStorageProvider -Name 'Google Drive', 'No Such Provider' -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.Name | Should -Be @('Google Drive')
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].TargetObject | Should -BeExactly 'No Such Provider'
        }

        It 'renders the default table' {
            $text = Get-KasmStorageProvider -ErrorAction Stop | Out-String -Width 200
            $text | Should -Match 'Name\s+Type\s+Enabled'
            $text | Should -Match 'Google Drive'
        }
    }

    Context 'New-KasmStorageProvider' {
        It 'creates a Nextcloud provider with -WebdavUrl' {
            $p = New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl 'https://cloud.example.com/remote.php/dav/files/' -DefaultTarget '/home/kasm-user/Desktop/Nextcloud' -ErrorAction Stop
            $p | Should -BeOfType ([Kasm.Models.KasmStorageProvider])
            $p.Type | Should -BeExactly 'Nextcloud'
            $p.WebdavUrl | Should -BeExactly 'https://cloud.example.com/remote.php/dav/files/'
            $p.DefaultTarget | Should -BeExactly '/home/kasm-user/Desktop/Nextcloud'
            $p.Enabled | Should -BeTrue
            $p.Connection | Should -Be $conn
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be 'create_storage_provider'
            $log[0].path | Should -BeExactly '/api/admin/create_storage_provider'
            $log[0].status | Should -Be 200
            (Get-KasmStorageProvider Nextcloud -ErrorAction Stop).StorageProviderId | Should -Be $p.StorageProviderId
        }

        It 'creates a <_> provider with -ClientId, -ClientSecret, -AuthUrl, -TokenUrl and -RedirectUrl' -ForEach 'GoogleDrive', 'OneDrive', 'Dropbox' {
            $p = New-KasmStorageProvider -Name "My $_" -Type $_ -ClientSecret (ConvertTo-TestSecureString 'sekrit-value') @OAuth -Scope 'a', 'b' -Disabled -ErrorAction Stop
            $p.Type | Should -BeExactly $(if ($_ -eq 'GoogleDrive') { 'Google Drive' } else { $_ })
            $p.ClientId | Should -BeExactly 'client-123'
            $p.AuthUrl | Should -BeExactly $OAuth.AuthUrl
            $p.TokenUrl | Should -BeExactly $OAuth.TokenUrl
            $p.RedirectUrl | Should -BeExactly $OAuth.RedirectUrl
            $p.Scope | Should -Be @('a', 'b')
            $p.Enabled | Should -BeFalse
            @(Get-EmulatorRequestLog $emu).method | Should -Be 'create_storage_provider'
        }

        It 'creates a Custom provider with -VolumeConfig' {
            $p = New-KasmStorageProvider -Name 'Custom one' -Type Custom -VolumeConfig @{ driver = 'rclone'; driver_opts = @{ type = 'sftp' } } -MountConfig @{ readonly = $true } -ErrorAction Stop
            $p.Type | Should -BeExactly 'Custom'
            $p.VolumeConfig | Should -BeOfType ([hashtable])
            $p.VolumeConfig['driver'] | Should -BeExactly 'rclone'
            $p.VolumeConfig['driver_opts'].type | Should -BeExactly 'sftp'
            $p.MountConfig['readonly'] | Should -BeTrue
        }

        It 'creates an S3 provider with -VolumeConfig and -DefaultTarget' {
            $p = New-KasmStorageProvider -Name 'S3 home' -Type S3 -VolumeConfig @{ driver = 'rclone'; driver_opts = @{ type = 's3' } } -DefaultTarget '/home/kasm-user/Desktop/S3' -ErrorAction Stop
            $p.Type | Should -BeExactly 'S3'
            $p.DefaultTarget | Should -BeExactly '/home/kasm-user/Desktop/S3'
            $p.VolumeConfig['driver_opts'].type | Should -BeExactly 's3'
        }

        It 'the S3 provider of the help example is created as written' {
            $example = (Get-Help New-KasmStorageProvider -Examples).examples.example | Where-Object { $_.code -match '-Type S3' } | Select-Object -First 1
            $example | Should -Not -BeNullOrEmpty
            $r = @(Invoke-Expression $example.code)
            $r | Should -HaveCount 1
            $r[0].Type | Should -BeExactly 'S3'
            $r[0].DefaultTarget | Should -BeExactly '/home/kasm-user/S3'
            @(Get-EmulatorRequestLog $emu).method | Should -Be @('create_storage_provider')
        }

        It 'an S3 provider with no settings gets the rclone S3 volume config and a desktop folder' {
            $p = New-KasmStorageProvider -Name 'S3 default' -Type S3 -ErrorAction Stop
            $p.DefaultTarget | Should -BeExactly '/home/kasm-user/Desktop/S3'
            $p.VolumeConfig['driver'] | Should -BeExactly 'rclone'
            $p.VolumeConfig['driver_opts'].type | Should -BeExactly 's3'
        }

        It 'a <Type> provider without <Missing> is KasmInvalidArgument before any request' -ForEach @(
            @{ Type = 'Nextcloud'; Params = @{}; Missing = '-WebdavUrl' }
            @{ Type = 'GoogleDrive'; Params = @{ ClientId = 'x'; AuthUrl = 'https://a'; TokenUrl = 'https://t'; RedirectUrl = 'https://r' }; Missing = '-ClientSecret' }
            @{ Type = 'OneDrive'; Params = @{ ClientId = 'x' }; Missing = '-ClientSecret' }
            @{ Type = 'Dropbox'; Params = @{}; Missing = '-ClientId' }
            @{ Type = 'Custom'; Params = @{ DefaultTarget = '/mnt' }; Missing = '-VolumeConfig' }
            @{ Type = 'S3'; Params = @{ DefaultTarget = 'mnt/s3' }; Missing = '-DefaultTarget' }
            @{ Type = 'S3'; Params = @{ VolumeConfig = @{ driver = 'rclone' } }; Missing = '-VolumeConfig' }
        ) {
            $r = @(New-KasmStorageProvider -Name "Bad $Type" -Type $Type @Params -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].TargetObject | Should -BeExactly "Bad $Type"
            $ev[0].Exception.Message | Should -Match ([regex]::Escape($Missing))
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }

        # Regression (fixed in b951cc6): a pipeline-bound parameter used to keep the previous record's value
        # (KasmCmdlet.BoundFields read MyInvocation.BoundParameters), so 'NC bad' was created with NC 1's URL.
        It 'piped rows: a row missing its settings fails alone, the others are created' {
            $rows = @(
                [pscustomobject]@{ Name = 'NC 1'; Type = 'Nextcloud'; WebdavUrl = 'https://one.example.com/dav/' }
                [pscustomobject]@{ Name = 'NC bad'; Type = 'Nextcloud' }
                [pscustomobject]@{ Name = 'NC 2'; Type = 'Nextcloud'; WebdavUrl = 'https://two.example.com/dav/' }
            )
            $r = @($rows | New-KasmStorageProvider -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.Name | Should -Be @('NC 1', 'NC 2')
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].TargetObject | Should -BeExactly 'NC bad'
            @(Get-EmulatorRequestLog $emu).method | Should -Be @('create_storage_provider', 'create_storage_provider')
        }

        It 'a provider the server refuses (key without permission) is <NoPermissionId> for each item, with its name as target' {
            $rows = @(
                [pscustomobject]@{ Name = 'Refused 1'; Type = 'Nextcloud'; WebdavUrl = 'https://one.example.com/dav/' }
                [pscustomobject]@{ Name = 'Refused 2'; Type = 'Nextcloud'; WebdavUrl = 'https://two.example.com/dav/' }
            )
            $r = @($rows | New-KasmStorageProvider -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 2
            foreach ($e in $ev) {
                $e.FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
                $e.Exception.StatusCode | Should -Be $NoPermissionStatus
            }
            $ev.TargetObject | Should -Be @('Refused 1', 'Refused 2')
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('create_storage_provider', 'create_storage_provider')
            $log.status | Should -Be @($NoPermissionStatus, $NoPermissionStatus)
            @(Get-KasmStorageProvider -ErrorAction Stop) | Should -HaveCount 2
        }

        It 'an empty -VolumeConfig counts as missing (KasmInvalidArgument before any request)' {
            New-KasmStorageProvider -Name 'Empty custom' -Type Custom -VolumeConfig @{} -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].TargetObject | Should -BeExactly 'Empty custom'
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }

        It '-WhatIf sends no request' {
            $run = Invoke-Captured {
                New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl 'https://cloud.example.com/dav/' -WhatIf
                New-KasmStorageProvider -Name Drive -Type GoogleDrive -ClientSecret $clientSecret @OAuth -WhatIf
            } -Variables @{ OAuth = $OAuth; clientSecret = (ConvertTo-TestSecureString 'x') }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 2
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
            @(Get-KasmStorageProvider -ErrorAction Stop) | Should -HaveCount 2
        }

        It '-ClientSecret is sent but appears in no output, no view, no debug text and not in the request log' {
            $plain = 'Cs-' + [guid]::NewGuid().ToString('N')
            $res = Invoke-Debugged { New-KasmStorageProvider -Name 'Secret drive' -Type GoogleDrive -ClientSecret (ConvertTo-TestSecureString $plain) @OAuth -Verbose 4>&1 -ErrorAction Stop }
            $p = @($res.Output | Where-Object { $_ -is [Kasm.Models.KasmStorageProvider] })
            $p | Should -HaveCount 1
            $body = @(Get-SentBody $res.Debug 'create_storage_provider')
            $body | Should -HaveCount 1
            $body[0].target_storage_provider.client_secret | Should -BeExactly '***' -Because 'the secret is sent, redacted in the debug text'
            $listed = Get-KasmStorageProvider 'Secret drive' -ErrorAction Stop
            $text = ($res.Output | Out-String) + ($res.Debug -join "`n") +
                ($p[0] | Format-List * | Out-String) + ($listed | Format-List * | Out-String) +
                ($listed | Select-Object * -ExcludeProperty Connection | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue) +
                ($p[0].AdditionalProperties | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue) +
                (Invoke-EmulatorControl $emu 'requests' | ConvertTo-Json -Depth 6)
            $text | Should -Not -Match ([regex]::Escape($plain))
            $text | Should -Match 'Secret drive' -Because 'the text above is really the output'
        }
    }

    Context 'Set-KasmStorageProvider' {
        It 'changes a piped provider and keeps its other settings when update_storage_provider <_>' -ForEach 'keeps what it is not sent', 'resets what it is not sent' {
            $null = Set-EmulatorSetting $emu @{ storageUpdateReplaces = ($_ -like 'resets*') }
            try {
                $p = New-KasmStorageProvider -Name Cloud -Type Nextcloud -WebdavUrl 'https://cloud.example.com/remote.php/dav/files/' -MountConfig @{ readonly = $true } -Confirm:$false -ErrorAction Stop
                Clear-EmulatorRequestLog $emu
                $r = Invoke-Debugged { $p | Set-KasmStorageProvider -DefaultTarget '/home/kasm-user/Cloud' -Enabled:$false -Confirm:$false -PassThru -ErrorAction Stop }
                $changed = @($r.Output)
                $changed | Should -HaveCount 1
                $changed[0] | Should -BeOfType ([Kasm.Models.KasmStorageProvider])
                $changed[0].DefaultTarget | Should -BeExactly '/home/kasm-user/Cloud'
                $changed[0].Enabled | Should -BeFalse
                (Get-EmulatorRequestMethod $emu) | Should -Be @('get_storage_providers', 'update_storage_provider')
                $sent = @(Get-SentBody $r.Debug update_storage_provider)[0].target_storage_provider
                $sent.PSObject.Properties.Name | Should -Not -Contain 'client_secret'
                $sent.scope | Should -BeOfType ([string])
                $after = Get-KasmStorageProvider -Name Cloud -ErrorAction Stop
                $after.WebdavUrl | Should -BeExactly 'https://cloud.example.com/remote.php/dav/files/'
                $after.Type | Should -BeExactly 'Nextcloud'
                $after.VolumeConfig.driver | Should -BeExactly 'rclone'
                $after.MountConfig.readonly | Should -BeTrue -Because 'mount_config was sent back as read'
                $after.Name | Should -BeExactly 'Cloud'
                # The control: the same server does reset (or keep) what a bare update leaves out.
                $null = Invoke-KasmApi update_storage_provider -Body @{ target_storage_provider = @{ storage_provider_id = $p.StorageProviderId.ToString('N'); name = 'Cloud' } } -Confirm:$false -ErrorAction Stop
                $bare = Get-KasmStorageProvider -Name Cloud -ErrorAction Stop
                if ($_ -like 'resets*') { $bare.WebdavUrl | Should -BeNullOrEmpty } else { $bare.WebdavUrl | Should -Not -BeNullOrEmpty }
            }
            finally { $null = Set-EmulatorSetting $emu @{ storageUpdateReplaces = $false } }
        }

        It 'a provider with a client secret is changed only when -ClientSecret is given again (KasmInvalidArgument, no update sent, otherwise)' {
            Set-KasmStorageProvider 'Google Drive' -Enabled:$false -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].Exception.Message | Should -Match '-ClientSecret'
            $ev[0].TargetObject | Should -BeExactly 'Google Drive'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'update_storage_provider'
            (Get-KasmStorageProvider 'Google Drive').Enabled | Should -BeTrue
            $plain = 'Cs-' + [guid]::NewGuid().ToString('N')
            $r = Invoke-Debugged { Set-KasmStorageProvider 'Google Drive' -Enabled:$false -ClientSecret (ConvertTo-TestSecureString $plain) -Confirm:$false -PassThru -Verbose 4>&1 -ErrorAction Stop }
            $p = @($r.Output | Where-Object { $_ -is [Kasm.Models.KasmStorageProvider] })
            $p | Should -HaveCount 1
            $p[0].Enabled | Should -BeFalse
            $p[0].ClientId | Should -BeExactly '123456789012-example.apps.googleusercontent.com'
            @(Get-SentBody $r.Debug update_storage_provider)[0].target_storage_provider.client_secret | Should -BeExactly '***'
            $text = ($r.Output | Out-String) + ($r.Debug -join "`n") + ($p[0] | Format-List * | Out-String) +
                ($p[0].AdditionalProperties | ConvertTo-Json -Depth 6 -WarningAction SilentlyContinue) + (Invoke-EmulatorControl $emu 'requests' | ConvertTo-Json -Depth 6)
            $text | Should -Not -Match ([regex]::Escape($plain))
            $text | Should -Match 'Google Drive' -Because 'the text above is really the output'
        }

        It 'nothing to change, a relative -DefaultTarget or the mask as -ClientSecret is KasmInvalidArgument before any request' {
            Set-KasmStorageProvider 'Google Drive' -Confirm:$false -ErrorVariable ev1 -ErrorAction SilentlyContinue
            Set-KasmStorageProvider 'Google Drive' -DefaultTarget 'Desktop/Drive' -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
            Set-KasmStorageProvider 'Google Drive' -ClientSecret (ConvertTo-TestSecureString '**********') -Confirm:$false -ErrorVariable ev3 -ErrorAction SilentlyContinue
            foreach ($ev in $ev1, $ev2, $ev3) {
                $ev | Should -HaveCount 1
                $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            }
            $ev2[0].Exception.Message | Should -Match '-DefaultTarget'
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }

        It 'an unknown name is KasmItemNotFound, a key without the permission <NoPermissionId>, each alone in a pipeline; -WhatIf sends no update' {
            $rows = @(
                [pscustomobject]@{ StorageProviderId = [guid]::NewGuid() }
                @(Get-KasmStorageProvider)[0]
            )
            $out = @($rows | Set-KasmStorageProvider -NewName 'Team Drive' -ClientSecret (ConvertTo-TestSecureString 's') -Confirm:$false -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
            $out.Name | Should -Be @('Team Drive')
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            Set-KasmStorageProvider 'No Such Provider' -NewName x -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
            $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev2[0].TargetObject | Should -BeExactly 'No Such Provider'
            Set-KasmStorageProvider 'Team Drive' -NewName x -ClientSecret (ConvertTo-TestSecureString 's') -Connection $limited -Confirm:$false -ErrorVariable ev3 -ErrorAction SilentlyContinue
            $ev3[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            Clear-EmulatorRequestLog $emu
            $run = Invoke-Captured { Get-KasmStorageProvider -Name 'Team Drive' | Set-KasmStorageProvider -NewName Other -ClientSecret $s -WhatIf } -Variables @{ s = (ConvertTo-TestSecureString 's') }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike '*on target "storage provider Team Drive".'
            $run.WhatIf[0] | Should -Match 'client_secret=\*\*\*[,"]' -Because 'the secret is masked in the ShouldProcess text'
            (Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'update_storage_provider'
            (Get-KasmStorageProvider).Name | Should -Be @('Team Drive', 'Team S3')
        }
    }

    Context 'Remove-KasmStorageProvider' {
        It 'deletes a provider by name or piped; the others stay' {
            $p = New-KasmStorageProvider -Name 'Scratch S3' -Type S3 -Confirm:$false -ErrorAction Stop
            $p | Remove-KasmStorageProvider -Confirm:$false -ErrorAction Stop
            @(Get-KasmStorageProvider).Name | Should -Not -Contain 'Scratch S3'
            Remove-KasmStorageProvider 'Google Drive' -Confirm:$false -ErrorAction Stop
            @(Get-KasmStorageProvider).Name | Should -Be @('Team S3')
        }

        It 'an unknown id is <UnknownId>; an unknown name and -WhatIf send nothing; ConfirmImpact is High' {
            Remove-KasmStorageProvider -StorageProviderId ([guid]::NewGuid()) -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownId,*"
            Clear-EmulatorRequestLog $emu
            Remove-KasmStorageProvider 'No such provider' -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
            $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $run = Invoke-Captured { Remove-KasmStorageProvider 'Google Drive' -WhatIf }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike '*on target "storage provider Google Drive".'
            @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
            (Get-Command Remove-KasmStorageProvider).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
        }

        It 'a key without Storage Providers Delete is refused (<NoPermissionId>) and the provider stays' {
            $id = @(Get-KasmStorageProvider)[0].StorageProviderId
            Remove-KasmStorageProvider -StorageProviderId $id -Connection $limited -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            @(Get-KasmStorageProvider).StorageProviderId | Should -Contain $id
        }
    }
}
