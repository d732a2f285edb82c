<#
.SYNOPSIS
    Runs the Pester suite in this (fresh) process against the built module and writes the counts as JSON.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $PesterPath,
    [Parameter(Mandatory)] [string] $TestPath,
    [Parameter(Mandatory)] [string] $ResultFile
)
$ErrorActionPreference = 'Stop'
Remove-Module Pester -ErrorAction SilentlyContinue
Import-Module $PesterPath -Force
$env:KASM_MODULE_PATH = $ModulePath

$config = New-PesterConfiguration
$config.Run.Path = $TestPath
$config.Run.PassThru = $true
$config.Output.Verbosity = 'Normal'
$config.TestResult.Enabled = $true
$config.TestResult.OutputPath = [IO.Path]::ChangeExtension($ResultFile, '.xml')
$result = Invoke-Pester -Configuration $config

# A container that failed to run (a broken BeforeAll, a syntax error) counts as a failure too.
$failed = $result.FailedCount + $result.FailedBlocksCount + $result.FailedContainersCount
[pscustomobject]@{ Passed = $result.PassedCount; Failed = $failed; Skipped = $result.SkippedCount } |
    ConvertTo-Json | Set-Content -Path $ResultFile -Encoding utf8
if ($failed -gt 0) { exit 1 }
