#Requires -Version 5.1
# What real Kasm servers do where the project's first notes guessed wrong (docs/kasm-api.md, the facts tagged 1.15-corrected):
# the module must be right on them. Each Describe runs against the emulator's kasm-1.15 and kasm-1.19 profiles over
# HTTPS, which behave that way, and checks what the server ends up holding, not only what the cmdlet says.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    function Get-WireImage($Name) {
        <# The workspace exactly as get_images sends it. #>
        (Invoke-KasmApi get_images -Raw -ErrorAction Stop | ConvertFrom-Json).images | Where-Object friendly_name -EQ $Name
    }

    function Set-WholeImage([hashtable] $Changes, $Name = 'Chrome') {
        <# Sets fields with a whole-image update_image, the way the admin UI saves (JSON-text fields as text). #>
        $image = Get-WireImage $Name
        $target = [ordered]@{}
        foreach ($p in $image.PSObject.Properties) {
            if ($null -eq $p.Value) { continue }
            if ($p.Name -in 'volume_mappings', 'run_config', 'exec_config', 'launch_config') { $target[$p.Name] = $p.Value | ConvertTo-Json -Compress -Depth 10 }
            elseif ($p.Name -eq 'categories') { $target[$p.Name] = @($p.Value) -join "`n" }
            else { $target[$p.Name] = $p.Value }   # assigned directly: an empty list stays a list
        }
        foreach ($k in $Changes.Keys) { $target[$k] = $Changes[$k] }
        $null = Invoke-KasmApi update_image -Body @{ target_image = $target } -Confirm:$false -ErrorAction Stop
    }
}

Describe 'Against a <EmulatorProfile> server' -ForEach @(
    @{ EmulatorProfile = 'kasm-1.15' }
    @{ EmulatorProfile = 'kasm-1.19' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
        $plainUser = [guid] '9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f'
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        # Connecting another key makes it the default: every test starts from the demo key.
        $conn = Connect-TestKasm -Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; allowKasmSharing = $false; newSessionStatus = $null; maxKasmsPerUser = 5 }
    }

    Context 'Set-KasmImage changes only what you name' {
        It 'keeps the registry user and token, hash, profile path, hidden and GPUs when it changes the cores' {
            Set-WholeImage @{ docker_user = 'robot'; docker_token = 'registry-token'; hash = 'sha256:0123'; hidden = $true; gpu_count = 1
                persistent_profile_path = '/profiles/{username}'; run_config = '{"hostname": "kasm"}' }
            $before = Get-WireImage Chrome
            $before.docker_token | Should -Be '**********'

            $updated = Get-KasmImage -Name Chrome | Set-KasmImage -Cores 3 -Confirm:$false -PassThru

            $updated.Cores | Should -Be 3
            $after = Get-WireImage Chrome
            foreach ($p in $before.PSObject.Properties.Name | Where-Object { $_ -ne 'cores' }) {
                ($after.$p | ConvertTo-Json -Compress -Depth 10) | Should -BeExactly ($before.$p | ConvertTo-Json -Compress -Depth 10) -Because "$p must not change"
            }
            $updated.Hidden | Should -BeTrue
            $updated.GpuCount | Should -Be 1
            $updated.PersistentProfilePath | Should -BeExactly '/profiles/{username}'
        }

        It 'sets a new registry token with -DockerToken' {
            $token = ConvertTo-TestSecureString 'new-registry-token-1'
            Get-KasmImage -Name Chrome | Set-KasmImage -DockerToken $token -Confirm:$false -ErrorAction Stop
            (Get-WireImage Chrome).docker_token | Should -Be '**********'
        }

        It 'reads the workspace, then sends one update_image' {
            Clear-EmulatorRequestLog $emu
            Set-KasmImage -ImageId (Get-KasmImage -Name Chrome).ImageId -FriendlyName 'Chrome Beta' -Confirm:$false
            Get-EmulatorRequestMethod $emu | Should -Be @('get_images', 'get_images', 'update_image')
            (Get-WireImage 'Chrome Beta').name | Should -Match '^kasmweb/chrome:'
        }

        It 'sends nothing under -WhatIf, not even the read' {
            Clear-EmulatorRequestLog $emu
            $run = Invoke-Captured { Set-KasmImage -ImageId ([guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b') -Cores 4 -WhatIf }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }

        It 'refuses before update_image, saying why, with a key that cannot read workspaces (Images Modify Resources only)' {
            $resources = Connect-TestKasm -Emulator $emu -KeyName resources -ExtraArgs @{ WarningAction = 'SilentlyContinue' }
            Clear-EmulatorRequestLog $emu
            Set-KasmImage -ImageId ([guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b') -Cores 4 -Connection $resources -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike ($(if ($EmulatorProfile -eq 'kasm-1.15') { 'KasmUnauthorized,*' } else { 'KasmForbidden,*' }))
            $ev[0].Exception.Message | Should -BeLike '*Images View*'
            $ev[0].TargetObject | Should -Be ([guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b')
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'update_image'
            (Get-KasmImage -Name Chrome -Connection $conn).Cores | Should -Be 2
        }

        It 'changes resources with Images View + Images Modify Resources, and the server refuses a rename' {
            Set-WholeImage @{ hidden = $true }
            $rv = Connect-TestKasm -Emulator $emu -KeyName resourcesview -ExtraArgs @{ WarningAction = 'SilentlyContinue' }
            $image = Get-KasmImage -Name Chrome -Connection $rv
            ($image | Set-KasmImage -Cores 1.5 -Confirm:$false -PassThru).Cores | Should -Be 1.5
            (Get-WireImage Chrome).hidden | Should -BeTrue -Because 'the resources key sent the whole workspace back'
            $image | Set-KasmImage -FriendlyName Renamed -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmApiError,*'
            (Get-WireImage Chrome).friendly_name | Should -Be 'Chrome'
        }
    }

    Context 'New-KasmSession -EnableSharing where the group does not allow sharing' {
        It 'outputs the session that Kasm made and writes KasmPartialSuccess with the session as its target' {
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser -EnableSharing -ErrorVariable ev -ErrorAction SilentlyContinue
            $s | Should -BeOfType ([Kasm.Models.KasmSession])
            $s.ShareId | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmPartialSuccess,*'
            $ev[0].TargetObject.KasmId | Should -Be $s.KasmId
            $ev[0].Exception.ServerMessage | Should -Not -BeNullOrEmpty
            (Get-KasmSession).KasmId | Should -Contain $s.KasmId
            (Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'request_kasm' }) | Should -HaveCount 1
        }

        It 'still outputs the session under -ErrorAction Stop, before the error stops the script' {
            $got = [System.Collections.Generic.List[object]]::new()
            { Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser -EnableSharing -ErrorAction Stop | ForEach-Object { $got.Add($_) } } |
                Should -Throw -ErrorId 'KasmPartialSuccess,*'
            $got | Should -HaveCount 1
            $got[0].KasmId | Should -BeIn (Get-KasmSession).KasmId
        }

        It 'with -Wait, waits for the session to run, then outputs it and the partial success' {
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser -EnableSharing -Wait -PollIntervalSec 0.05 -ErrorVariable ev -ErrorAction SilentlyContinue
            $s.Status | Should -Be 'running'
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmPartialSuccess,*'
        }

        It 'Invoke-KasmApi request_kasm outputs the answer and writes the same KasmPartialSuccess' {
            $answer = Invoke-KasmApi request_kasm -Body @{ image_id = '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b'; user_id = $plainUser.ToString('N'); enable_sharing = $true } -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $answer.kasm_id | Should -Not -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmPartialSuccess,*'
            $ev[0].TargetObject | Should -BeExactly 'request_kasm'
        }

        It 'makes a share id where the group allows sharing, with no error' {
            $null = Set-EmulatorSetting $emu @{ allowKasmSharing = $true }
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser -EnableSharing -ErrorVariable ev
            $ev | Should -HaveCount 0
            $s.ShareId | Should -Match '^[0-9a-f]{8}$'
        }
    }

    Context 'Remove-KasmSession -KasmId without -UserId' {
        It 'looks the owner up, then ends the session' {
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser
            Clear-EmulatorRequestLog $emu
            Remove-KasmSession -KasmId $s.KasmId -Confirm:$false -ErrorAction Stop
            Get-EmulatorRequestMethod $emu | Should -Be @('get_kasm', 'destroy_kasm')
            (Get-EmulatorRequestLog $emu | Where-Object method -EQ destroy_kasm).status | Should -Be 200
            (Get-KasmSession -KasmId $s.KasmId -ErrorAction SilentlyContinue).Status | Should -BeIn @('deleting', $null)
        }

        It 'says what is missing, and ends nothing, when the key cannot look the owner up' {
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser
            $narrow = Connect-TestKasm -Emulator $emu -KeyName imagesonly -ExtraArgs @{ WarningAction = 'SilentlyContinue' }
            Clear-EmulatorRequestLog $emu
            Remove-KasmSession -KasmId $s.KasmId -Connection $narrow -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].Exception.Message | Should -BeLike '*-UserId*'
            $ev[0].TargetObject | Should -Be $s.KasmId
            Get-EmulatorRequestMethod $emu | Should -Not -Contain 'destroy_kasm'
            (Get-KasmSession -KasmId $s.KasmId -Connection $conn).Status | Should -Not -Be 'deleting'
        }
    }

    Context 'New-KasmStorageProvider' {
        It "creates the README's Nextcloud provider exactly as written" {
            $p = New-KasmStorageProvider -Name Nextcloud -Type Nextcloud -WebdavUrl https://cloud.example.com/remote.php/dav/files/ -ErrorAction Stop
            $p.Type | Should -Be 'Nextcloud'
            $p.DefaultTarget | Should -Match '^/'
            $p.VolumeConfig.driver | Should -Be 'rclone'
            (Get-KasmStorageProvider -Name Nextcloud).StorageProviderId | Should -Be $p.StorageProviderId
        }

        It "takes the type names Kasm's UI shows, fills the OAuth defaults and sends scope as one line per scope" {
            $secret = ConvertTo-TestSecureString 'client-secret-1'
            $r = Invoke-Debugged { New-KasmStorageProvider -Name Drive -Type 'Google Drive' -ClientId id-1 -ClientSecret $secret -Scope a, b -ErrorAction Stop }
            $r.Output[0].Type | Should -Be 'Google Drive'
            $r.Output[0].Scope | Should -Be @('a', 'b')
            $sent = (Get-SentBody $r.Debug create_storage_provider).target_storage_provider
            $sent.scope | Should -BeOfType ([string])
            $sent.scope | Should -BeExactly "a`nb"
            $sent.redirect_url | Should -BeExactly (([string] $emu.Url).TrimEnd('/') + '/api/cloud_storage_callback')
            $sent.auth_url | Should -Match '^https://'
        }

        It 'creates each OAuth type from a client id and secret alone' -ForEach @(
            @{ Type = 'Google Drive' }, @{ Type = 'OneDrive' }, @{ Type = 'Dropbox' }
        ) {
            $p = New-KasmStorageProvider -Name "P $Type" -Type $Type -ClientId id -ClientSecret (ConvertTo-TestSecureString 's3cret') -ErrorAction Stop
            $p.Type | Should -Be $Type
            $p.Scope | Should -Not -BeNullOrEmpty
        }

        It 'names what is still missing before anything is sent' {
            Clear-EmulatorRequestLog $emu
            New-KasmStorageProvider -Name Drive -Type GoogleDrive -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].Exception.Message | Should -BeLike '*-ClientId*-ClientSecret*'
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }

        It 'binds the UI type names from piped rows too' {
            $rows = @([pscustomobject]@{ Name = 'Row S3'; Type = 'S3' }, [pscustomobject]@{ Name = 'Row NC'; Type = 'nextcloud'; WebdavUrl = 'https://nc.example.com/remote.php/dav/files/' })
            $made = $rows | New-KasmStorageProvider -ErrorAction Stop
            $made.Type | Should -Be @('S3', 'Nextcloud')
        }
    }

    Context 'New-KasmSession -Wait on a session that cannot start' {
        It 'fails at once naming the state when the session is <Status>' -ForEach @(
            @{ Status = 'stopped' }, @{ Status = 'paused' }, @{ Status = 'deleting' }
        ) {
            $null = Set-EmulatorSetting $emu @{ newSessionStatus = $Status }
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser -Wait -WaitTimeoutSec 600 -PollIntervalSec 0.05 -ErrorVariable ev -ErrorAction SilentlyContinue
            $s | Should -BeNullOrEmpty
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmSessionNotStarting,*'
            $ev[0].Exception.Message | Should -BeLike "*$Status*"
            $ev[0].TargetObject | Should -BeOfType ([Kasm.Models.KasmSession])
            (Get-EmulatorRequestLog $emu | Where-Object method -EQ get_kasm_status) | Should -HaveCount 1
        }

        It 'fails at once when the session is gone (failed and removed)' {
            $null = Set-EmulatorSetting $emu @{ newSessionStatus = 'gone' }
            $s = Get-KasmImage -Name Chrome | New-KasmSession -UserId $plainUser -Wait -WaitTimeoutSec 600 -PollIntervalSec 0.05 -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmSessionNotStarting,*'
        }
    }

    Context 'Requests carry no null the user did not give' {
        It 'leaves a $null parameter out of the body (Kasm reads user_id: null as a value and refuses it)' {
            $r = Invoke-Debugged { New-KasmUser -UserName nulls@example.com -FirstName $null -Organization Ops -ErrorAction Stop }
            $sent = (Get-SentBody $r.Debug create_user).target_user
            $sent.PSObject.Properties.Name | Should -Not -Contain 'first_name'
            $sent.organization | Should -Be 'Ops'
            foreach ($p in $sent.PSObject.Properties) { $p.Value | Should -Not -BeNullOrEmpty -Because "$($p.Name) was sent" }
        }

        It 'the server refuses a null user_id with 400' {
            Invoke-KasmApi get_user_kasms -Body @{ user_id = $null } -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].Exception.StatusCode | Should -Be 400
        }
    }

    Context 'update_user status' {
        It 'sets locked, not disabled' {
            $u = New-KasmUser -UserName status@example.com -ErrorAction Stop
            $null = Invoke-KasmApi update_user -Body @{ target_user = @{ user_id = $u.UserId.ToString('N'); username = $u.UserName; status = 'inactive' } } -Confirm:$false -ErrorAction Stop
            $after = Get-KasmUser status@example.com
            $after.Locked | Should -BeTrue
            $after.Disabled | Should -BeFalse
        }
    }

    Context 'Connect-Kasm -Authentication Basic' {
        It 'fails with a message that says the server ignored the header' {
            { Connect-TestKasm -Emulator $emu -ExtraArgs @{ Authentication = 'Basic' } } | Should -Throw -ExpectedMessage '*-Authentication Body*'
        }
    }
}
