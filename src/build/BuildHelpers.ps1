# Helpers for build.ps1. Plain PowerShell that runs on Windows PowerShell 5.1 and PowerShell 7.

function Invoke-Native {
    # Runs a program and fails when it fails.
    $exe, $rest = $args
    & $exe @rest
    if ($LASTEXITCODE -ne 0) { throw "$exe $($rest -join ' ') failed with exit code $LASTEXITCODE." }
}

function Copy-Checked([string] $From, [string] $To) {
    if (-not (Test-Path $From -PathType Leaf)) { throw "Missing build file: $From" }
    Copy-Item $From $To -Force
}

function Invoke-ChildPowerShell {
    # Runs a script in a fresh process of the same PowerShell (pwsh, dotnet pwsh or powershell.exe), so the module is
    # loaded fresh. Named parameters after -File are passed through; -AllowFailure keeps a non-zero exit from throwing.
    param([Parameter(Mandatory)] [string] $File, [switch] $AllowFailure, [Parameter(ValueFromRemainingArguments)] $Rest)
    if ($PSVersionTable.PSEdition -eq 'Core') {
        $exe = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    }
    else {
        $exe = (Get-Process -Id $PID).Path
        $prefix = @()
    }
    & $exe @prefix -NoProfile -NonInteractive -ExecutionPolicy Bypass -File $File @Rest
    if ($LASTEXITCODE -ne 0 -and -not $AllowFailure) { throw "$File failed with exit code $LASTEXITCODE." }
}

function Read-TrxCounts([string] $Path) {
    if (-not (Test-Path $Path)) { return [pscustomobject]@{ Passed = 0; Failed = 1; Skipped = 0 } }
    [xml] $trx = Get-Content $Path -Raw
    $c = $trx.TestRun.ResultSummary.Counters
    [pscustomobject]@{
        Passed  = [int] $c.passed
        Failed  = [int] $c.failed + [int] $c.error + [int] $c.timeout + [int] $c.aborted
        Skipped = [int] $c.notExecuted
    }
}

function New-KasmPackage {
    <#
        Packs a laid-out module folder as <Destination>/Kasm.<version>.nupkg with PSResourceGet's Compress-PSResource:
        the package Install-PSResource expects, with the gallery metadata (version, tags, licence, release notes) read
        from the manifest, the one place they are written. No repository and no network. PSResourceGet ships with
        PowerShell 7.4 and later (the repository's dotnet tool, 7.6.9, has 1.2.0); on Windows PowerShell 5.1 install it
        first (Install-Module Microsoft.PowerShell.PSResourceGet).
    #>
    param([Parameter(Mandatory)] [string] $ModuleFolder, [Parameter(Mandatory)] [string] $Destination)
    if (-not (Get-Module Microsoft.PowerShell.PSResourceGet -ListAvailable)) {
        throw 'Packing needs Microsoft.PowerShell.PSResourceGet (part of PowerShell 7.4+; on Windows PowerShell 5.1: Install-Module Microsoft.PowerShell.PSResourceGet).'
    }
    Import-Module Microsoft.PowerShell.PSResourceGet -ErrorAction Stop
    $version = (Import-PowerShellDataFile (Join-Path $ModuleFolder 'Kasm.psd1')).ModuleVersion
    $nupkg = Join-Path $Destination "Kasm.$version.nupkg"
    if (Test-Path $nupkg) { Remove-Item $nupkg -Force }
    $null = New-Item -ItemType Directory -Path $Destination -Force
    Compress-PSResource -Path $ModuleFolder -DestinationPath $Destination -Confirm:$false
    if (-not (Test-Path $nupkg)) { throw "Compress-PSResource did not write $nupkg." }
    $nupkg
}

function Start-KasmEmulator {
    # Starts the emulator on a free loopback port and waits for its KASM_EMULATOR_READY line.
    # -ExtraArguments are passed on as they are (--fuzz SEED, --certificate expired, ...).
    param([string] $EmulatorDll, [string] $EmulatorProfile = 'kasm-1.15', [string] $LogDirectory, [int] $SessionDelayMs = 3000, [string[]] $ExtraArguments = @())
    $log = Join-Path $LogDirectory ("emulator-{0}-{1}.log" -f $EmulatorProfile, [guid]::NewGuid().ToString('N').Substring(0, 8))
    $dotnet = (Get-Command dotnet -CommandType Application | Select-Object -First 1).Source
    $process = Start-Process -FilePath $dotnet -ArgumentList (@("`"$EmulatorDll`"", '--port', '0', '--profile', $EmulatorProfile, '--session-delay-ms', $SessionDelayMs) + $ExtraArguments) `
        -RedirectStandardOutput $log -RedirectStandardError "$log.err" -PassThru -NoNewWindow -ErrorAction Stop
    $deadline = [DateTime]::UtcNow.AddSeconds(60)
    while ([DateTime]::UtcNow -lt $deadline) {
        if ($process.HasExited) { throw "The emulator exited early (code $($process.ExitCode)): $(Get-Content "$log.err" -Raw -ErrorAction SilentlyContinue)" }
        $line = Get-Content $log -ErrorAction SilentlyContinue | Where-Object { $_ -like 'KASM_EMULATOR_READY *' } | Select-Object -First 1
        if ($line) {
            $ready = $line.Substring('KASM_EMULATOR_READY '.Length) | ConvertFrom-Json
            return [pscustomobject]@{ Process = $process; Url = $ready.url; Thumbprint = $ready.thumbprint; Keys = $ready.keys; Profile = $ready.profile; Log = $log }
        }
        Start-Sleep -Milliseconds 100
    }
    Stop-Process -Id $process.Id -Force -ErrorAction SilentlyContinue
    throw "The emulator did not report ready within 60 s; see $log."
}

function Stop-KasmEmulator($Emulator) {
    if ($Emulator -and -not $Emulator.Process.HasExited) {
        Stop-Process -Id $Emulator.Process.Id -Force -ErrorAction SilentlyContinue
        $null = $Emulator.Process.WaitForExit(10000)
    }
}
