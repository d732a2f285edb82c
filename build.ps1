#Requires -Version 5.1
<#
.SYNOPSIS
    Builds, tests and demonstrates the Kasm module. Runs under PowerShell 7 (dotnet pwsh) and Windows PowerShell 5.1.
.DESCRIPTION
    -Task Build     lays out out/Kasm/ as an importable module folder, from an explicit file list.
    -Task Test      builds, runs xUnit and Pester, prints one closing line "N passed, N failed", exits non-zero on failure.
    -Task Demo      starts the emulator on a free loopback port over HTTPS, runs a short tour with the module, stops it.
    -Task Emulator  runs the emulator in the foreground and prints its URL, API key and secret.
    -Task ResetEmulator  puts the emulator on -Port (default 8443) back to its fixtures, so the README tour runs again.
    -Task StopEmulator   stops the emulator on -Port (one started in the background, or in another terminal).
    -Task ApiTable  writes README.md's table of covered API methods from the endpoint table (a test checks it).
    -Task Package   zips out/Kasm into out/Kasm-<version>.zip and packs it as out/Kasm.<version>.nupkg (for
                    Install-PSResource from a folder repository; no network, nothing published).
    -Task Bench     runs the benchmarks in tests/Bench.
    -Task Clean     removes out/ and the bin/obj folders.
.EXAMPLE
    dotnet tool restore && dotnet pwsh ./build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Emulator', 'ResetEmulator', 'StopEmulator', 'ApiTable', 'Package', 'Bench', 'Clean')]
    [string] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release',

    # For -Task Emulator and -Task Demo.
    [ValidateSet('seed', 'kasm-1.15', 'kasm-1.19')]
    [string] $EmulatorProfile = 'kasm-1.15',

    # For -Task Emulator (0 lets the system pick a free port), ResetEmulator and StopEmulator.
    [ValidateRange(0, 65535)]
    [int] $Port = 8443
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'
# Logs that are not a terminal get no colour codes: this process and every child (pwsh, Pester) follow NO_COLOR.
if ([Console]::IsOutputRedirected) {
    $env:NO_COLOR = '1'
    if (Get-Variable PSStyle -ErrorAction SilentlyContinue) { $PSStyle.OutputRendering = 'PlainText' }
}
$root = $PSScriptRoot
$out = Join-Path $root 'out'
$moduleOut = Join-Path $out 'Kasm'
. (Join-Path $root 'src/build/BuildHelpers.ps1')

# What out/Kasm must hold, and nothing else. The eight dependency DLLs are what System.Text.Json 8 needs on
# Windows PowerShell 5.1 (PowerShell 7 has its own copies and ignores these).
$dependencyDlls = @(
    'Microsoft.Bcl.AsyncInterfaces.dll', 'System.Buffers.dll', 'System.Memory.dll', 'System.Numerics.Vectors.dll',
    'System.Runtime.CompilerServices.Unsafe.dll', 'System.Text.Encodings.Web.dll', 'System.Text.Json.dll',
    'System.Threading.Tasks.Extensions.dll'
)
$moduleFiles = @(
    @{ From = 'Kasm.psd1'; To = 'Kasm.psd1' }
    @{ From = 'src/Kasm/Kasm.Format.ps1xml'; To = 'Kasm.Format.ps1xml' }
    @{ From = 'src/Kasm/en-US/about_Kasm.help.txt'; To = 'en-US/about_Kasm.help.txt' }
    @{ From = 'LICENSE'; To = 'LICENSE' }
)

function Invoke-Build {
    $publish = Join-Path $out 'publish'
    Invoke-Native dotnet publish (Join-Path $root 'src/Kasm/Kasm.csproj') -c $Configuration -o $publish --nologo -v quiet
    Invoke-Native dotnet build (Join-Path $root 'src/Kasm.Emulator/Kasm.Emulator.csproj') -c $Configuration --nologo -v quiet

    if (Test-Path $moduleOut) { Remove-Item $moduleOut -Recurse -Force }
    $null = New-Item -ItemType Directory -Path (Join-Path $moduleOut 'en-US') -Force

    $expected = @('Kasm.dll') + $dependencyDlls
    $extra = Get-ChildItem $publish -Filter *.dll | Where-Object Name -notin $expected
    if ($extra) { throw "The publish output has DLLs the module does not list: $($extra.Name -join ', '). Add them to build.ps1 (and to the AssemblyResolve list) or drop the dependency." }
    foreach ($dll in $expected) { Copy-Checked (Join-Path $publish $dll) (Join-Path $moduleOut $dll) }
    foreach ($f in $moduleFiles) { Copy-Checked (Join-Path $root $f.From) (Join-Path $moduleOut $f.To) }

    # MAML help from the cmdlets' metadata and XML doc comments, made in a fresh process against the laid-out module.
    Invoke-ChildPowerShell -File (Join-Path $root 'src/build/New-KasmHelp.ps1') -ModulePath $moduleOut -DocFile (Join-Path $publish 'Kasm.xml') `
        -ReferenceFile (Join-Path $root 'docs/cmdlets.md')
    if (-not (Test-Path (Join-Path $moduleOut 'en-US/Kasm.dll-Help.xml'))) { throw 'The help file was not generated.' }
    Write-Host "Built $moduleOut"
}

function Invoke-Test {
    Invoke-Build
    $results = Join-Path $out 'test'
    if (Test-Path $results) { Remove-Item $results -Recurse -Force }
    $null = New-Item -ItemType Directory -Path $results

    $env:KASM_MODULE_PATH = $moduleOut
    $env:KASM_EMULATOR_DLL = Get-EmulatorDll

    Write-Host '== xUnit'
    & dotnet test (Join-Path $root 'tests/Kasm.Tests/Kasm.Tests.csproj') -c $Configuration --nologo `
        --logger 'trx;LogFileName=xunit.trx' --logger 'console;verbosity=minimal' --results-directory $results
    $xunit = Read-TrxCounts (Join-Path $results 'xunit.trx')

    Write-Host '== Pester'
    $pesterJson = Join-Path $results 'pester.json'
    # The log shows results, not "What if:" lines: tests of -WhatIf read them from a capturing host (Invoke-Captured in
    # tests/Pester/Kasm.TestHelpers.psm1). Any that reach the log are counted, and make the run fail.
    $strayWhatIf = 0
    Invoke-ChildPowerShell -File (Join-Path $root 'src/build/Invoke-PesterRun.ps1') -ModulePath $moduleOut `
        -PesterPath (Get-PesterModulePath) -TestPath (Join-Path $root 'tests/Pester') -ResultFile $pesterJson -AllowFailure |
        ForEach-Object { if ("$_" -match '^\s*What if: ') { $strayWhatIf++ }; Write-Host $_ }
    $pester = if (Test-Path $pesterJson) { Get-Content $pesterJson -Raw | ConvertFrom-Json } else { [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }

    $passed = $xunit.Passed + $pester.Passed
    $failed = $xunit.Failed + $pester.Failed
    Write-Host "Stray 'What if:' lines in the Pester log: $strayWhatIf"
    if ($strayWhatIf -gt 0) { $failed++; Write-Host 'Run -WhatIf in tests through Invoke-Captured, which asserts the lines instead of printing them (counted as one failure).' }
    $skipped = $xunit.Skipped + $pester.Skipped
    Write-Host ("xUnit: {0} passed, {1} failed, {2} skipped; Pester: {3} passed, {4} failed, {5} skipped" -f `
        $xunit.Passed, $xunit.Failed, $xunit.Skipped, $pester.Passed, $pester.Failed, $pester.Skipped)
    if ($skipped -gt 0) { Write-Output "$passed passed, $failed failed, $skipped skipped" } else { Write-Output "$passed passed, $failed failed" }
    if ($failed -gt 0 -or $passed -eq 0) { exit 1 }
}

function Invoke-Demo {
    Invoke-Build
    $emulator = Start-KasmEmulator -EmulatorDll (Get-EmulatorDll) -EmulatorProfile $EmulatorProfile -LogDirectory $out
    try {
        $demoKey = $emulator.Keys | Where-Object name -eq 'demo'
        Invoke-ChildPowerShell -File (Join-Path $root 'src/build/Demo.ps1') -ModulePath $moduleOut -Server $emulator.Url `
            -ApiKey $demoKey.apiKey -ApiKeySecret $demoKey.apiKeySecret -Thumbprint $emulator.Thumbprint
    }
    finally {
        Stop-KasmEmulator $emulator
    }
}

function Invoke-Emulator {
    # Builds out/Kasm too, so the README's tour can import the module while the emulator runs.
    Invoke-Build
    & dotnet (Get-EmulatorDll) --port $Port --profile $EmulatorProfile
}

function Invoke-ApiTable {
    Invoke-Build
    Invoke-ChildPowerShell -File (Join-Path $root 'src/build/Update-ApiTable.ps1') -ModulePath $moduleOut
}

function Invoke-Package {
    Invoke-Build
    $version = (Import-PowerShellDataFile (Join-Path $root 'Kasm.psd1')).ModuleVersion
    $zip = Join-Path $out "Kasm-$version.zip"
    if (Test-Path $zip) { Remove-Item $zip -Force }
    Compress-Archive -Path $moduleOut -DestinationPath $zip
    Write-Host "Packaged $zip"
    $nupkg = New-KasmPackage -ModuleFolder $moduleOut -Destination $out
    Write-Host "Packaged $nupkg"
}

function Invoke-Bench {
    Invoke-Build
    $env:KASM_MODULE_PATH = $moduleOut
    $env:KASM_EMULATOR_DLL = Get-EmulatorDll
    $benches = @(Get-ChildItem (Join-Path $root 'tests/Bench') -Filter *.Bench.ps1 -ErrorAction SilentlyContinue)
    if ($benches.Count -eq 0) { Write-Host 'No benchmarks in tests/Bench.'; return }
    foreach ($b in $benches) { Invoke-ChildPowerShell -File $b.FullName -ModulePath $moduleOut }
}

function Invoke-Clean {
    foreach ($p in @($out) + @(Get-ChildItem $root -Recurse -Directory -Include bin, obj | ForEach-Object FullName)) {
        if (Test-Path $p) { Remove-Item $p -Recurse -Force }
    }
}

function Get-EmulatorDll {
    $dll = Join-Path $root "src/Kasm.Emulator/bin/$Configuration/net10.0/Kasm.Emulator.dll"
    if (-not (Test-Path $dll)) { Invoke-Native dotnet build (Join-Path $root 'src/Kasm.Emulator/Kasm.Emulator.csproj') -c $Configuration --nologo -v quiet }
    $dll
}

function Get-PesterModulePath {
    # Pester comes from NuGet (a PackageDownload in the test project), not from the PowerShell Gallery.
    Invoke-Native dotnet restore (Join-Path $root 'tests/Kasm.Tests/Kasm.Tests.csproj') --nologo -v quiet
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $path = Join-Path $packages.Trim() 'pester/5.7.1/tools/Pester.psd1'
    if (-not (Test-Path $path)) { throw "Pester 5.7.1 was not restored to $path." }
    $path
}

function Invoke-EmulatorControl([string] $Action) {
    # The emulator's own control endpoint on this machine; its certificate is self-signed, so it is not checked here.
    $uri = "https://127.0.0.1:$Port/__emulator/$Action"
    if ($PSVersionTable.PSEdition -eq 'Core') { $null = Invoke-RestMethod -Method Post -Uri $uri -SkipCertificateCheck -TimeoutSec 10 }
    else {
        [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12
        [Net.ServicePointManager]::ServerCertificateValidationCallback = { $true }
        try { $null = Invoke-RestMethod -Method Post -Uri $uri -TimeoutSec 10 } finally { [Net.ServicePointManager]::ServerCertificateValidationCallback = $null }
    }
    Write-Host "Emulator on port ${Port}: $Action done."
}

switch ($Task) {
    'Build' { Invoke-Build }
    'Test' { Invoke-Test }
    'Demo' { Invoke-Demo }
    'Emulator' { Invoke-Emulator }
    'ResetEmulator' { Invoke-EmulatorControl reset }
    'StopEmulator' { Invoke-EmulatorControl stop }
    'ApiTable' { Invoke-ApiTable }
    'Package' { Invoke-Package }
    'Bench' { Invoke-Bench }
    'Clean' { Invoke-Clean }
}
