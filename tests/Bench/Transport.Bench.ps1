<#
.SYNOPSIS
    Side by side: N Get-KasmImage calls against N Invoke-RestMethod calls of get_images over HTTPS, same emulator,
    same run. Prints calls per second for each and their ratio, and fails when the module is slower than the target.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [int] $Calls = 300,
    [double] $MinimumRatio = 1.0
)
$ErrorActionPreference = 'Stop'
$repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
. (Join-Path $repo 'src/build/BuildHelpers.ps1')
Import-Module (Join-Path $ModulePath 'Kasm.psd1')

$emulator = Start-KasmEmulator -EmulatorDll $env:KASM_EMULATOR_DLL -EmulatorProfile 'kasm-1.15' -LogDirectory (Join-Path $repo 'out')
try {
    $key = $emulator.Keys | Where-Object name -eq 'demo'
    $secret = ConvertTo-SecureString $key.apiKeySecret -AsPlainText -Force
    $null = Connect-Kasm -Server $emulator.Url -ApiKey $key.apiKey -ApiKeySecret $secret -CertificateThumbprint $emulator.Thumbprint
    $uri = "$($emulator.Url)api/public/get_images"
    $body = @{ api_key = $key.apiKey; api_key_secret = $key.apiKeySecret } | ConvertTo-Json

    # Warm both paths up once, then time them alternately in blocks so machine noise hits both alike.
    $null = Get-KasmImage
    $null = Invoke-RestMethod -Uri $uri -Method Post -Body $body -ContentType 'application/json' -SkipCertificateCheck
    $module = [Diagnostics.Stopwatch]::new()
    $plain = [Diagnostics.Stopwatch]::new()
    $block = 50
    for ($done = 0; $done -lt $Calls; $done += $block) {
        $module.Start(); for ($i = 0; $i -lt $block; $i++) { $null = Get-KasmImage }; $module.Stop()
        $plain.Start(); for ($i = 0; $i -lt $block; $i++) { $null = (Invoke-RestMethod -Uri $uri -Method Post -Body $body -ContentType 'application/json' -SkipCertificateCheck).images }; $plain.Stop()
    }
    $moduleRate = $Calls / $module.Elapsed.TotalSeconds
    $plainRate = $Calls / $plain.Elapsed.TotalSeconds
    $ratio = $moduleRate / $plainRate
    '{0,-40} {1,10:N0} calls/s' -f 'Get-KasmImage (module)', $moduleRate
    '{0,-40} {1,10:N0} calls/s' -f 'Invoke-RestMethod get_images', $plainRate
    'ratio module / Invoke-RestMethod: {0:N2} (target >= {1:N2})' -f $ratio, $MinimumRatio
    if ($ratio -lt $MinimumRatio) { Write-Error "Get-KasmImage is slower than the target ratio." ; exit 1 }
}
finally {
    Stop-KasmEmulator $emulator
}
