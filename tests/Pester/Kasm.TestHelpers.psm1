<#
    Shared helpers for the Pester suite. Every test file imports this module in its top-level BeforeAll:

        BeforeAll { Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force }

    It imports the built module from $env:KASM_MODULE_PATH (out/Kasm) into the global scope, so the tests call the
    cmdlets exactly as a user would, and it wraps the emulator (src/build/BuildHelpers.ps1) and its control endpoints
    (/__emulator/requests, /faults, /settings, /reset).
#>
Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path

if (-not $env:KASM_MODULE_PATH) { $env:KASM_MODULE_PATH = Join-Path $script:RepoRoot 'out/Kasm' }
if (-not $env:KASM_EMULATOR_DLL) {
    $env:KASM_EMULATOR_DLL = Join-Path $script:RepoRoot 'src/Kasm.Emulator/bin/Release/net10.0/Kasm.Emulator.dll'
}
$script:ModuleManifest = Join-Path $env:KASM_MODULE_PATH 'Kasm.psd1'
if (-not (Test-Path $script:ModuleManifest)) { throw "The built module is missing: $script:ModuleManifest. Run ./build.ps1 -Task Build." }
if (-not (Test-Path $env:KASM_EMULATOR_DLL)) { throw "The emulator DLL is missing: $env:KASM_EMULATOR_DLL. Run ./build.ps1 -Task Build." }

# Global, so the test scripts (which run outside this module's scope) see the cmdlets.
if (-not (Get-Module Kasm)) { Import-Module $script:ModuleManifest -Global -ErrorAction Stop }

# Start-KasmEmulator / Stop-KasmEmulator.
. (Join-Path $script:RepoRoot 'src/build/BuildHelpers.ps1')

$script:LogDirectory = Join-Path $script:RepoRoot 'out/test/emulator'
$null = New-Item -ItemType Directory -Path $script:LogDirectory -Force

function Get-KasmModuleManifestPath { $script:ModuleManifest }

function Start-TestEmulator {
    <# Starts the emulator DLL on a free port over HTTPS; returns Url, Thumbprint, Keys, Profile, Process, Log. #>
    param([ValidateSet('seed', 'kasm-1.15', 'kasm-1.19')] [string] $EmulatorProfile = 'kasm-1.15', [int] $SessionDelayMs = 300, [string[]] $ExtraArguments = @())
    Start-KasmEmulator -EmulatorDll $env:KASM_EMULATOR_DLL -EmulatorProfile $EmulatorProfile -LogDirectory $script:LogDirectory -SessionDelayMs $SessionDelayMs -ExtraArguments $ExtraArguments
}

function Stop-TestEmulator {
    param($Emulator)
    if ($Emulator) { Stop-KasmEmulator $Emulator }
}

function Get-EmulatorKey {
    <# One of the emulator's keys by name: demo, readonly, imagesonly, expired. #>
    param([Parameter(Mandatory)] $Emulator, [string] $KeyName = 'demo')
    $key = @($Emulator.Keys | Where-Object name -EQ $KeyName)
    if ($key.Count -ne 1) { throw "The emulator has no key named '$KeyName'." }
    $key[0]
}

function ConvertTo-TestSecureString([string] $Text) {
    $secure = New-Object System.Security.SecureString
    foreach ($c in $Text.ToCharArray()) { $secure.AppendChar($c) }
    $secure.MakeReadOnly()
    $secure
}

function Connect-TestKasm {
    <#
        Connect-Kasm against the emulator with one of its keys, pinning its certificate thumbprint unless -ExtraArgs
        brings its own TLS switch. Short timeouts and no retry delay by default so failures are quick.
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $KeyName = 'demo',
        [hashtable] $ExtraArgs = @{}
    )
    $key = Get-EmulatorKey $Emulator $KeyName
    $params = @{
        Server        = $Emulator.Url
        ApiKey        = $key.apiKey
        ApiKeySecret  = ConvertTo-TestSecureString $key.apiKeySecret
        TimeoutSec    = 10
        ErrorAction   = 'Stop'
    }
    if (-not ($ExtraArgs.ContainsKey('SkipCertificateCheck') -or $ExtraArgs.ContainsKey('CertificateThumbprint'))) {
        $params.CertificateThumbprint = $Emulator.Thumbprint
    }
    if (-not $ExtraArgs.ContainsKey('RetryIntervalSec')) { $params.RetryIntervalSec = 0.1 }
    foreach ($k in $ExtraArgs.Keys) { $params[$k] = $ExtraArgs[$k] }
    Connect-Kasm @params
}

function Invoke-EmulatorControl {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [string] $Path, [string] $Method = 'GET', $Body)
    $uri = ([string] $Emulator.Url).TrimEnd('/') + '/__emulator/' + $Path
    $params = @{ Uri = $uri; Method = $Method; SkipCertificateCheck = $true; TimeoutSec = 10; ErrorAction = 'Stop' }
    if ($PSBoundParameters.ContainsKey('Body')) {
        $params.Body = ($Body | ConvertTo-Json -Depth 10 -Compress)
        $params.ContentType = 'application/json'
    }
    Invoke-RestMethod @params
}

function Get-EmulatorRequestLog {
    <# The API requests the emulator saw, oldest first: seq, time, httpMethod, path, mount, method, apiKey, status. #>
    param([Parameter(Mandatory)] $Emulator)
    # One object per entry (wrap calls in @() to count them).
    Invoke-EmulatorControl $Emulator 'requests' | ForEach-Object { $_ }
}

function Clear-EmulatorRequestLog {
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl $Emulator 'requests' -Method DELETE
}

function Set-EmulatorFault {
    <#
        Adds a fault: -ApiMethod (get_images, or * for all), -Status, -Body (json, html, empty, truncated),
        -LatencyMs, -Drop, -Count (next N matching requests), -Rate (0..1), -Every (only every Nth matching
        request: an exact share). -Clear removes every fault first;
        -Clear alone only removes them.
    #>
    param(
        [Parameter(Mandatory)] $Emulator,
        [string] $ApiMethod = '*',
        [int] $Status,
        [ValidateSet('json', 'html', 'empty', 'truncated')] [string] $Body,
        [int] $LatencyMs,
        [switch] $Drop,
        [int] $Count,
        [double] $Rate,
        [int] $Every,
        [switch] $Clear
    )
    if ($Clear) {
        $null = Invoke-EmulatorControl $Emulator 'faults' -Method DELETE
        if (-not ($PSBoundParameters.Keys | Where-Object { $_ -notin 'Emulator', 'Clear' })) { return }
    }
    $fault = [ordered]@{ method = $ApiMethod }
    if ($PSBoundParameters.ContainsKey('Status')) { $fault.status = $Status }
    if ($PSBoundParameters.ContainsKey('Body')) { $fault.body = $Body }
    if ($PSBoundParameters.ContainsKey('LatencyMs')) { $fault.latencyMs = $LatencyMs }
    if ($Drop) { $fault.drop = $true }
    if ($PSBoundParameters.ContainsKey('Count')) { $fault.count = $Count }
    if ($PSBoundParameters.ContainsKey('Rate')) { $fault.rate = $Rate }
    if ($PSBoundParameters.ContainsKey('Every')) { $fault.every = $Every }
    (Invoke-EmulatorControl $Emulator 'faults' -Method POST -Body $fault).fault
}

function Get-EmulatorInFlight {
    <# The API requests the emulator is handling now (InFlight) and the most at once since the last -ResetPeak (Peak). #>
    param([Parameter(Mandatory)] $Emulator, [switch] $ResetPeak)
    if ($ResetPeak) { $null = Invoke-EmulatorControl $Emulator 'inflight' -Method DELETE; return }
    Invoke-EmulatorControl $Emulator 'inflight'
}

function Wait-EmulatorInFlight {
    <#
        Waits until the emulator handles exactly -Count API requests (0: the client left nothing running there) and
        returns $true, or $false after -GuardSec (a hang guard, not a timing).
    #>
    param([Parameter(Mandatory)] $Emulator, [int] $Count = 0, [double] $GuardSec = 20)
    $deadline = [DateTime]::UtcNow.AddSeconds($GuardSec)
    while ((Get-EmulatorInFlight $Emulator).inFlight -ne $Count) {
        if ([DateTime]::UtcNow -gt $deadline) { return $false }
        Start-Sleep -Milliseconds 50
    }
    $true
}

function Set-EmulatorSetting {
    param([Parameter(Mandatory)] $Emulator, [Parameter(Mandatory)] [hashtable] $Settings)
    Invoke-EmulatorControl $Emulator 'settings' -Method POST -Body $Settings
}

function Reset-Emulator {
    <# Back to the seed state; also clears the faults and the request log. #>
    param([Parameter(Mandatory)] $Emulator)
    $null = Invoke-EmulatorControl $Emulator 'reset' -Method POST
    $null = Invoke-EmulatorControl $Emulator 'faults' -Method DELETE
    Clear-EmulatorRequestLog $Emulator
}

function Get-FreeClosedPort {
    <# A loopback port nothing listens on (bound then released). #>
    $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
    $listener.Start()
    try { $listener.LocalEndpoint.Port } finally { $listener.Stop() }
}

function Start-TestKasm {
    <#
        Starts an emulator and connects it: first each key named in -KeyName (narrow keys, warnings silenced), then the
        demo key, which so becomes the default connection. Returns Emulator, Connection (demo) and Connections (by key
        name). If connecting fails the emulator is stopped again. Pair with Stop-TestKasm in AfterAll.
    #>
    param(
        [ValidateSet('seed', 'kasm-1.15', 'kasm-1.19')] [string] $EmulatorProfile = 'kasm-1.15',
        [int] $SessionDelayMs = 300,
        [string[]] $KeyName = @()
    )
    $emu = Start-TestEmulator -EmulatorProfile $EmulatorProfile -SessionDelayMs $SessionDelayMs
    try {
        $connections = @{}
        foreach ($k in $KeyName) { $connections[$k] = Connect-TestKasm -Emulator $emu -KeyName $k -ExtraArgs @{ WarningAction = 'SilentlyContinue' } }
        $connections['demo'] = Connect-TestKasm -Emulator $emu
        [pscustomobject]@{ Emulator = $emu; Connection = $connections['demo']; Connections = $connections }
    }
    catch {
        Stop-TestEmulator $emu
        throw
    }
}

function Stop-TestKasm {
    <# Forgets every connection and stops the emulator Start-TestKasm started. #>
    param($Kasm)
    Disconnect-AllKasm
    if ($Kasm) { Stop-TestEmulator $Kasm.Emulator }
}

function Disconnect-AllKasm {
    <# Forgets every connection of this runspace. #>
    Get-KasmConnection -All | ForEach-Object { Disconnect-Kasm -Connection $_ }
}

function Get-EmulatorRequestMethod {
    # The API method names of the emulator's request log, in order.
    param([Parameter(Mandatory)] $Emulator)
    @(Get-EmulatorRequestLog $Emulator | ForEach-Object { $_.method })
}

function Invoke-Debugged {
    # Runs a script block with $DebugPreference = 'Continue' in its own scope (the module then writes every request
    # body, secrets as ***, to the debug stream) and returns the output and the debug messages apart. The block keeps
    # the caller's variables: InvokeWithContext runs it where it was written, with only the preference added.
    param([Parameter(Mandatory)] [scriptblock] $Script)
    $preference = [psvariable]::new('DebugPreference', 'Continue')
    $all = @(& { $Script.InvokeWithContext($null, [psvariable[]]@($preference)) } 5>&1)
    [pscustomobject]@{
        Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.DebugRecord] })
        Debug  = @($all | Where-Object { $_ -is [System.Management.Automation.DebugRecord] } | ForEach-Object Message)
    }
}

function Get-SentBody {
    # The JSON bodies the module sent for one API method, read from its -Debug messages ("Request to <method> (...): {...}",
    # secrets already ***): the emulator's log records no bodies.
    param([string[]] $DebugMessages, [Parameter(Mandatory)] [string] $Method)
    foreach ($m in $DebugMessages) {
        if ($m -match "^Request to $Method \([^)]*\): (\{.*\})$") { $Matches[1] | ConvertFrom-Json }
    }
}

if (-not ('KasmTests.CapturingHost' -as [type])) { Add-Type -Path (Join-Path $PSScriptRoot 'CapturingHost.cs') }

function Invoke-InCapturingHost {
    <#
        Runs a script in a new runspace whose host records what is written to it (ShouldProcess's "What if:" lines go
        to the host, not to a stream, so this is how a test reads them, and they stay out of the test log) and cannot
        prompt (a Confirm prompt is an error, as in a non-interactive run). The module is imported there; -Emulator
        connects it first with the demo key (pinned thumbprint) and defines $server and $secret (the demo secret as a
        SecureString). -Variables are set in the runspace before the script runs. Returns Output, Errors (error
        records), Lines (every host line) and WhatIf (the "What if:" lines, without the prefix).
    #>
    param([Parameter(Mandatory)] [string] $Script, $Emulator, [hashtable] $Variables = @{}, [string] $KeyName = 'demo', $Connection)
    $ui = [KasmTests.CapturingHostUI]::new()
    $iss = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $iss.ImportPSModule([string[]]@($script:ModuleManifest))
    $rs = [System.Management.Automation.Runspaces.RunspaceFactory]::CreateRunspace([KasmTests.CapturingHost]::new($ui), $iss)
    $rs.Open()
    $ps = [powershell]::Create()
    try {
        $ps.Runspace = $rs
        foreach ($k in $Variables.Keys) { $rs.SessionStateProxy.SetVariable($k, $Variables[$k]) }
        if ($Connection) {
            # The caller's connection as every Kasm cmdlet's default, without a Connect-Kasm (whose requests the
            # caller's request-log checks would see).
            $rs.SessionStateProxy.SetVariable('PSDefaultParameterValues', @{ '*-Kasm*:Connection' = $Connection })
        }
        if ($Emulator) {
            $key = Get-EmulatorKey $Emulator $KeyName
            $rs.SessionStateProxy.SetVariable('server', [string]$Emulator.Url)
            $rs.SessionStateProxy.SetVariable('secret', (ConvertTo-TestSecureString $key.apiKeySecret))
            $rs.SessionStateProxy.SetVariable('KasmTestApiKey', $key.apiKey)
            $rs.SessionStateProxy.SetVariable('KasmTestThumbprint', $Emulator.Thumbprint)
            $Script = "`$null = Connect-Kasm -Server `$server -ApiKey `$KasmTestApiKey -ApiKeySecret `$secret -CertificateThumbprint `$KasmTestThumbprint -TimeoutSec 10 -RetryIntervalSec 0.1 -ErrorAction Stop`n" + $Script
        }
        $output = @()
        $thrown = $null
        try { $output = @($ps.AddScript($Script).Invoke()) }
        catch { $thrown = $_ }
        $errors = @($ps.Streams.Error)
        if ($thrown) {
            $inner = $thrown.Exception
            while ($inner -is [System.Management.Automation.MethodInvocationException] -and $inner.InnerException) { $inner = $inner.InnerException }
            $errors += if ($inner -is [System.Management.Automation.IContainsErrorRecord]) { $inner.ErrorRecord } else { [System.Management.Automation.ErrorRecord]::new($inner, 'ScriptThrew', 'NotSpecified', $null) }
        }
        $lines = @($ui.Lines | Where-Object { $_ -ne '' })
        [pscustomobject]@{
            Output = $output
            Errors = $errors
            Lines  = $lines
            WhatIf = @($lines | Where-Object { $_ -like 'What if: *' } | ForEach-Object { $_.Substring('What if: '.Length) })
        }
    }
    finally {
        $ps.Dispose()
        $rs.Dispose()
    }
}

function Invoke-Captured {
    <#
        Runs a script block (its text: it sees only -Variables, not the caller's scope) in a capturing runspace with
        this runspace's default connection as every Kasm cmdlet's -Connection, and returns Output, Errors, Lines and
        WhatIf as Invoke-InCapturingHost does. For tests of -WhatIf: the "What if:" lines are asserted, not printed.
    #>
    param([Parameter(Mandatory)] [scriptblock] $ScriptBlock, [hashtable] $Variables = @{}, $Connection = (Get-KasmConnection))
    Invoke-InCapturingHost -Script $ScriptBlock.ToString() -Variables $Variables -Connection $Connection
}

Export-ModuleMember -Function Invoke-Captured, Invoke-InCapturingHost, Get-EmulatorInFlight, Wait-EmulatorInFlight, Start-TestKasm, Stop-TestKasm, Get-EmulatorRequestMethod, Get-SentBody, Invoke-Debugged, Get-KasmModuleManifestPath, Start-TestEmulator, Stop-TestEmulator, Get-EmulatorKey,
    ConvertTo-TestSecureString, Connect-TestKasm, Invoke-EmulatorControl, Get-EmulatorRequestLog, Clear-EmulatorRequestLog,
    Set-EmulatorFault, Set-EmulatorSetting, Reset-Emulator, Get-FreeClosedPort, Disconnect-AllKasm,
    Start-KasmEmulator, Stop-KasmEmulator, New-KasmPackage
