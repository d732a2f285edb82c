#Requires -Version 5.1
# New-, Set-, Remove-KasmGroup, Get-, Add-, Remove-KasmGroupMember and Get-, Add-, Remove-KasmGroupImage against the real emulator over HTTPS, per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Group administration against the <EmulatorProfile> emulator' -ForEach @(
    # Group business errors: 400 JSON in the seed, HTTP 200 + error_message in the kasm profiles; membership errors are
    # 400 on /api/public in every profile (seed: 404 for an unknown id). A missing permission: 403 seed/1.19, 401 in 1.15.
    @{ EmulatorProfile = 'seed'; GroupErrorId = 'KasmInvalidRequest'; MemberErrorId = 'KasmInvalidRequest'; NoPermissionId = 'KasmForbidden'; MissingId = 'KasmNotFound' }
    @{ EmulatorProfile = 'kasm-1.15'; GroupErrorId = 'KasmApiError'; MemberErrorId = 'KasmInvalidRequest'; NoPermissionId = 'KasmUnauthorized'; MissingId = 'KasmApiError' }
    @{ EmulatorProfile = 'kasm-1.19'; GroupErrorId = 'KasmApiError'; MemberErrorId = 'KasmInvalidRequest'; NoPermissionId = 'KasmForbidden'; MissingId = 'KasmApiError' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -SessionDelayMs 0 -KeyName imagesonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; destroyDelayMs = 300; maxKasmsPerUser = 5; licenseLimit = 20 }
        $user = Get-KasmUser -UserName 'user@kasm.local' -ErrorAction Stop
        $admin = Get-KasmUser -UserName 'admin@kasm.local' -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
    }

    It 'Get-KasmGroup Ops | Get-KasmGroupMember | Get-KasmSession | Remove-KasmSession ends the sessions of the group''s members only' {
        # An hour's destroy delay holds ended sessions in 'deleting', so the check below cannot race the delay.
        $null = Set-EmulatorSetting $emu @{ destroyDelayMs = 3600000 }
        $mine = New-KasmSession -ImageName Terminal -UserId $user.UserId -ErrorAction Stop
        $theirs = New-KasmSession -ImageName Chrome -UserId $admin.UserId -ErrorAction Stop
        $members = @(Get-KasmGroup Ops | Get-KasmGroupMember -ErrorAction Stop)
        $members | Should -HaveCount 1
        $members[0] | Should -BeOfType ([Kasm.Models.KasmUser])
        $members[0].UserId | Should -Be $user.UserId
        Get-KasmGroup Ops | Get-KasmGroupMember | Get-KasmSession | Remove-KasmSession -Confirm:$false -ErrorAction Stop
        (Get-KasmSession -KasmId $mine.KasmId).Status | Should -Be 'deleting'
        (Get-KasmSession -KasmId $theirs.KasmId).Status | Should -Not -Be 'deleting'
    }

    It 'New-KasmGroup creates a group; a second with the name is <GroupErrorId>; Set-KasmGroup changes only what is given' {
        $g = New-KasmGroup -Name Contractors -Priority 200 -Description 'External' -Confirm:$false -ErrorAction Stop
        $g | Should -BeOfType ([Kasm.Models.KasmGroup])
        $g.Name | Should -BeExactly 'Contractors'
        $g.Priority | Should -Be 200
        $g.IsSystem | Should -BeFalse
        New-KasmGroup -Name Contractors -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$GroupErrorId,*"
        $changed = $g | Set-KasmGroup -Priority 150 -Confirm:$false -PassThru -ErrorAction Stop
        $changed.Priority | Should -Be 150
        $changed.Description | Should -BeExactly 'External'
        $changed.Name | Should -BeExactly 'Contractors'
        (Set-KasmGroup Contractors -NewName Vendors -Confirm:$false -PassThru -ErrorAction Stop).Name | Should -BeExactly 'Vendors'
        (Get-KasmGroup -Name Vendors).Priority | Should -Be 150
    }

    It 'Set-KasmGroup keeps the group''s metadata and description on a server whose update_group resets what it is not sent' {
        $null = Set-EmulatorSetting $emu @{ groupUpdateReplaces = $true }
        try {
            $g = New-KasmGroup -Name Keepers -Priority 300 -Description 'Kept' -Confirm:$false -ErrorAction Stop
            $metadata = @{ theme = 'dark'; limits = @{ sessions = 3 } }
            $null = Invoke-KasmApi update_group -Body @{ target_group = @{ group_id = $g.GroupId.ToString('N'); name = 'Keepers'; priority = 300; description = 'Kept'; group_metadata = $metadata } } -Confirm:$false -ErrorAction Stop
            $null = Set-KasmGroup Keepers -Priority 250 -Confirm:$false -ErrorAction Stop
            $after = @((Invoke-KasmApi get_groups -ErrorAction Stop).groups | Where-Object name -EQ 'Keepers')
            $after | Should -HaveCount 1
            $after[0].priority | Should -Be 250
            $after[0].description | Should -BeExactly 'Kept'
            $after[0].group_metadata.theme | Should -BeExactly 'dark'
            $after[0].group_metadata.limits.sessions | Should -Be 3
            # The control: the same server does reset what a bare update leaves out.
            $null = Invoke-KasmApi update_group -Body @{ target_group = @{ group_id = $g.GroupId.ToString('N'); name = 'Keepers'; priority = 250 } } -Confirm:$false -ErrorAction Stop
            $bare = @((Invoke-KasmApi get_groups -ErrorAction Stop).groups | Where-Object name -EQ 'Keepers')
            $bare[0].group_metadata | Should -BeNullOrEmpty
            $bare[0].description | Should -BeNullOrEmpty
        }
        finally { $null = Set-EmulatorSetting $emu @{ groupUpdateReplaces = $false } }
    }

    It 'Set-KasmGroup with nothing to change, or New-KasmGroup with a priority out of range, is refused before anything is sent' {
        Set-KasmGroup Ops -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        { New-KasmGroup -Name X -Priority 5000 -Confirm:$false -ErrorAction Stop } | Should -Throw
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
    }

    It 'Remove-KasmGroup refuses a group with members without -Force (<GroupErrorId>), deletes it with -Force, and never a built-in group' {
        Remove-KasmGroup Ops -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$GroupErrorId,*"
        @(Get-KasmGroup -Name Ops) | Should -HaveCount 1
        Get-KasmGroup -Name Ops | Remove-KasmGroup -Force -Confirm:$false -ErrorAction Stop
        Get-KasmGroup -Name Ops -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        (Get-KasmUser -UserId $user.UserId).Groups.Name | Should -Not -Contain 'Ops'
        Remove-KasmGroup 'All Users' -Force -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike "$GroupErrorId,*"
        (Get-Command Remove-KasmGroup).ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0].ConfirmImpact | Should -Be 'High'
    }

    It 'Add-KasmGroupMember and Remove-KasmGroupMember change the membership; a second add is <MemberErrorId> for that user only' {
        Add-KasmGroupMember -GroupName Ops -UserName admin@kasm.local -Confirm:$false -ErrorAction Stop
        @(Get-KasmGroupMember Ops).UserId | Should -Contain $admin.UserId
        # user@kasm.local is a member already: an error for it; admin was added above, so a second add fails too.
        $user, $admin | Add-KasmGroupMember -GroupName Ops -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 2
        foreach ($e in $ev) { $e.FullyQualifiedErrorId | Should -BeLike "$MemberErrorId,*" }
        Get-KasmGroup -Name Ops | Remove-KasmGroupMember -UserName user@kasm.local -Confirm:$false -ErrorAction Stop
        @(Get-KasmGroupMember Ops).UserId | Should -Be @($admin.UserId)
    }

    It 'a membership change names one group and one user, and unknown names are errors before anything is sent' {
        Add-KasmGroupMember -UserName user@kasm.local -Confirm:$false -ErrorVariable ev1 -ErrorAction SilentlyContinue
        $ev1[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        Add-KasmGroupMember -GroupName NoSuchGroup -UserName user@kasm.local -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $run = Invoke-Captured { Remove-KasmGroupMember -GroupName Ops -UserName user@kasm.local -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        $run.WhatIf | Should -HaveCount 1
        $run.WhatIf[0] | Should -BeLike '*on target "user user@kasm.local from group Ops".'
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
    }

    It 'a key without the group permissions is refused (<NoPermissionId>)' {
        New-KasmGroup -Name X -Connection $limited -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        Get-KasmGroupMember -GroupId ([guid] '5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b') -Connection $limited -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
    }

    It 'Get-KasmGroupImage lists a group''s workspaces; Add- and Remove-KasmGroupImage change them' {
        $ops = @(Get-KasmGroupImage Ops -ErrorAction Stop)
        $ops | Should -HaveCount 1
        $ops[0] | Should -BeOfType ([Kasm.Models.KasmGroupImage])
        $ops[0].ImageName | Should -BeExactly 'Terminal'
        $ops[0].GroupName | Should -BeExactly 'Ops'
        Get-KasmImage -Name Chrome, Firefox | Add-KasmGroupImage -GroupName Ops -Confirm:$false -ErrorAction Stop
        @(Get-KasmGroupImage Ops).ImageName | Sort-Object | Should -Be @('Chrome', 'Firefox', 'Terminal')
        Get-KasmGroupImage Ops | Where-Object ImageName -EQ Terminal | Remove-KasmGroupImage -Confirm:$false -ErrorAction Stop
        @(Get-KasmGroupImage Ops).ImageName | Sort-Object | Should -Be @('Chrome', 'Firefox')
    }

    It 'a workspace or group that does not exist is <MissingId>; unknown names and -WhatIf send nothing' {
        Add-KasmGroupImage -GroupName Ops -ImageId ([guid]::NewGuid()) -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$MissingId,*"
        Clear-EmulatorRequestLog $emu
        Add-KasmGroupImage -GroupName Ops -ImageName NoSuchWorkspace -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $run = Invoke-Captured { Remove-KasmGroupImage -GroupName Ops -ImageName Terminal -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        $run.WhatIf | Should -HaveCount 1
        $run.WhatIf[0] | Should -BeLike '*on target "workspace Terminal from group Ops".'
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -notlike 'get_*' }) | Should -HaveCount 0
        @(Get-KasmGroupImage Ops).ImageName | Should -Be @('Terminal')
    }
}
