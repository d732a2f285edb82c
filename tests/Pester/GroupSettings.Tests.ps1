#Requires -Version 5.1
# Get-, Set-, Remove-KasmGroupSetting against the real emulator over HTTPS, per profile (docs/kasm-api.md#group-settings).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Group settings against the <EmulatorProfile> emulator' -ForEach @(
    # Business errors: 400 JSON in the seed, HTTP 200 + error_message in the kasm profiles. A missing permission: 403 seed/1.19, 401 in 1.15.
    @{ EmulatorProfile = 'seed'; GroupErrorId = 'KasmInvalidRequest'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; GroupErrorId = 'KasmApiError'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; GroupErrorId = 'KasmApiError'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -SessionDelayMs 0 -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $readonly = $kasm.Connections.readonly
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        Clear-EmulatorRequestLog $emu
    }

    It 'Get-KasmGroupSetting lists every known setting, typed, with the group''s own values marked IsSet' {
        $all = @(Get-KasmGroupSetting Ops -ErrorAction Stop)
        $all.Count | Should -BeGreaterThan 20
        $all[0] | Should -BeOfType ([Kasm.Models.KasmGroupSetting])
        $set = @($all | Where-Object IsSet)
        @($set.Name | Sort-Object) | Should -Be @('allow_kasm_downloads', 'max_kasms_per_user')
        $max = $all | Where-Object Name -EQ 'max_kasms_per_user'
        $max.Value | Should -BeOfType ([long])
        $max.Value | Should -Be 3
        $max.GroupName | Should -BeExactly 'Ops'
        $max.GroupId | Should -Be ([guid] '5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b')
        ($all | Where-Object Name -EQ 'allow_kasm_downloads').Value | Should -BeExactly $false
        $uploads = $all | Where-Object Name -EQ 'allow_kasm_uploads'
        $uploads.IsSet | Should -BeFalse
        $uploads.Value | Should -BeExactly $true
        ($all | Where-Object Name -EQ 'usage_limit').Value | Should -BeExactly $false
        Get-EmulatorRequestMethod $emu | Should -Be @('get_groups', 'get_settings_group')
    }

    It 'Get-KasmGroupSetting -Name takes wildcards; a literal name that matches nothing is KasmItemNotFound; piped groups each get theirs' {
        @(Get-KasmGroupSetting Ops -Name 'allow_kasm_*').Count | Should -Be 6
        $rows = @(Get-KasmGroup | Get-KasmGroupSetting -Name max_kasms_per_user, no_such_setting -ErrorVariable ev -ErrorAction SilentlyContinue)
        $rows | Should -HaveCount 3
        ($rows | Where-Object GroupName -EQ 'Ops').Value | Should -Be 3
        ($rows | Where-Object GroupName -EQ 'All Users').Value | Should -Be 2
        $ev | Should -HaveCount 3
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
    }

    It 'Set-KasmGroupSetting adds a setting the group has not set and updates one it has, each read first' {
        $added = Set-KasmGroupSetting -GroupName Ops -Name allow_kasm_pause -Value $true -Confirm:$false -PassThru -ErrorAction Stop
        $added.IsSet | Should -BeTrue
        $added.Value | Should -BeExactly $true
        $updated = Set-KasmGroupSetting Ops max_kasms_per_user '7' -Confirm:$false -PassThru -ErrorAction Stop
        $updated.Value | Should -Be 7
        Get-EmulatorRequestMethod $emu | Should -Be @('get_groups', 'get_settings_group', 'add_settings_group', 'get_groups', 'get_settings_group', 'update_settings_group')
        $now = @(Get-KasmGroupSetting Ops | Where-Object IsSet)
        @($now.Name | Sort-Object) | Should -Be @('allow_kasm_downloads', 'allow_kasm_pause', 'max_kasms_per_user')
        (Get-KasmGroupSetting Ops max_kasms_per_user).Value | Should -Be 7
        # A second set of an added setting is an update, not a refused add.
        Set-KasmGroupSetting Ops allow_kasm_pause $false -Confirm:$false -ErrorAction Stop
        (Get-KasmGroupSetting Ops allow_kasm_pause).Value | Should -BeExactly $false
    }

    It 'Set-KasmGroupSetting sends a json setting from a hashtable as JSON text, and it reads back as an object' {
        $r = Invoke-Debugged { Set-KasmGroupSetting Ops usage_limit @{ type = 'per_user'; interval = 'monthly'; hours = 10 } -Confirm:$false -ErrorAction Stop }
        $sent = @(Get-SentBody $r.Debug -Method add_settings_group)
        $sent | Should -HaveCount 1
        $sent[0].target_setting.value | Should -BeOfType ([string])
        ($sent[0].target_setting.value | ConvertFrom-Json).hours | Should -Be 10
        $back = Get-KasmGroupSetting Ops usage_limit
        $back.Value.interval | Should -BeExactly 'monthly'
        $back.Value.hours | Should -Be 10
    }

    It 'a value of the wrong type is KasmInvalidArgument and no change is sent; other items go on' {
        Set-KasmGroupSetting Ops max_kasms_per_user 'many' -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        Set-KasmGroupSetting Ops allow_kasm_pause 'maybe' -Confirm:$false -ErrorVariable +ev -ErrorAction SilentlyContinue
        Set-KasmGroupSetting Ops usage_limit '{not json' -Confirm:$false -ErrorVariable +ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 3
        $ev | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*' }
        Get-EmulatorRequestMethod $emu | Where-Object { $_ -like '*_settings_group' -and $_ -ne 'get_settings_group' } | Should -BeNullOrEmpty
        $rows = @(
            [pscustomobject]@{ GroupId = '5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b'; Name = 'max_kasms_per_user'; Value = 'x' }
            [pscustomobject]@{ GroupId = '5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b'; Name = 'allow_kasm_stop'; Value = 'true' }
        )
        $rows | Set-KasmGroupSetting -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2 | Should -HaveCount 1
        (Get-KasmGroupSetting Ops allow_kasm_stop).Value | Should -BeExactly $true
        (Get-KasmGroupSetting Ops max_kasms_per_user).Value | Should -Be 3
    }

    It 'an unknown setting name is KasmItemNotFound; an unknown group name is refused before anything is changed' {
        Set-KasmGroupSetting Ops no_such_setting 1 -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        Set-KasmGroupSetting 'No such group' max_kasms_per_user 1 -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2 | Should -HaveCount 1
        Get-EmulatorRequestMethod $emu | Where-Object { $_ -in 'add_settings_group', 'update_settings_group' } | Should -BeNullOrEmpty
    }

    It 'a licensed setting the licence does not cover is refused by the server as <GroupErrorId>' {
        $null = Set-EmulatorSetting $emu @{ groupSettingsUnlicensed = $true }
        Set-KasmGroupSetting Ops allow_kasm_sharing $true -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$GroupErrorId,*"
        (Get-KasmGroupSetting Ops allow_kasm_sharing).IsSet | Should -BeFalse
        Set-KasmGroupSetting Ops allow_kasm_pause $true -Confirm:$false -ErrorAction Stop
    }

    It 'piped settings of one group copy to another with -GroupName' {
        Get-KasmGroupSetting Ops | Where-Object IsSet | Set-KasmGroupSetting -GroupName 'All Users' -Confirm:$false -ErrorAction Stop
        $copied = @(Get-KasmGroupSetting 'All Users' | Where-Object IsSet)
        @($copied.Name | Sort-Object) | Should -Be @('allow_kasm_downloads', 'max_kasms_per_user')
        ($copied | Where-Object Name -EQ 'max_kasms_per_user').Value | Should -Be 3
    }

    It 'Remove-KasmGroupSetting puts a setting back to its default; an unset one is left alone, nothing sent' {
        Get-KasmGroupSetting Ops max_kasms_per_user | Remove-KasmGroupSetting -Confirm:$false -ErrorAction Stop
        $back = Get-KasmGroupSetting Ops max_kasms_per_user
        $back.IsSet | Should -BeFalse
        $back.Value | Should -Be 2
        Clear-EmulatorRequestLog $emu
        Remove-KasmGroupSetting -GroupName Ops -Name allow_kasm_uploads -Confirm:$false -ErrorAction Stop
        Get-EmulatorRequestMethod $emu | Should -Not -Contain 'remove_settings_group'
    }

    It '-WhatIf sends no change and names the group and the setting' {
        $r = Invoke-Captured { Set-KasmGroupSetting Ops max_kasms_per_user 9 -WhatIf; Remove-KasmGroupSetting Ops max_kasms_per_user -WhatIf }
        $r.WhatIf | Should -HaveCount 2
        $r.WhatIf[0] | Should -BeLike '*max_kasms_per_user*group Ops*'
        $r.WhatIf[1] | Should -BeLike '*max_kasms_per_user*group Ops*'
        Get-EmulatorRequestMethod $emu | Where-Object { $_ -in 'add_settings_group', 'update_settings_group', 'remove_settings_group' } | Should -BeNullOrEmpty
        (Get-KasmGroupSetting Ops max_kasms_per_user).Value | Should -Be 3
    }

    It 'a key without Groups View is refused (<NoPermissionId>); a read-only key reads but cannot change' {
        Get-KasmGroupSetting Ops -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        @(Get-KasmGroupSetting -GroupId '5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b' -Connection $readonly -ErrorAction Stop).Count | Should -BeGreaterThan 20
        Set-KasmGroupSetting -GroupId '5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b' -Name max_kasms_per_user -Value 4 -Connection $readonly -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2 | Should -HaveCount 1
        (Get-KasmGroupSetting Ops max_kasms_per_user).Value | Should -Be 3
    }
}
