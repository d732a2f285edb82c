#Requires -Version 5.1
# The API secret must appear in no output stream, no formatting of the connection, no error and no exception
# (docs/design.md). Everything the module can say is collected with -Verbose -Debug and *>&1, then searched.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    # kasm-1.19, like every released Kasm, ignores Basic authentication: the Basic attempt below fails, and its
    # request line, error and exception are swept too.
    $emu = Start-TestEmulator -EmulatorProfile 'kasm-1.19'
    $demo = Get-EmulatorKey $emu 'demo'
    $secret = $demo.apiKeySecret
    $readonly = Get-EmulatorKey $emu 'readonly'
    $wrongSecret = 'WrongSecret' + ('9' * 21)
    $secrets = @($secret, $readonly.apiKeySecret, $wrongSecret)

    function Find-Secret([string] $Text) {
        <# The secrets found in $Text (none is the expected answer). #>
        foreach ($s in $secrets) { if ($Text.Contains($s)) { $s } }
    }

    function ConvertTo-Text($Records) {
        <# Every record as text: messages, ToString, and each record's full formatting. #>
        foreach ($r in $Records) {
            if ($null -eq $r) { continue }
            if ($r -is [System.Management.Automation.ErrorRecord]) {
                ($r | Out-String -Width 400)
                ($r | Format-List * -Force | Out-String -Width 400)
                ($r.Exception | Format-List * -Force | Out-String -Width 400)
                for ($e = $r.Exception; $e; $e = $e.InnerException) { $e.Message; $e.ToString() }
            }
            elseif ($r -is [System.Management.Automation.InformationalRecord]) { $r.Message }
            else {
                "$r"
                ($r | Format-List * -Force | Out-String -Width 400)
            }
        }
    }

    # -Debug without -Verbose makes a compiled cmdlet's Verbose lines Inquire (a prompt), so both are always given.
    $savedDebug = $DebugPreference
    $DebugPreference = 'Continue'
    $Error.Clear()
    try {
        $all = & {
            # The runner may set Stop; here the failing calls must stay non-terminating so the sweep goes on.
            $ErrorActionPreference = 'Continue'
            $conn = Connect-TestKasm -Emulator $emu -Verbose -Debug
            Get-KasmImage -Verbose -Debug
            Get-KasmImage -Name 'NoSuchWorkspace' -Verbose -Debug
            Invoke-KasmApi admin/system_info -Verbose -Debug
            Invoke-KasmApi get_images -Raw -Verbose -Debug
            # Failing calls: a business error, a server fault, a wrong secret, a read-only write, a refused TLS.
            Invoke-KasmApi update_image -Body @{ target_image = @{ image_id = [guid]::NewGuid().ToString('N') } } -Confirm:$false -Verbose -Debug
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 500 -Body html -Count 1
            Get-KasmImage -Connection $conn -Verbose -Debug
            # A failed connect is terminating: catch it so the sweep goes on (its record stays in $Error).
            try { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret (ConvertTo-TestSecureString $wrongSecret) -CertificateThumbprint $emu.Thumbprint -Verbose -Debug } catch { $_ }
            $ro = Connect-TestKasm -Emulator $emu -KeyName readonly -Verbose -Debug
            Invoke-KasmApi update_image -Connection $ro -Body @{ target_image = @{ image_id = [guid]::NewGuid().ToString('N'); cores = 1 } } -Confirm:$false -Verbose -Debug
            try { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret (ConvertTo-TestSecureString $secret) -MaximumRetryCount 0 -Verbose -Debug } catch { $_ }
            # Basic authentication: the secret travels in a header, which must not be logged either.
            try { Connect-TestKasm -Emulator $emu -ExtraArgs @{ Authentication = 'Basic' } -Verbose -Debug } catch { $_ }
            # The demo key is the default connection again for the tests below.
            Connect-TestKasm -Emulator $emu -Verbose -Debug
            Get-KasmConnection -All -Verbose -Debug
        } *>&1 | ForEach-Object { $_ }
    }
    finally {
        $DebugPreference = $savedDebug
    }
    $errors = @($Error)
}

AfterAll {
    Disconnect-AllKasm
    Stop-TestEmulator $emu
}

Describe 'The API secret' {
    It 'the sweep produced every kind of record (so the search below means something)' {
        ($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] }) | Should -Not -BeNullOrEmpty
        ($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }) | Should -Not -BeNullOrEmpty
        ($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] }).Count | Should -BeGreaterOrEqual 5
        ($all | Where-Object { $_ -is [Kasm.Models.KasmImage] }) | Should -Not -BeNullOrEmpty
        ($all | Where-Object { $_ -is [Kasm.Client.KasmConnection] }) | Should -Not -BeNullOrEmpty
        ($all | Where-Object { $_ -is [string] }) | Should -Not -BeNullOrEmpty
    }

    It 'the search finds a secret when one is there (the assertions below can fail)' {
        Find-Secret "xx $secret xx" | Should -Be @($secret)
    }

    It 'appears in no output, verbose, debug, warning or error record' {
        $text = (ConvertTo-Text $all) -join "`n"
        $text.Length | Should -BeGreaterThan 1000
        Find-Secret $text | Should -BeNullOrEmpty
    }

    It 'Debug lines show the credentials as ***' {
        $debug = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        ($debug -match '"api_key_secret":"\*\*\*"') | Should -Not -BeNullOrEmpty
        ($debug -match 'api_key_secret') | Where-Object { $_ -notmatch '"api_key_secret":"\*\*\*"' } | Should -BeNullOrEmpty
        Find-Secret ($debug -join "`n") | Should -BeNullOrEmpty
    }

    It 'Debug lines for Basic authentication do not show the header' {
        $debug = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
        ($debug -match 'Basic authentication') | Should -Not -BeNullOrEmpty
        $basicToken = [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes("$($demo.apiKey):$secret"))
        ($debug -join "`n").Contains($basicToken) | Should -BeFalse
        $text = (ConvertTo-Text $all) -join "`n"
        $text.Contains($basicToken) | Should -BeFalse
    }

    It 'is not in Get-KasmConnection | Format-List *' {
        $text = Get-KasmConnection -All | Format-List * -Force | Out-String -Width 400
        $text | Should -Match ([regex]::Escape($demo.apiKey))
        Find-Secret $text | Should -BeNullOrEmpty
    }

    It 'is not in Get-KasmConnection | ConvertTo-Json -Depth 5' {
        $json = Get-KasmConnection -All | ConvertTo-Json -Depth 5 -WarningAction SilentlyContinue
        $json | Should -Match ([regex]::Escape($demo.apiKey))
        Find-Secret $json | Should -BeNullOrEmpty
    }

    It 'is not in the connection''s ToString, members or properties' {
        foreach ($c in Get-KasmConnection -All) {
            Find-Secret $c.ToString() | Should -BeNullOrEmpty
            Find-Secret ($c | Get-Member -Force | Out-String -Width 400) | Should -BeNullOrEmpty
            foreach ($p in $c.PSObject.Properties) { Find-Secret "$($p.Value)" | Should -BeNullOrEmpty }
        }
    }

    It 'is not in the objects'' connection, as seen through an image' {
        $image = $all | Where-Object { $_ -is [Kasm.Models.KasmImage] } | Select-Object -First 1
        Find-Secret ($image | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'is not in $Error | Out-String' {
        $errors.Count | Should -BeGreaterOrEqual 5
        Find-Secret ($errors | Out-String -Width 400) | Should -BeNullOrEmpty
    }

    It 'is not in any exception message, nor $Error[0].Exception | Format-List * -Force' {
        $kasmErrors = @($errors | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] -and $_.Exception -is [Kasm.Client.KasmApiException] })
        $kasmErrors.Count | Should -BeGreaterOrEqual 5
        Find-Secret ($errors[0].Exception | Format-List * -Force | Out-String -Width 400) | Should -BeNullOrEmpty
        foreach ($r in $kasmErrors) {
            Find-Secret ($r.Exception | Format-List * -Force | Out-String -Width 400) | Should -BeNullOrEmpty
            for ($e = $r.Exception; $e; $e = $e.InnerException) { Find-Secret $e.Message | Should -BeNullOrEmpty }
        }
    }

    It 'a server message that echoes the secret back is scrubbed from the error and the Debug lines' {
        # kasm-1.19 answers update_image for an unknown id with "... an image (<id>) that does not exist".
        $DebugPreference = 'Continue'
        $records = Invoke-KasmApi update_image -Body @{ target_image = @{ image_id = $secret } } -Confirm:$false -Verbose -Debug -ErrorAction SilentlyContinue -ErrorVariable ev *>&1 |
            ForEach-Object { $_ }
        $DebugPreference = 'SilentlyContinue'
        $ev | Should -HaveCount 1
        $ev[0].Exception.ServerMessage | Should -Match 'does not exist'
        Find-Secret $ev[0].Exception.Message | Should -BeNullOrEmpty
        Find-Secret $ev[0].Exception.ServerMessage | Should -BeNullOrEmpty
        Find-Secret (($records | Where-Object { $_ -is [System.Management.Automation.DebugRecord] }).Message -join "`n") | Should -BeNullOrEmpty
    }
}
