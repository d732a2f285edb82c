#Requires -Version 5.1
# The seed document's curl examples, run as written (placeholders filled in) with the real curl binary against the
# seed-profile emulator over HTTPS, and the answers the seed document describes.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    # The seed document the project started from, committed with the tests.
    $script:SeedPath = Join-Path $PSScriptRoot 'data/seed-api-reference.txt'
    $script:SeedText = Get-Content -Raw -Path $SeedPath

    # Every ```bash block: its URL, headers and -d body, keyed by the API method the URL names.
    $script:Examples = [ordered]@{}
    foreach ($m in [regex]::Matches($SeedText, '(?ms)^```bash\r?\n(.*?)^```')) {
        $code = $m.Groups[1].Value
        $url = [regex]::Match($code, '"(https://[^"]+)"').Groups[1].Value
        $headers = @([regex]::Matches($code, '-H\s+"([^"]+)"') | ForEach-Object { $_.Groups[1].Value })
        $body = [regex]::Match($code, "(?s)-d\s+'(.*?)'").Groups[1].Value
        $name = ($url -split '/')[-1]
        $Examples[$name] = [pscustomobject]@{ Name = $name; Code = $code; Url = $url; Headers = $headers; Body = $body; Method = if ($code -match '-X\s+(\w+)') { $Matches[1] } else { 'POST' } }
    }

    $script:Curl = (Get-Command curl -CommandType Application -ErrorAction Stop | Select-Object -First 1).Source

    # Fills in the placeholders, runs the example with curl -k -s -w '%{http_code}', returns Status, Text and Json.
    function Invoke-SeedExample([string] $Name, [hashtable] $Values) {
        $ex = $Examples[$Name]
        if (-not $ex) { throw "The seed document has no curl example for $Name." }
        $fill = {
            param([string] $s)
            # The longer placeholders first (<YOUR_API_KEY_SECRET> contains <YOUR_API_KEY).
            foreach ($k in $Values.Keys | Sort-Object Length -Descending) { $s = $s.Replace($k, [string] $Values[$k]) }
            if ($s -match '<[A-Z_]+>') { throw "Unfilled placeholder $($Matches[0]) in the $Name example." }
            $s
        }
        $bodyFile = Join-Path $TestDrive "$Name-$([guid]::NewGuid().ToString('N')).json"
        [IO.File]::WriteAllText($bodyFile, (& $fill $ex.Body))
        $args = @('-k', '-s', '-w', '%{http_code}', '-X', $ex.Method, (& $fill $ex.Url))
        foreach ($h in $ex.Headers) { $args += @('-H', (& $fill $h)) }
        $args += @('--data-binary', "@$bodyFile")
        $out = (& $Curl @args) -join "`n"
        if ($LASTEXITCODE -ne 0) { throw "curl failed with exit code $LASTEXITCODE for $Name." }
        $status = [int] $out.Substring($out.Length - 3)
        $text = $out.Substring(0, $out.Length - 3)
        $json = $null
        try { $json = $text | ConvertFrom-Json -ErrorAction Stop } catch { }
        [pscustomobject]@{ Status = $status; Text = $text; Json = $json }
    }

    function Assert-SeedError($Answer, [int] $Status) {
        $Answer.Status | Should -Be $Status
        $Answer.Json | Should -Not -BeNullOrEmpty -Because "the seed document says errors are JSON ($($Answer.Text))"
        $Answer.Json.status | Should -BeExactly 'error'
        $Answer.Json.error_message | Should -BeOfType ([string])
        $Answer.Json.error_message | Should -Not -BeNullOrEmpty
    }
}

Describe 'The seed document''s curl examples against the seed emulator' {
    BeforeAll {
        $emu = Start-TestEmulator -EmulatorProfile seed -SessionDelayMs 300
        try {
            $conn = Connect-TestKasm -Emulator $emu
            $demo = Get-EmulatorKey $emu demo
            $imagesOnly = Get-EmulatorKey $emu imagesonly
            $chrome = Get-KasmImage Chrome -ErrorAction Stop
            $user = Get-KasmUser user@kasm.local -ErrorAction Stop
            $server = ([uri] $emu.Url).Authority
            $values = @{
                '<SERVER_IP>' = $server
                '<YOUR_API_KEY_SECRET>' = $demo.apiKeySecret; '<SECRET>' = $demo.apiKeySecret
                '<YOUR_API_KEY>' = $demo.apiKey; '<KEY>' = $demo.apiKey
                '<IMAGE_UUID>' = $chrome.ImageId.ToString('N'); '<USER_UUID>' = $user.UserId.ToString('N')
                '<ENDPOINT>' = 'get_images'
            }
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
    BeforeEach { Clear-EmulatorRequestLog $emu }

    It 'the seed document has a curl example for each method it describes' {
        $SeedText | Should -Not -BeNullOrEmpty
        foreach ($n in 'get_images', 'system_info', 'update_image', 'create_storage_provider', 'get_storage_providers', 'request_kasm', 'destroy_kasm') {
            $Examples.Keys | Should -Contain $n
            $Examples[$n].Url | Should -Match '^https://<SERVER_IP>/api/(public|admin)/'
            $Examples[$n].Body | Should -Match '"api_key_secret"'
        }
    }

    It 'the request format example, with get_images as the endpoint, answers 200 with JSON' {
        $a = Invoke-SeedExample '<ENDPOINT>' $values
        $a.Status | Should -Be 200
        $a.Json.images | Should -Not -BeNullOrEmpty
    }

    It 'get_images answers 200 with the workspaces' {
        $a = Invoke-SeedExample 'get_images' $values
        $a.Status | Should -Be 200
        $a.Json.images.friendly_name | Should -Contain 'Chrome'
        $a.Json.images.friendly_name | Should -Contain 'Firefox'
        $log = @(Get-EmulatorRequestLog $emu)
        $log | Should -HaveCount 1
        $log[0].path | Should -BeExactly '/api/public/get_images'
        $log[0].apiKey | Should -BeExactly $demo.apiKey
    }

    It 'system_info answers 200 with the build id (the version the module parses)' {
        $a = Invoke-SeedExample 'system_info' $values
        $a.Status | Should -Be 200
        $a.Json.system_info.api.build_id | Should -BeLike '1.15.0.*'
        (Get-KasmSystemInfo -ErrorAction Stop).BuildId | Should -BeExactly $a.Json.system_info.api.build_id
    }

    It 'update_image answers 200 with the updated workspace, which the module then sees' {
        $a = Invoke-SeedExample 'update_image' $values
        $a.Status | Should -Be 200
        $a.Json.image.friendly_name | Should -BeExactly 'Updated Name'
        $a.Json.image.cores | Should -Be 2
        $a.Json.image.memory | Should -Be 2768000000
        $i = Get-KasmImage -ImageId $chrome.ImageId -ErrorAction Stop
        $i.FriendlyName | Should -BeExactly 'Updated Name'
        $i.Cores | Should -Be 2
        $i.Memory | Should -Be 2768000000
    }

    It 'create_storage_provider (the nextcloud example) answers 200 with the provider; get_storage_providers lists it' {
        $a = Invoke-SeedExample 'create_storage_provider' $values
        $a.Status | Should -Be 200
        $a.Json.storage_provider.storage_provider_type | Should -BeExactly 'Nextcloud'
        $a.Json.storage_provider.webdav_url | Should -BeExactly 'https://nextcloud.example.com'
        $a.Json.storage_provider.enabled | Should -BeTrue
        $id = $a.Json.storage_provider.storage_provider_id
        $id | Should -Not -BeNullOrEmpty

        $l = Invoke-SeedExample 'get_storage_providers' $values
        $l.Status | Should -Be 200
        $l.Json.storage_providers.storage_provider_id | Should -Contain $id
        @(Get-KasmStorageProvider -ErrorAction Stop).StorageProviderId | Should -Contain ([guid] $id)
    }

    It 'request_kasm answers 200 with a started session, and destroy_kasm with its id answers 200' {
        $a = Invoke-SeedExample 'request_kasm' $values
        $a.Status | Should -Be 200
        $a.Json.kasm_id | Should -Not -BeNullOrEmpty
        [guid] $a.Json.user_id | Should -Be $user.UserId
        $a.Json.kasm_url | Should -Not -BeNullOrEmpty
        $kasmId = [guid] $a.Json.kasm_id
        (Get-KasmSession -KasmId $kasmId -ErrorAction Stop).ImageId | Should -Be $chrome.ImageId

        $values['<SESSION_UUID>'] = $a.Json.kasm_id
        try { $d = Invoke-SeedExample 'destroy_kasm' $values }
        finally { $values.Remove('<SESSION_UUID>') }
        $d.Status | Should -Be 200
        $d.Text.Trim() | Should -Match '^\{.*\}$' -Because 'the answer is a JSON object'
        $null -ne $d.Json | Should -BeTrue -Because 'the answer parses as JSON'
        $d.Json.PSObject.Properties.Name | Should -Not -Contain 'error_message'
        (Get-KasmSession -KasmId $kasmId -ErrorAction SilentlyContinue | ForEach-Object Status) | Should -BeIn @($null, 'deleting')
        (Get-EmulatorRequestLog $emu | Where-Object path -Like '/api/public/*_kasm').status | Should -Be @(200, 200)
    }

    Context 'the error section' {
        It 'a wrong secret is 401 with {"error_message": ..., "status": "error"}' {
            $bad = $values.Clone()
            $bad['<SECRET>'] = 'WrongSecret' + $demo.apiKeySecret.Substring(11)
            $a = Invoke-SeedExample 'get_images' $bad
            Assert-SeedError $a 401
            $a.Json.PSObject.Properties.Name | Sort-Object | Should -Be @('error_message', 'status')
        }

        It 'a key without admin permission on an admin endpoint is 403' {
            $limited = $values.Clone()
            $limited['<KEY>'] = $imagesOnly.apiKey
            $limited['<SECRET>'] = $imagesOnly.apiKeySecret
            Assert-SeedError (Invoke-SeedExample 'system_info' $limited) 403
            Assert-SeedError (Invoke-SeedExample 'get_storage_providers' $limited) 403
            # The same key may use what it holds.
            (Invoke-SeedExample 'get_images' $limited).Status | Should -Be 200
        }

        It 'an unknown image_id is 404' {
            $unknown = $values.Clone()
            $unknown['<IMAGE_UUID>'] = [guid]::NewGuid().ToString('N')
            Assert-SeedError (Invoke-SeedExample 'request_kasm' $unknown) 404
            Assert-SeedError (Invoke-SeedExample 'update_image' $unknown) 404
        }

        It 'the module reports the same answers with the matching error ids' {
            $unknown = [guid]::NewGuid()
            New-KasmSession -ImageId $unknown -UserId $user.UserId -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmNotFound,*'
            $ev[0].Exception.StatusCode | Should -Be 404
        }
    }
}
