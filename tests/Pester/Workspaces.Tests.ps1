#Requires -Version 5.1
# Set-KasmImage (and Get-KasmImage lookups) against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    # The fields of a workspace that Set-KasmImage -Cores must leave alone.
    $script:Unchanged = 'FriendlyName', 'Name', 'Description', 'Enabled', 'Available', 'Hidden', 'Memory', 'GpuCount',
        'ImageType', 'ImageSource', 'DockerRegistry', 'PersistentProfilePath', 'SessionTimeLimit', 'ZoneId', 'ServerId'
}

Describe 'Set-KasmImage against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; UnknownImageId = 'KasmNotFound'; UnknownImageStatus = 404; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
    @{ EmulatorProfile = 'kasm-1.15'; UnknownImageId = 'KasmApiError'; UnknownImageStatus = 200; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401 }
    @{ EmulatorProfile = 'kasm-1.19'; UnknownImageId = 'KasmApiError'; UnknownImageStatus = 200; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
) {
    BeforeAll {
        $emu = Start-TestEmulator -EmulatorProfile $EmulatorProfile
        try {
            $limited = Connect-TestKasm -Emulator $emu -KeyName imagesonly -ExtraArgs @{ WarningAction = 'SilentlyContinue' }
            $readonly = Connect-TestKasm -Emulator $emu -KeyName readonly
            $conn = Connect-TestKasm -Emulator $emu
        }
        catch {
            Stop-TestEmulator $emu
            throw
        }
    }
    AfterAll {
        Disconnect-AllKasm
        Stop-TestEmulator $emu
    }
    BeforeEach {
        Reset-Emulator $emu
        $images = @(Get-KasmImage -ErrorAction Stop)
        $chrome = $images | Where-Object FriendlyName -EQ 'Chrome'
        Clear-EmulatorRequestLog $emu
    }

    It 'Get-KasmImage | Set-KasmImage -Cores 2 -WhatIf sends only get_images, no update_image' {
        $out = @(Get-KasmImage | Set-KasmImage -Cores 2 -WhatIf)
        $out | Should -HaveCount 0
        (Get-EmulatorRequestMethod $emu) | Should -Be @('get_images')
        @(Get-KasmImage -ErrorAction Stop | Where-Object Cores -EQ 2).Count | Should -Be @($images | Where-Object Cores -EQ 2).Count
    }

    It '-Cores 2 -PassThru sends the workspace back whole with only the cores changed, and returns the updated KasmImage' {
        $wire = (Invoke-KasmApi get_images -Raw -ErrorAction Stop | ConvertFrom-Json).images | Where-Object friendly_name -EQ 'Chrome'
        Clear-EmulatorRequestLog $emu
        $res = Invoke-Debugged { Get-KasmImage -Name Chrome | Set-KasmImage -Cores 2 -PassThru -ErrorAction Stop }
        $r = @($res.Output)
        $r | Should -HaveCount 1
        $r[0] | Should -BeOfType ([Kasm.Models.KasmImage])
        $r[0].ImageId | Should -Be $chrome.ImageId
        $r[0].Cores | Should -Be 2
        $r[0].Connection | Should -Be $conn
        foreach ($p in $Unchanged) { $r[0].$p | Should -Be $chrome.$p -Because "$p was not given" }
        $r[0].Categories | Should -Be $chrome.Categories

        # update_image replaces the whole workspace, so all of it is sent: what was read, in the form update_image
        # reads (JSON-text fields as text, categories one per line), nulls left out, and only the cores changed.
        $body = @(Get-SentBody $res.Debug 'update_image')
        $body | Should -HaveCount 1
        $target = $body[0].target_image
        $target.cores | Should -Be 2
        [guid] $target.image_id | Should -Be $chrome.ImageId
        foreach ($p in $wire.PSObject.Properties | Where-Object { $_.Name -notin 'cores', 'image_id' }) {
            if ($null -eq $p.Value) { $target.PSObject.Properties.Name | Should -Not -Contain $p.Name; continue }
            $expected = if ($p.Name -in 'volume_mappings', 'run_config', 'exec_config', 'launch_config') { $p.Value | ConvertTo-Json -Compress -Depth 10 }
                elseif ($p.Name -eq 'categories') { @($p.Value) -join "`n" } else { $p.Value }
            if ($p.Name -in 'volume_mappings', 'run_config', 'exec_config', 'launch_config') {
                $target.($p.Name) | Should -BeOfType ([string])
                ($target.($p.Name) | ConvertFrom-Json | ConvertTo-Json -Compress -Depth 10) | Should -BeExactly $expected -Because "$($p.Name) goes back as the text of what was read"
            }
            else {
                ($target.($p.Name) | ConvertTo-Json -Compress -Depth 10) | Should -BeExactly ($expected | ConvertTo-Json -Compress -Depth 10) -Because "$($p.Name) goes back as it was read"
            }
        }

        $log = @(Get-EmulatorRequestLog $emu)
        $log.method | Should -Be @('get_images', 'get_images', 'update_image')
        $log[2].path | Should -BeExactly '/api/admin/update_image'
        $log[2].status | Should -Be 200
        # The server really has it.
        (Get-KasmImage -ImageId $chrome.ImageId -ErrorAction Stop).Cores | Should -Be 2
    }

    It 'without -PassThru returns nothing' {
        $out = @(Set-KasmImage -ImageId $chrome.ImageId -Description 'new text' -ErrorAction Stop)
        $out | Should -HaveCount 0
        (Get-KasmImage Chrome -ErrorAction Stop).Description | Should -BeExactly 'new text'
    }

    It '-Memory 4GB is sent as bytes; -Enabled:$false disables; -FriendlyName renames' {
        $r = $chrome | Set-KasmImage -Memory 4GB -Enabled:$false -FriendlyName 'Chrome 2' -PassThru -ErrorAction Stop
        $r.Memory | Should -BeOfType ([long])
        $r.Memory | Should -Be 4294967296
        $r.Enabled | Should -BeFalse
        $r.FriendlyName | Should -BeExactly 'Chrome 2'
        $r.Cores | Should -Be $chrome.Cores
    }

    It '-Confirm:$false sends exactly one update_image per piped workspace' {
        $r = @(Get-KasmImage -Name Chrome, Firefox, Terminal | Set-KasmImage -Cores 1.5 -Confirm:$false -PassThru -ErrorAction Stop)
        $r | Should -HaveCount 3
        foreach ($i in $r) { $i.Cores | Should -Be 1.5 }
        # One listing, then for each workspace a read and the update (update_image needs the whole workspace).
        (Get-EmulatorRequestMethod $emu) | Should -Be @('get_images', 'get_images', 'update_image', 'get_images', 'update_image', 'get_images', 'update_image')
    }

    It 'nothing to change is KasmInvalidArgument before any request' {
        Set-KasmImage -ImageId $chrome.ImageId -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        $ev[0].TargetObject | Should -Be $chrome.ImageId
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }

    It 'an unknown workspace is KasmItemNotFound with its id as target and no update_image; the next one is still changed' {
        $unknown = [guid]::NewGuid()
        $r = @([pscustomobject]@{ ImageId = $unknown }, $chrome | Set-KasmImage -Cores 3 -PassThru -ErrorVariable ev -ErrorAction SilentlyContinue)
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $ev[0].TargetObject | Should -Be $unknown
        $r | Should -HaveCount 1
        $r[0].Cores | Should -Be 3
        (Get-EmulatorRequestMethod $emu) | Should -Be @('get_images', 'get_images', 'update_image')
    }

    It 'Get-KasmImage -ImageId <random> is KasmItemNotFound with the id as target' {
        $unknown = [guid]::NewGuid()
        $r = @(Get-KasmImage -ImageId $unknown -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $ev[0].TargetObject | Should -Be $unknown
    }

    It 'a read-only key is refused with KasmUnauthorized (401) in every profile' {
        Set-KasmImage -ImageId $chrome.ImageId -Cores 2 -Connection $readonly -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmUnauthorized,*'
        $ev[0].Exception.StatusCode | Should -Be 401
        (Get-KasmImage Chrome -ErrorAction Stop).Cores | Should -Be $chrome.Cores
    }

    It 'a key with only Images View is refused with <NoPermissionId> (HTTP <NoPermissionStatus>)' {
        $ev = $null
        Get-KasmImage Chrome -Connection $limited -ErrorAction Stop | Set-KasmImage -Cores 2 -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        $log = @(Get-EmulatorRequestLog $emu)
        $log.method | Should -Be @('get_images', 'get_images', 'update_image')
        $log[2].apiKey | Should -BeExactly $limited.ApiKey -Because 'a piped workspace goes back through the connection it came from'
        $log[2].status | Should -Be $NoPermissionStatus
    }
}
