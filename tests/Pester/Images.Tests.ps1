#Requires -Version 5.1
# Get-KasmImage against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Get-KasmImage against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed' }
    @{ EmulatorProfile = 'kasm-1.15' }
    @{ EmulatorProfile = 'kasm-1.19' }
) {
    BeforeAll {
        $emu = Start-TestEmulator -EmulatorProfile $EmulatorProfile
        try {
            $conn = Connect-TestKasm -Emulator $emu
            # What the server really sent, to compare the objects with.
            $wire = (Invoke-KasmApi get_images -Raw -ErrorAction Stop | ConvertFrom-Json).images
            $images = @(Get-KasmImage -ErrorAction Stop)
            $chrome = $images | Where-Object FriendlyName -EQ 'Chrome'
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
            ($images | Out-String -Width 200) | Should -Match 'FriendlyName\s+Name\s+Enabled'
        }
    }
}
