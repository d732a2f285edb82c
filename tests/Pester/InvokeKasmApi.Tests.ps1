#Requires -Version 5.1
# Invoke-KasmApi against the kasm-1.15 emulator (a real server's error shapes: HTTP 200 + error_message, HTML 404).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator
    $conn = $kasm.Connection
    $chrome = Get-KasmImage -Name Chrome -ErrorAction Stop
}

AfterAll { Stop-TestKasm $kasm }

Describe 'Invoke-KasmApi' {
    BeforeEach { Reset-Emulator $emu }

    Context 'method names and mounts' {
        It 'get_kasms goes to /api/public/get_kasms and returns objects' {
            $r = Invoke-KasmApi get_kasms -ErrorAction Stop
            $r.PSObject.Properties.Name | Should -Contain 'kasms'
            $log = @(Get-EmulatorRequestLog $emu)
            $log | Should -HaveCount 1
            $log[0].path | Should -BeExactly '/api/public/get_kasms'
            $log[0].status | Should -Be 200
        }

        It 'public/get_kasms goes to the same place' {
            $r = Invoke-KasmApi public/get_kasms -ErrorAction Stop
            $r.PSObject.Properties.Name | Should -Contain 'kasms'
            (Get-EmulatorRequestLog $emu).path | Should -Be @('/api/public/get_kasms')
        }

        It 'admin/system_info goes to /api/admin/system_info and its nested objects are readable' {
            $r = Invoke-KasmApi admin/system_info -ErrorAction Stop
            $r.system_info.api.build_id | Should -BeLike '1.15.0.*'
            $r.system_info.license.status.limit | Should -BeOfType ([int])
            (Get-EmulatorRequestLog $emu).path | Should -Be @('/api/admin/system_info')
        }

        It 'a known method without mount uses its own mount (system_info -> admin)' {
            $null = Invoke-KasmApi system_info -ErrorAction Stop
            (Get-EmulatorRequestLog $emu).path | Should -Be @('/api/admin/system_info')
        }

        It 'arrays in the answer come back as arrays' {
            $r = Invoke-KasmApi get_images -ErrorAction Stop
            @($r.images).Count | Should -BeGreaterThan 1
            ($r.images | Where-Object friendly_name -EQ 'Chrome').memory | Should -Be $chrome.Memory
        }

        It 'takes the body from the pipeline, one call per body' {
            $r = @(@{ target_image = @{ image_id = $chrome.ImageId.ToString('N'); cores = 3 } }, @{ target_image = @{ image_id = $chrome.ImageId.ToString('N'); cores = 4 } } |
                    Invoke-KasmApi update_image -Confirm:$false -ErrorAction Stop)
            $r | Should -HaveCount 2
            $r[1].image.cores | Should -Be 4
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 2
        }
    }

    Context 'output forms' {
        It '-Raw returns the JSON text' {
            $r = Invoke-KasmApi admin/system_info -Raw -ErrorAction Stop
            $r | Should -BeOfType ([string])
            @($r) | Should -HaveCount 1
            $r | Should -Match '"system_info"'
            ($r | ConvertFrom-Json).system_info.api.build_id | Should -BeLike '1.15.0.*'
        }

        It '-OutFile writes the answer''s bytes and nothing to the pipeline' {
            $path = Join-Path $TestDrive 'system_info.json'
            $out = Invoke-KasmApi admin/system_info -OutFile $path -ErrorAction Stop
            $out | Should -BeNullOrEmpty
            $path | Should -Exist
            $bytes = [IO.File]::ReadAllBytes($path)
            $bytes.Length | Should -BeGreaterThan 10
            $raw = Invoke-KasmApi admin/system_info -Raw -ErrorAction Stop
            $bytes | Should -Be ([Text.Encoding]::UTF8.GetBytes($raw))
        }

        It '-OutFile resolves a relative path against the current location' {
            Push-Location $TestDrive
            try { Invoke-KasmApi get_kasms -OutFile 'relative.json' -ErrorAction Stop }
            finally { Pop-Location }
            Join-Path $TestDrive 'relative.json' | Should -Exist
        }

        It 'an -OutFile that cannot be written is a non-terminating error with a Kasm ErrorId' {
            $path = Join-Path $TestDrive 'no-such-folder/answer.json'
            $continued = $false
            Invoke-KasmApi get_kasms -OutFile $path -ErrorAction SilentlyContinue -ErrorVariable ev
            $continued = $true
            $continued | Should -BeTrue
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'Kasm*,*'
            $path | Should -Not -Exist
        }
    }

    Context 'input rejected before any request' {
        It 'rejects the malformed method name <Name> with KasmInvalidArgument and sends nothing' -ForEach @(
            @{ Name = 'Get-Kasms' }
            @{ Name = 'get kasms' }
            @{ Name = 'foo/get_kasms' }
            @{ Name = '../get_kasms' }
            @{ Name = 'get_kasms?x=1' }
            @{ Name = 'GET_KASMS' }
        ) {
            { Invoke-KasmApi $Name -ErrorAction Stop } | Should -Throw -ErrorId 'KasmInvalidArgument,*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }

        It 'an empty method name fails parameter binding' {
            { Invoke-KasmApi '' -ErrorAction Stop } | Should -Throw -ExceptionType ([System.Management.Automation.ParameterBindingException])
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }

        It 'rejects <Key> in -Body with KasmInvalidArgument and sends nothing' -ForEach @(
            @{ Key = 'api_key' }
            @{ Key = 'api_key_secret' }
        ) {
            Invoke-KasmApi get_kasms -Body @{ $Key = 'x' } -ErrorAction SilentlyContinue -ErrorVariable ev
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
            $ev[0].Exception.Message | Should -Match $Key
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }
    }

    Context 'ShouldProcess' {
        It '-WhatIf on a write sends nothing and changes nothing' {
            $run = Invoke-Captured { Invoke-KasmApi update_image -Body @{ target_image = @{ image_id = $chrome.ImageId.ToString('N'); cores = 7 } } -WhatIf } -Variables @{ chrome = $chrome }
            $run.Errors | Should -BeNullOrEmpty
            $run.Output | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 1
            $run.WhatIf[0] | Should -BeLike '*"Invoke Kasm API method"*update_image*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
            (Get-KasmImage -ImageId $chrome.ImageId).Cores | Should -Be $chrome.Cores
        }

        It '-Confirm:$false on the same write sends it (the -WhatIf check can fail)' {
            $r = Invoke-KasmApi update_image -Body @{ target_image = @{ image_id = $chrome.ImageId.ToString('N'); cores = 7 } } -Confirm:$false -ErrorAction Stop
            $r.image.cores | Should -Be 7
            (Get-EmulatorRequestLog $emu).method | Should -Be @('update_image')
            (Get-KasmImage -ImageId $chrome.ImageId).Cores | Should -Be 7
        }

        It 'a read ignores -WhatIf (it changes nothing)' {
            $run = Invoke-Captured { Invoke-KasmApi get_kasms -WhatIf }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -BeNullOrEmpty
            (Get-EmulatorRequestLog $emu).method | Should -Be @('get_kasms')
        }
    }

    Context 'errors' {
        It 'HTTP 200 with error_message is KasmApiError carrying status, method and the server message' {
            $body = @{ target_image = @{ image_id = [guid]::NewGuid().ToString('N'); cores = 1 } }
            Invoke-KasmApi update_image -Body $body -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable ev
            (Get-EmulatorRequestLog $emu).status | Should -Be @(200)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmApiError,*'
            $ev[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
            $ev[0].Exception | Should -BeOfType ([Kasm.Client.KasmApiException])
            $ev[0].Exception.StatusCode | Should -Be 200
            $ev[0].Exception.Method | Should -BeExactly 'update_image'
            $ev[0].Exception.ServerMessage | Should -Match 'does not exist'
            # The target is the method, not the body: a body may hold a password, and $Error keeps targets.
            $ev[0].TargetObject | Should -BeExactly 'update_image'
        }

        It 'KasmApiError stops with -ErrorAction Stop' {
            { Invoke-KasmApi update_image -Body @{ target_image = @{ image_id = [guid]::NewGuid().ToString('N') } } -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmApiError,*'
        }

        It 'one failing body does not stop the next (non-terminating)' {
            $bad = @{ target_image = @{ image_id = [guid]::NewGuid().ToString('N'); cores = 1 } }
            $good = @{ target_image = @{ image_id = $chrome.ImageId.ToString('N'); cores = 2 } }
            $r = @($bad, $good | Invoke-KasmApi update_image -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable ev)
            $ev | Should -HaveCount 1
            $r | Should -HaveCount 1
            $r[0].image.cores | Should -Be 2
        }

        It 'an unknown (well-formed) method is KasmNotFound from the server''s HTML 404' {
            { Invoke-KasmApi no_such_method -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'KasmNotFound,*'
            (Get-EmulatorRequestLog $emu).status | Should -Be @(404)
        }

        It 'with -Raw, an error is still an error' {
            { Invoke-KasmApi update_image -Raw -Body @{ target_image = @{ image_id = [guid]::NewGuid().ToString('N') } } -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmApiError,*'
        }
    }
}
