#Requires -Version 5.1
# Get-KasmImage and Set-KasmImage against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    # The fields of a workspace that Set-KasmImage -Cores must leave alone.
    $script:Unchanged = 'FriendlyName', 'Name', 'Description', 'Enabled', 'Available', 'Hidden', 'Memory', 'GpuCount',
        'ImageType', 'ImageSource', 'DockerRegistry', 'PersistentProfilePath', 'SessionTimeLimit', 'ZoneId', 'ServerId'
}

Describe 'Get-KasmImage against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed' }
    @{ EmulatorProfile = 'kasm-1.15' }
    @{ EmulatorProfile = 'kasm-1.19' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
        # What the server really sent, to compare the objects with.
        $wire = (Invoke-KasmApi get_images -Raw -ErrorAction Stop | ConvertFrom-Json).images
        $images = @(Get-KasmImage -ErrorAction Stop)
        $chrome = $images | Where-Object FriendlyName -EQ 'Chrome'
    }
    AfterAll { Stop-TestKasm $kasm }

    Context 'the objects' {
        It 'lists every workspace the server has, disabled and unavailable ones included' {
            $images.Count | Should -Be @($wire).Count
            $images.Count | Should -BeGreaterThan 2
            ($images | Where-Object { -not $_.Enabled }) | Should -Not -BeNullOrEmpty
            ($images | Where-Object { -not $_.Available }) | Should -Not -BeNullOrEmpty
        }

        It 'are Kasm.Models.KasmImage' {
            foreach ($i in $images) { $i | Should -BeOfType ([Kasm.Models.KasmImage]) }
            $images[0].PSObject.TypeNames[0] | Should -BeExactly 'Kasm.Models.KasmImage'
        }

        It 'have PascalCase property names only' {
            $names = $chrome.PSObject.Properties.Name
            $names | Should -Contain 'ImageId'
            $names | Should -Contain 'FriendlyName'
            foreach ($n in $names) { $n | Should -MatchExactly '^[A-Z][A-Za-z0-9]*$' -Because "$n should be PascalCase" }
        }

        It 'have ImageId as [guid] equal to the id the server sent (<EmulatorProfile> sends it as 32 hex)' {
            foreach ($i in $images) { $i.ImageId | Should -BeOfType ([guid]) }
            $sent = ($wire | Where-Object friendly_name -EQ 'Chrome').image_id
            $sent | Should -Not -BeNullOrEmpty
            $chrome.ImageId | Should -Be ([guid] $sent)
            $chrome.ImageId | Should -Not -Be ([guid]::Empty)
        }

        It 'have Memory as [long] bytes, also above 2 GB' {
            $chrome.Memory | Should -BeOfType ([long])
            $chrome.Memory | Should -Be ([long] ($wire | Where-Object friendly_name -EQ 'Chrome').memory)
            $big = $images | Sort-Object Memory -Descending | Select-Object -First 1
            $big.Memory | Should -BeGreaterThan ([int]::MaxValue)
        }

        It 'map the other fields (Cores, Enabled, Categories, UncompressedSize in bytes)' {
            $w = $wire | Where-Object friendly_name -EQ 'Chrome'
            $chrome.Name | Should -BeExactly $w.name
            $chrome.Cores | Should -Be ([double] $w.cores)
            $chrome.Enabled | Should -BeTrue
            $chrome.Categories | Should -Be @($w.categories)
            $chrome.UncompressedSize | Should -Be ([long] $w.uncompressed_size_mb * 1000000)
        }

        It 'have every DateTime property in UTC' {
            $dates = @($images | ForEach-Object { $_.PSObject.Properties } | Where-Object { $_.Value -is [datetime] })
            if ($dates.Count -eq 0) {
                $declared = @([Kasm.Models.KasmImage].GetProperties() | Where-Object { $_.PropertyType -in [datetime], [Nullable[datetime]] })
                # KasmImage has no timestamp today (get_images sends none); a DateTime property added later must be filled.
                $declared | Should -HaveCount 0 -Because 'a declared DateTime property should have a value for the seeded images'
                return
            }
            foreach ($d in $dates) { $d.Value.Kind | Should -Be ([DateTimeKind]::Utc) -Because "$($d.Name) should be UTC" }
        }

        It 'carry the connection they came from' {
            foreach ($i in $images) { $i.Connection | Should -Be $conn }
            $chrome.Connection.Id | Should -Be $conn.Id
        }

        It 'keep the fields they do not model in AdditionalProperties' {
            $extra = $chrome.AdditionalProperties
            $extra.Keys | Should -Contain 'notes'
            $extra.Keys | Should -Contain 'x_res'
            $extra.Keys | Should -Contain 'run_config'
            $extra['x_res'] | Should -Be 800
            $extra['run_config'].hostname | Should -BeExactly 'kasm'
            # Every wire field is either modelled or kept.
            $w = $wire | Where-Object friendly_name -EQ 'Chrome'
            $modelled = 'image_id', 'friendly_name', 'name', 'description', 'enabled', 'available', 'hidden', 'cores', 'memory',
                'gpu_count', 'image_type', 'categories', 'image_src', 'docker_registry', 'persistent_profile_path',
                'session_time_limit', 'zone_id', 'zone_name', 'server_id', 'uncompressed_size_mb'
            foreach ($p in $w.PSObject.Properties.Name) {
                if ($p -notin $modelled) { $extra.Keys | Should -Contain $p -Because "the server sent '$p'" }
            }
            # ...and the modelled ones are not duplicated there.
            $extra.Keys | Should -Not -Contain 'friendly_name'
            $extra.Keys | Should -Not -Contain 'memory'
            $extra.Keys | Should -Not -Contain 'image_id'
        }
    }

    Context 'selecting' {
        BeforeEach { Clear-EmulatorRequestLog $emu }

        It '-Name with a wildcard matches friendly names, case-insensitively' {
            $r = @(Get-KasmImage -Name 'f*' -ErrorAction Stop)
            $r.FriendlyName | Should -Be @('Firefox')
            @(Get-KasmImage -Name 'CHR*', 'ter*' -ErrorAction Stop).FriendlyName | Sort-Object | Should -Be @('Chrome', 'Terminal')
        }

        It '-Name also matches the Docker image name' {
            @(Get-KasmImage -Name 'kasmweb/chrome:*' -ErrorAction Stop).FriendlyName | Should -Be @('Chrome')
        }

        It '-Name given positionally and literally returns that workspace' {
            (Get-KasmImage Chrome -ErrorAction Stop).ImageId | Should -Be $chrome.ImageId
        }

        It 'a wildcard that matches nothing is silent' {
            $r = @(Get-KasmImage -Name 'zz*' -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 0
        }

        It 'a literal name that matches nothing is a KasmItemNotFound error, while the others are still returned' {
            $r = @(Get-KasmImage -Name 'Chrome', 'NoSuchWorkspace', 'Firefox' -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.FriendlyName | Sort-Object | Should -Be @('Chrome', 'Firefox')
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $ev[0].TargetObject | Should -BeExactly 'NoSuchWorkspace'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 1
        }

        It 'a literal name that matches nothing stops with -ErrorAction Stop' {
            { Get-KasmImage -Name 'NoSuchWorkspace' -ErrorAction Stop } | Should -Throw -ErrorId 'KasmItemNotFound,*'
        }

        It '-ImageId accepts the dashed and the 32-hex form' {
            (Get-KasmImage -ImageId $chrome.ImageId.ToString('D') -ErrorAction Stop).FriendlyName | Should -BeExactly 'Chrome'
            (Get-KasmImage -ImageId $chrome.ImageId.ToString('N') -ErrorAction Stop).FriendlyName | Should -BeExactly 'Chrome'
        }

        It '-ImageId with several ids returns each, and an unknown id is KasmItemNotFound' {
            $firefox = $images | Where-Object FriendlyName -EQ 'Firefox'
            $unknown = [guid]::NewGuid()
            $r = @(Get-KasmImage -ImageId $chrome.ImageId, $unknown, $firefox.ImageId -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.ImageId | Sort-Object | Should -Be (@($chrome.ImageId, $firefox.ImageId) | Sort-Object)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].TargetObject | Should -Be $unknown
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 1
        }

        It 'a malformed -ImageId is rejected before any request' {
            { Get-KasmImage -ImageId 'not-a-guid' -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }

        It 'binds ImageId from the pipeline by property name (image_id alias too)' {
            (Get-KasmImage -Name Chrome | Get-KasmImage -ErrorAction Stop).ImageId | Should -Be $chrome.ImageId
            ([pscustomobject]@{ image_id = $chrome.ImageId.ToString('N') } | Get-KasmImage -ErrorAction Stop).FriendlyName | Should -BeExactly 'Chrome'
        }

        It 'Get-KasmImage | Select-Object -First 2 returns two workspaces without error' {
            $r = @(Get-KasmImage -ErrorVariable ev | Select-Object -First 2)
            $r | Should -HaveCount 2
            $r[0] | Should -BeOfType ([Kasm.Models.KasmImage])
            $ev | Should -HaveCount 0
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 1
        }

        It 'sends exactly one get_images request per call, with the key it was given' {
            $null = Get-KasmImage -ErrorAction Stop
            $log = @(Get-EmulatorRequestLog $emu)
            $log | Should -HaveCount 1
            $log[0].method | Should -BeExactly 'get_images'
            $log[0].path | Should -BeExactly '/api/public/get_images'
            $log[0].httpMethod | Should -BeExactly 'POST'
            $log[0].status | Should -Be 200
            $log[0].apiKey | Should -BeExactly $conn.ApiKey
        }
    }

    Context 'the default view' {
        It 'renders a table with the FriendlyName values and the memory in decimal MB, as Kasm shows it' {
            $text = $images | Format-Table | Out-String -Width 200
            foreach ($n in $images.FriendlyName) { $text | Should -Match ([regex]::Escape($n)) }
            $text | Should -Match 'Memory\(MB\)'
            $text | Should -Match ([regex]::Escape(('{0:N0}' -f ($chrome.Memory / 1000000))))
            $text | Should -Not -Match 'AdditionalProperties'
        }

        It 'is the module''s table view, not the default list' {
            $fmt = Get-FormatData -TypeName 'Kasm.Models.KasmImage'
            $fmt | Should -Not -BeNullOrEmpty
            ($images | Out-String -Width 200) | Should -Match 'Name\s+Enabled\s+Cores\s+Memory\(MB\)\s+DockerImage'
        }
    }
}

Describe 'Set-KasmImage against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; UnknownImageId = 'KasmNotFound'; UnknownImageStatus = 404; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
    @{ EmulatorProfile = 'kasm-1.15'; UnknownImageId = 'KasmApiError'; UnknownImageStatus = 200; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401 }
    @{ EmulatorProfile = 'kasm-1.19'; UnknownImageId = 'KasmApiError'; UnknownImageStatus = 200; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $readonly = $kasm.Connections.readonly
        $conn = $kasm.Connection
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $images = @(Get-KasmImage -ErrorAction Stop)
        $chrome = $images | Where-Object FriendlyName -EQ 'Chrome'
        Clear-EmulatorRequestLog $emu
    }

    It 'Get-KasmImage | Set-KasmImage -Cores 2 -WhatIf sends only get_images, no update_image' {
        $run = Invoke-Captured { Get-KasmImage | Set-KasmImage -Cores 2 -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        $run.Output | Should -HaveCount 0
        $run.WhatIf | Should -HaveCount @($images).Count
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
