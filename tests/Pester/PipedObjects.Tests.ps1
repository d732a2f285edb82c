#Requires -Version 5.1
# Every pair of module output type and cmdlet that takes pipeline input: the piped object is either used for what it
# means (the result is narrowed to it) or refused with KasmInvalidArgument and nothing sent for it, never silently
# ignored. Against the kasm-1.15 emulator over HTTPS.

BeforeDiscovery {
    # Each cmdlet with the parameters it needs besides the piped object (state-changing ones under -WhatIf), and the
    # module types it takes. Every other type must be refused.
    $Cmdlets = @(
        @{ Name = 'Get-KasmImage'; Args = @{}; Takes = 'KasmImage', 'KasmSession' }
        @{ Name = 'Get-KasmSession'; Args = @{}; Takes = 'KasmSession', 'KasmUser', 'KasmImage' }
        @{ Name = 'Get-KasmUser'; Args = @{}; Takes = 'KasmUser', 'KasmSession' }
        @{ Name = 'Get-KasmGroup'; Args = @{}; Takes = @() }
        @{ Name = 'Get-KasmStorageProvider'; Args = @{}; Takes = @() }
        @{ Name = 'Get-KasmSystemInfo'; Args = @{}; Takes = 'KasmImage', 'KasmSession', 'KasmUser', 'KasmGroup', 'KasmStorageProvider', 'KasmSystemInfo', 'KasmSessionShare', 'KasmSessionJoin', 'KasmLoginLink', 'KasmUserAttributes', 'KasmGroupImage', 'KasmZone', 'KasmServer', 'KasmLicense', 'KasmApiKey', 'KasmSetting', 'KasmPermissionCheck', 'KasmSessionRecording', 'KasmGroupSetting', 'KasmSessionPermission', 'KasmSessionHistoryEntry', 'KasmStorageMapping' }
        @{ Name = 'Get-KasmZone'; Args = @{}; Takes = @() }
        @{ Name = 'Get-KasmServer'; Args = @{}; Takes = @() }
        @{ Name = 'Get-KasmLicense'; Args = @{}; Takes = @() }
        @{ Name = 'Get-KasmApiKey'; Args = @{}; Takes = @() }
        @{ Name = 'Get-KasmSetting'; Args = @{}; Takes = @() }
        @{ Name = 'Test-KasmApiKey'; Args = @{ Name = 'Get-KasmImage' }; Takes = @() }
        @{ Name = 'Invoke-KasmApi'; Args = @{ Method = 'get_images' }; Takes = @() }
        @{ Name = 'New-KasmSession'; Args = @{ WhatIf = $true }; Takes = 'KasmImage', 'KasmUser' }
        @{ Name = 'Remove-KasmSession'; Args = @{ WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Get-KasmSessionStatus'; Args = @{}; Takes = 'KasmSession' }
        @{ Name = 'Wait-KasmSession'; Args = @{ TimeoutSec = 30; PollIntervalSec = 0.05 }; Takes = 'KasmSession' }
        @{ Name = 'Suspend-KasmSession'; Args = @{ WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Resume-KasmSession'; Args = @{ WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Stop-KasmSession'; Args = @{ WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Send-KasmSessionKeepalive'; Args = @{ WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Invoke-KasmSessionCommand'; Args = @{ Command = 'true'; WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Save-KasmSessionScreenshot'; Args = @{ Path = [IO.Path]::GetTempPath(); WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Enable-KasmSessionSharing'; Args = @{ WhatIf = $true }; Takes = 'KasmSession' }
        @{ Name = 'Disable-KasmSessionSharing'; Args = @{ WhatIf = $true }; Takes = 'KasmSession', 'KasmSessionShare' }
        @{ Name = 'Get-KasmSessionShare'; Args = @{}; Takes = 'KasmSession', 'KasmSessionShare' }
        @{ Name = 'Get-KasmSessionRecording'; Args = @{}; Takes = 'KasmSession', 'KasmSessionRecording', 'KasmSessionHistoryEntry' }
        @{ Name = 'Get-KasmSessionHistory'; Args = @{}; Takes = 'KasmSession', 'KasmUser', 'KasmSessionHistoryEntry' }
        @{ Name = 'Get-KasmSessionPermission'; Args = @{}; Takes = 'KasmSession', 'KasmUser', 'KasmSessionPermission' }
        @{ Name = 'Grant-KasmSessionPermission'; Args = @{ Access = 'View'; WhatIf = $true }; Takes = 'KasmSession', 'KasmSessionPermission', 'KasmUser' }
        @{ Name = 'Revoke-KasmSessionPermission'; Args = @{ WhatIf = $true }; Takes = 'KasmSession', 'KasmSessionPermission', 'KasmUser' }
        @{ Name = 'Join-KasmSession'; Args = @{ WhatIf = $true }; Takes = 'KasmSessionShare', 'KasmUser' }
        @{ Name = 'Remove-KasmUser'; Args = @{ WhatIf = $true }; Takes = 'KasmUser' }
        @{ Name = 'New-KasmGroup'; Args = @{ Name = 'Piped'; WhatIf = $true }; Takes = @() }
        @{ Name = 'Set-KasmGroup'; Args = @{ Description = 'Piped'; WhatIf = $true }; Takes = 'KasmGroup' }
        @{ Name = 'Remove-KasmGroup'; Args = @{ WhatIf = $true }; Takes = 'KasmGroup' }
        @{ Name = 'Get-KasmGroupMember'; Args = @{}; Takes = 'KasmGroup' }
        @{ Name = 'Add-KasmGroupMember'; Args = @{ WhatIf = $true }; Takes = 'KasmGroup', 'KasmUser' }
        @{ Name = 'Remove-KasmGroupMember'; Args = @{ WhatIf = $true }; Takes = 'KasmGroup', 'KasmUser' }
        @{ Name = 'Get-KasmGroupImage'; Args = @{}; Takes = 'KasmGroup' }
        @{ Name = 'Add-KasmGroupImage'; Args = @{ WhatIf = $true }; Takes = 'KasmGroup', 'KasmImage', 'KasmGroupImage' }
        @{ Name = 'Remove-KasmGroupImage'; Args = @{ WhatIf = $true }; Takes = 'KasmGroup', 'KasmImage', 'KasmGroupImage' }
        @{ Name = 'Get-KasmGroupSetting'; Args = @{ Name = 'max_kasms_per_user' }; Takes = 'KasmGroup' }
        @{ Name = 'Set-KasmGroupSetting'; Args = @{ Name = 'max_kasms_per_user'; Value = 4; WhatIf = $true }; Takes = 'KasmGroup', 'KasmGroupSetting' }
        @{ Name = 'Remove-KasmGroupSetting'; Args = @{ Name = 'max_kasms_per_user'; WhatIf = $true }; Takes = 'KasmGroup', 'KasmGroupSetting' }
        @{ Name = 'Revoke-KasmUserLogin'; Args = @{ WhatIf = $true }; Takes = 'KasmUser' }
        @{ Name = 'Get-KasmUserLoginLink'; Args = @{}; Takes = 'KasmUser' }
        @{ Name = 'Get-KasmUserAttribute'; Args = @{}; Takes = 'KasmUser' }
        @{ Name = 'Set-KasmUserAttribute'; Args = @{ Theme = 'Dark'; WhatIf = $true }; Takes = 'KasmUser' }
        @{ Name = 'Set-KasmImage'; Args = @{ Cores = 2; WhatIf = $true }; Takes = 'KasmImage' }
        @{ Name = 'New-KasmImage'; Args = @{ FriendlyName = 'Piped'; DockerImage = 'kasmweb/terminal:1.15.0'; WhatIf = $true }; Takes = @() }
        @{ Name = 'Remove-KasmImage'; Args = @{ WhatIf = $true }; Takes = 'KasmImage' }
        @{ Name = 'Set-KasmUser'; Args = @{ Organization = 'Piped'; WhatIf = $true }; Takes = 'KasmUser' }
        @{ Name = 'New-KasmUser'; Args = @{ UserName = 'piped@example.com'; WhatIf = $true }; Takes = @() }
        @{ Name = 'New-KasmStorageProvider'; Args = @{ Name = 'Piped'; Type = 'S3'; WhatIf = $true }; Takes = @() }
        @{ Name = 'Remove-KasmStorageProvider'; Args = @{ WhatIf = $true }; Takes = 'KasmStorageProvider' }
        @{ Name = 'Set-KasmStorageProvider'; Args = @{ NewName = 'Piped'; WhatIf = $true }; Takes = 'KasmStorageProvider' }
        @{ Name = 'Get-KasmStorageMapping'; Args = @{}; Takes = 'KasmUser', 'KasmGroup', 'KasmImage', 'KasmStorageMapping' }
        @{ Name = 'New-KasmStorageMapping'; Args = @{ WhatIf = $true }; Takes = 'KasmUser', 'KasmGroup', 'KasmImage', 'KasmStorageProvider' }
        @{ Name = 'Set-KasmStorageMapping'; Args = @{ Name = 'Piped'; WhatIf = $true }; Takes = 'KasmStorageMapping' }
        @{ Name = 'Remove-KasmStorageMapping'; Args = @{ WhatIf = $true }; Takes = 'KasmStorageMapping' }
    )

    $TypeNames = 'KasmImage', 'KasmSession', 'KasmUser', 'KasmGroup', 'KasmStorageProvider', 'KasmSystemInfo', 'KasmSessionShare', 'KasmSessionJoin', 'KasmLoginLink', 'KasmUserAttributes', 'KasmGroupImage', 'KasmZone', 'KasmServer', 'KasmLicense', 'KasmApiKey', 'KasmSetting', 'KasmPermissionCheck', 'KasmSessionRecording', 'KasmGroupSetting', 'KasmSessionPermission', 'KasmSessionHistoryEntry', 'KasmStorageMapping'
    $Cases = foreach ($c in $Cmdlets) { foreach ($t in $TypeNames) { @{ Cmdlet = $c; CmdletName = $c.Name; TypeName = $t; Taken = $c.Takes -contains $t } } }
    $Matrix = @{ Cmdlets = @($Cmdlets.Name); TypeNames = $TypeNames }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator
    $conn = $kasm.Connection
    $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; maxKasmsPerUser = 5; licenseLimit = 20; allowKasmSharing = $true }

    $image = Get-KasmImage -Name Terminal -ErrorAction Stop
    $user = Get-KasmUser -UserName user@kasm.local -ErrorAction Stop
    $session = New-KasmSession -ImageId $image.ImageId -UserId $user.UserId -ErrorAction Stop
    $other = New-KasmSession -ImageName Chrome -UserName admin@kasm.local -ErrorAction Stop
    $script:Objects = [ordered]@{
        KasmImage           = $image
        KasmSession         = Get-KasmSession -KasmId $session.KasmId -ErrorAction Stop
        KasmUser            = $user
        KasmGroup           = Get-KasmGroup -Name 'All Users' -ErrorAction Stop
        KasmStorageProvider = @(Get-KasmStorageProvider -ErrorAction Stop)[0]
        KasmSystemInfo      = Get-KasmSystemInfo -ErrorAction Stop
        KasmSessionShare    = $null
        KasmSessionJoin     = $null
        KasmLoginLink       = Get-KasmUserLoginLink -UserId $user.UserId -ErrorAction Stop
        KasmUserAttributes  = Get-KasmUserAttribute -UserId $user.UserId -ErrorAction Stop
        KasmGroupImage      = @(Get-KasmGroupImage -GroupName 'All Users' -ErrorAction Stop)[0]
        KasmZone            = @(Get-KasmZone -ErrorAction Stop)[0]
        KasmServer          = @(Get-KasmServer -ErrorAction Stop)[0]
        KasmLicense         = @(Get-KasmLicense -ErrorAction Stop)[0]
        KasmApiKey          = @(Get-KasmApiKey -ErrorAction Stop)[0]
        KasmSetting         = @(Get-KasmSetting -ErrorAction Stop)[0]
        KasmPermissionCheck = @(Test-KasmApiKey -Name Get-KasmImage -ErrorAction Stop)[0]
        KasmSessionRecording = @(Get-KasmSessionRecording -KasmId e1f2a3b4c5d64e7f8091a2b3c4d5e6f7 -ErrorAction Stop)[0]
        KasmGroupSetting    = @(Get-KasmGroupSetting -GroupName 'All Users' -ErrorAction Stop)[0]
    }
    # A shared session of its own (a share piped into Disable-KasmSessionSharing under -WhatIf changes nothing, but
    # the main session stays unshared for the other cases).
    $shared = New-KasmSession -ImageName Firefox -UserName user@kasm.local -ErrorAction Stop
    $Objects.KasmSessionShare = $shared | Enable-KasmSessionSharing -Confirm:$false -ErrorAction Stop
    $Objects.KasmSessionJoin = $Objects.KasmSessionShare | Join-KasmSession -UserName admin@kasm.local -Confirm:$false -ErrorAction Stop
    $admin = Get-KasmUser -UserName admin@kasm.local -ErrorAction Stop
    $Objects.KasmSessionPermission = @($session | Grant-KasmSessionPermission -UserId $admin.UserId -Access View -Confirm:$false -ErrorAction Stop)[0]
    # The history's oldest row: the past session with seven recordings.
    $Objects.KasmSessionHistoryEntry = @(Get-KasmSessionHistory -KasmId ([guid] 'e1f2a3b4c5d64e7f8091a2b3c4d5e6f7') -ErrorAction Stop)[0]
    # The fixture user's S3 mapping.
    $Objects.KasmStorageMapping = @(Get-KasmStorageMapping -UserName user@kasm.local -ErrorAction Stop)[0]

    function Invoke-Piped($Cmdlet, [string] $TypeName) {
        <# Pipes one object of the type into the cmdlet; fills the ids a refused type does not bring. #>
        $object = $Objects[$TypeName]
        $params = @{} + $Cmdlet.Args
        $taken = $Cmdlet.Takes -contains $TypeName
        switch ($Cmdlet.Name) {
            'New-KasmSession' {
                if ($TypeName -ne 'KasmImage') { $params.ImageId = $image.ImageId }
                if ($TypeName -ne 'KasmUser') { $params.UserId = $user.UserId }
            }
            { $_ -in 'Remove-KasmSession', 'Get-KasmSessionStatus', 'Wait-KasmSession', 'Suspend-KasmSession', 'Resume-KasmSession', 'Stop-KasmSession', 'Send-KasmSessionKeepalive', 'Invoke-KasmSessionCommand', 'Save-KasmSessionScreenshot', 'Enable-KasmSessionSharing', 'Disable-KasmSessionSharing', 'Get-KasmSessionShare', 'Get-KasmSessionRecording' } {
                if (-not $taken) { $params.KasmId = $session.KasmId }
            }
            'Get-KasmSessionPermission' { if (-not $taken) { $params.KasmId = $session.KasmId } }
            { $_ -in 'Grant-KasmSessionPermission', 'Revoke-KasmSessionPermission' } {
                # A piped session brings its id and its owner: the user is given on the command line. A piped user
                # brings the user: the session is given. A piped permission brings both.
                if ($TypeName -ne 'KasmSessionPermission') {
                    if ($TypeName -ne 'KasmSession') { $params.KasmId = $session.KasmId }
                    if ($TypeName -ne 'KasmUser') { $params.UserId = $admin.UserId }
                }
            }
            'Join-KasmSession' { if ($TypeName -ne 'KasmSessionShare') { $params.ShareId = $Objects.KasmSessionShare.ShareId } }
            { $_ -in 'Add-KasmGroupImage', 'Remove-KasmGroupImage' } {
                if ($TypeName -notin 'KasmGroup', 'KasmGroupImage') { $params.GroupId = $Objects.KasmGroup.GroupId }
                if ($TypeName -notin 'KasmImage', 'KasmGroupImage') { $params.ImageId = $image.ImageId }
            }
            { $_ -in 'Set-KasmGroup', 'Remove-KasmGroup', 'Get-KasmGroupMember', 'Get-KasmGroupImage', 'Get-KasmGroupSetting', 'Set-KasmGroupSetting', 'Remove-KasmGroupSetting' } { if (-not $taken) { $params.GroupId = $Objects.KasmGroup.GroupId } }
            { $_ -in 'Add-KasmGroupMember', 'Remove-KasmGroupMember' } {
                if ($TypeName -ne 'KasmGroup') { $params.GroupId = $Objects.KasmGroup.GroupId }
                if ($TypeName -ne 'KasmUser') { $params.UserId = $user.UserId }
            }
            { $_ -in 'Remove-KasmUser', 'Revoke-KasmUserLogin', 'Get-KasmUserLoginLink', 'Get-KasmUserAttribute', 'Set-KasmUserAttribute' } {
                if (-not $taken) { $params.UserId = $user.UserId }
            }
            { $_ -in 'Set-KasmImage', 'Remove-KasmImage' } { if (-not $taken) { $params.ImageId = $image.ImageId } }
            { $_ -in 'Remove-KasmStorageProvider', 'Set-KasmStorageProvider' } { if (-not $taken) { $params.StorageProviderId = $Objects.KasmStorageProvider.StorageProviderId } }
            'Set-KasmUser' { if (-not $taken) { $params.UserId = $user.UserId } }
            { $_ -in 'Get-KasmStorageMapping', 'Set-KasmStorageMapping', 'Remove-KasmStorageMapping' } { if (-not $taken) { $params.StorageMappingId = $Objects.KasmStorageMapping.StorageMappingId } }
            'New-KasmStorageMapping' {
                # The owner comes from a piped user, group or workspace, the provider from a piped provider; the command line gives the rest.
                if ($TypeName -ne 'KasmStorageProvider') { $params.StorageProviderName = 'Team S3' }
                if ($TypeName -notin 'KasmUser', 'KasmGroup', 'KasmImage') { $params.UserId = $user.UserId }
            }
        }
        Clear-EmulatorRequestLog $emu
        if ($params.ContainsKey('WhatIf')) {
            # State-changing cmdlets under -WhatIf run in a capturing runspace: their "What if:" lines are counted
            # (one per item that would be changed), not printed.
            $run = Invoke-Captured { @($object | & $name @params 6>$null) } -Variables @{ object = $object; name = $Cmdlet.Name; params = $params }
            return [pscustomobject]@{ Output = @($run.Output); Errors = @($run.Errors); Sent = @(Get-EmulatorRequestMethod $emu); WhatIf = @($run.WhatIf) }
        }
        $out = @($object | & $Cmdlet.Name @params -ErrorVariable ev -ErrorAction SilentlyContinue 6>$null)
        [pscustomobject]@{ Output = $out; Errors = @($ev); Sent = @(Get-EmulatorRequestMethod $emu); WhatIf = @() }
    }

}

AfterAll { Stop-TestKasm $kasm }

Describe 'Piping module objects into cmdlets' {
    It 'covers every pair of cmdlet that takes pipeline input and module output type' -ForEach @($Matrix) {
        $withInput = @(Get-Command -Module Kasm | Where-Object { $_.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } } })
        # Connect-Kasm takes no pipeline input; Disconnect-Kasm and the cmdlets above take connections and objects.
        @($withInput.Name | Where-Object { $_ -notin 'Disconnect-Kasm' } | Sort-Object) | Should -Be @($Cmdlets | Sort-Object)
        # Every module type a cmdlet outputs.
        $types = @(Get-Command -Module Kasm | ForEach-Object { $_.OutputType.Type } | Where-Object { $_ -and $_.IsSubclassOf([Kasm.Models.KasmObject]) } | ForEach-Object Name | Sort-Object -Unique)
        $types | Should -Be @($TypeNames | Sort-Object)
    }

    It '<TypeName> | <CmdletName>: used when the cmdlet takes it, else refused with nothing sent' -ForEach $Cases {
        $r = Invoke-Piped $Cmdlet $TypeName
        if (-not $Taken) {
            $r.Errors | Should -HaveCount 1
            $r.Errors[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $r.Errors[0].Exception.Message | Should -BeLike "*$CmdletName does not take $TypeName*"
            $r.Output | Should -HaveCount 0
            $r.Sent | Should -HaveCount 0
            $r.WhatIf | Should -HaveCount 0 -Because 'a refused object is not offered for a change'
            return
        }
        $r.Errors | Should -HaveCount 0
        $object = $Objects[$TypeName]
        switch ($CmdletName) {
            'Get-KasmImage' { $r.Output.ImageId | Should -Be @($object.ImageId) }
            'Get-KasmUser' { $r.Output.UserId | Should -Be @($object.UserId) }
            'Get-KasmSession' {
                $r.Output | Should -Not -BeNullOrEmpty
                switch ($TypeName) {
                    'KasmSession' { $r.Output.KasmId | Should -Be @($object.KasmId) }
                    'KasmUser' { foreach ($s in $r.Output) { $s.UserId | Should -Be $object.UserId } }
                    'KasmImage' { foreach ($s in $r.Output) { $s.ImageId | Should -Be $object.ImageId } }
                }
                $r.Output.KasmId | Should -Not -Contain $other.KasmId
            }
            'Get-KasmSystemInfo' { $r.Output | Should -HaveCount 1 }
            'Get-KasmGroupMember' { $r.Output.UserId | Should -Contain $user.UserId }
            'Get-KasmGroupImage' { foreach ($o in $r.Output) { $o.GroupId | Should -Be $object.GroupId } }
            'Get-KasmGroupSetting' { $r.Output.Name | Should -Be @('max_kasms_per_user'); $r.Output.GroupId | Should -Be @($object.GroupId) }
            { $_ -in 'Get-KasmUserLoginLink', 'Get-KasmUserAttribute' } { $r.Output.UserId | Should -Be @($object.UserId) }
            'Get-KasmSessionShare' {
                $r.Output.KasmId | Should -Be @($object.KasmId)
                if ($TypeName -eq 'KasmSessionShare') { $r.Output.ShareId | Should -Be @($object.ShareId) } else { $r.Output.ShareId | Should -BeNullOrEmpty }
            }
            'Get-KasmSessionRecording' {
                $r.Sent | Should -Not -BeNullOrEmpty
                $r.Sent | Sort-Object -Unique | Should -Be 'get_session_recordings'
                # A live session has no recordings; a piped recording lists its session's (seven, over two pages).
                if ($TypeName -eq 'KasmSession') { $r.Output | Should -HaveCount 0 } else { $r.Output | Should -HaveCount 7; $r.Output.KasmId | Sort-Object -Unique | Should -Be $object.KasmId }
            }
            'Get-KasmSessionHistory' {
                $r.Sent | Sort-Object -Unique | Should -Be 'get_session_history'
                $r.Output | Should -Not -BeNullOrEmpty
                switch ($TypeName) {
                    'KasmUser' { foreach ($o in $r.Output) { $o.UserId | Should -Be $object.UserId } }
                    default { $r.Output.KasmId | Should -Be @($object.KasmId) }
                }
            }
            'Get-KasmSessionPermission' {
                $r.Sent | Should -Be @('get_session_permissions')
                # The piped session's and permission's list holds the admin's permission; the piped user (user@kasm.local) holds none.
                if ($TypeName -ne 'KasmUser') { $r.Output | Should -Not -BeNullOrEmpty }
                if ($TypeName -eq 'KasmUser') { foreach ($o in $r.Output) { $o.UserId | Should -Be $object.UserId } }
                else { foreach ($o in $r.Output) { $o.KasmId | Should -Be $session.KasmId } }
            }
            'Get-KasmStorageMapping' {
                $r.Sent | Sort-Object -Unique | Should -Be 'get_storage_mappings'
                switch ($TypeName) {
                    'KasmUser' { $r.Output | Should -Not -BeNullOrEmpty; foreach ($o in $r.Output) { $o.UserId | Should -Be $object.UserId } }
                    'KasmGroup' { foreach ($o in $r.Output) { $o.GroupId | Should -Be $object.GroupId } }
                    'KasmImage' { foreach ($o in $r.Output) { $o.ImageId | Should -Be $object.ImageId } }
                    default { $r.Output.StorageMappingId | Should -Be @($object.StorageMappingId) }
                }
            }
            { $_ -in 'Get-KasmSessionStatus', 'Wait-KasmSession' } {
                $r.Output.KasmId | Should -Be @($object.KasmId)
                $r.Output.Status | Should -Be @('running')
            }
            default {
                $r.Sent | Where-Object { $_ -notlike 'get_*' } | Should -BeNullOrEmpty -Because '-WhatIf changes nothing'
                $r.WhatIf | Should -HaveCount 1 -Because 'the one piped object is offered for the change'
            }
        }
    }

    It 'a piped connection is used as -Connection' {
        (Get-KasmConnection | Get-KasmImage -Name Terminal).ImageId | Should -Be $image.ImageId
    }

    It 'a bare string is refused, not taken as a name' {
        'Chrome' | Get-KasmImage -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
    }

    It 'rows with named properties still bind (Import-Csv | New-KasmUser)' {
        $row = [pscustomobject]@{ UserName = 'row@example.com'; Organization = 'Rows' }
        ($row | New-KasmUser -ErrorAction Stop).UserName | Should -Be 'row@example.com'
    }

    It 'a row none of whose properties fills a pipeline parameter is refused, not taken as "everything"' {
        Clear-EmulatorRequestLog $emu
        # Get-KasmSession takes KasmId, UserId and ImageId from the pipeline; a UserName column fills none of them.
        $r = @([pscustomobject]@{ UserName = 'nobody@example.com' } | Get-KasmSession -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        $ev[0].Exception.Message | Should -BeLike '*-KasmId*'
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }

    It 'a piped object whose parameters the command line already gave is refused (it would be ignored)' {
        Clear-EmulatorRequestLog $emu
        Get-KasmImage | Set-KasmImage Chrome -Cores 2 -Confirm:$false -ErrorVariable ev1 -ErrorAction SilentlyContinue
        @($ev1) | Should -HaveCount @(Get-KasmImage).Count
        $Objects.KasmSession | Remove-KasmSession -UserName admin@kasm.local -Confirm:$false -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        $image | New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorVariable ev3 -ErrorAction SilentlyContinue
        $ev3[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        (Get-EmulatorRequestMethod $emu) | Where-Object { $_ -in 'update_image', 'destroy_kasm', 'request_kasm' } | Should -BeNullOrEmpty
        (Get-KasmSession -KasmId $other.KasmId).Status | Should -Not -Be 'deleting'
    }

    It '-InputObject given on the command line is refused' {
        Get-KasmSession -InputObject $user -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
    }

    It 'Get-KasmSession refuses -UserName together with a user id' {
        $user | Get-KasmSession -UserName admin@kasm.local -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
    }
}
