<#
.SYNOPSIS
    The scripted tour build.ps1 -Task Demo runs against the emulator: connect, list workspaces, start a session,
    list sessions, remove it.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Server,
    [Parameter(Mandatory)] [string] $ApiKey,
    [Parameter(Mandatory)] [string] $ApiKeySecret,
    [Parameter(Mandatory)] [string] $Thumbprint
)
$ErrorActionPreference = 'Stop'
function Step([string] $Text) { Write-Host ''; Write-Host "> $Text" -ForegroundColor Cyan }

Import-Module (Join-Path $ModulePath 'Kasm.psd1')
$secret = ConvertTo-SecureString $ApiKeySecret -AsPlainText -Force

Step "Connect-Kasm -Server $Server -ApiKey $ApiKey -ApiKeySecret `$secret -CertificateThumbprint $Thumbprint"
Connect-Kasm -Server $Server -ApiKey $ApiKey -ApiKeySecret $secret -CertificateThumbprint $Thumbprint | Format-Table | Out-Host

Step 'Get-KasmSystemInfo'
Get-KasmSystemInfo | Out-Host

Step 'Get-KasmImage'
Get-KasmImage | Out-Host

Step "`$user = Get-KasmUser user@kasm.local"
$user = Get-KasmUser user@kasm.local
$user | Out-Host

Step "`$session = Get-KasmImage -Name Chrome | New-KasmSession -UserId `$user.UserId -Wait"
$session = Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -Wait
$session | Out-Host
Write-Host "The link that opens it (a credential, so not in the default view): $($session.KasmUrl.GetLeftPart('Authority'))/#/connect/kasm/..."

Step 'Get-KasmSession'
Get-KasmSession | Out-Host

Step 'Get-KasmSession | Remove-KasmSession -Confirm:$false'
Get-KasmSession | Remove-KasmSession -Confirm:$false
Write-Host 'Removed. Kasm deletes sessions in the background; the id is rejected once it is gone.'

Step 'Get-KasmImage -Name NoSuchWorkspace -ErrorAction SilentlyContinue -ErrorVariable problem; $problem.FullyQualifiedErrorId'
Get-KasmImage -Name NoSuchWorkspace -ErrorAction SilentlyContinue -ErrorVariable problem
$problem.FullyQualifiedErrorId | Out-Host

Disconnect-Kasm
Write-Host ''
Write-Host 'Demo finished.' -ForegroundColor Green
