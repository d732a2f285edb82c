#Requires -Version 5.1
# The package build.ps1 -Task Package makes (New-KasmPackage in src/build/BuildHelpers.ps1, on the built module):
# its gallery metadata, and an install with Install-PSResource from a local folder repository into a temporary home,
# then Import-Module Kasm by name, in a fresh PowerShell that sees nothing of this machine's user modules.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $moduleFolder = Split-Path (Get-KasmModuleManifestPath)
    $manifest = Import-PowerShellDataFile (Get-KasmModuleManifestPath)
    $work = Join-Path ([IO.Path]::GetTempPath()) ('kasm-package-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $repository = Join-Path $work 'repository'
    $null = New-Item -ItemType Directory -Path $repository -Force
    $nupkg = New-KasmPackage -ModuleFolder $moduleFolder -Destination $repository

    Add-Type -AssemblyName System.IO.Compression.FileSystem
    $zip = [System.IO.Compression.ZipFile]::OpenRead($nupkg)
    try {
        $entries = @($zip.Entries | ForEach-Object FullName)
        $reader = [IO.StreamReader]::new(($zip.Entries | Where-Object FullName -EQ 'Kasm.nuspec').Open())
        [xml] $nuspec = $reader.ReadToEnd()
        $reader.Dispose()
    }
    finally { $zip.Dispose() }

    function Invoke-IsolatedPowerShell([string] $Command, [string] $HomeFolder) {
        <# A fresh PowerShell whose home (user modules, PSResourceGet's repository list) is a temporary folder. #>
        $exe = [Environment]::ProcessPath
        $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in '-NoProfile', '-NonInteractive', '-EncodedCommand', [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        # .NET gives an empty special folder for one that does not exist (and PSResourceGet would then write its
        # repository list into the current folder), so the temporary home gets them first.
        foreach ($f in '.local/share', '.config', '.cache', 'AppData/Local') { $null = New-Item -ItemType Directory -Path (Join-Path $HomeFolder $f) -Force }
        $psi.WorkingDirectory = $HomeFolder
        $psi.Environment['HOME'] = $HomeFolder
        $psi.Environment['XDG_DATA_HOME'] = Join-Path $HomeFolder '.local/share'
        $psi.Environment['XDG_CONFIG_HOME'] = Join-Path $HomeFolder '.config'
        $psi.Environment['XDG_CACHE_HOME'] = Join-Path $HomeFolder '.cache'
        $psi.Environment['LOCALAPPDATA'] = Join-Path $HomeFolder 'AppData/Local'
        $psi.Environment['USERPROFILE'] = $HomeFolder
        $psi.Environment['NO_COLOR'] = '1'
        $null = $psi.Environment.Remove('PSModulePath')
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Out = $stdout; Err = $stderr.Result }
    }
}

AfterAll {
    if ($work -and (Test-Path $work)) { Remove-Item $work -Recurse -Force -ErrorAction SilentlyContinue }
}

Describe 'The .nupkg' {
    It 'is named and versioned from the manifest''s ModuleVersion, its one source' {
        Split-Path $nupkg -Leaf | Should -BeExactly "Kasm.$($manifest.ModuleVersion).nupkg"
        $nuspec.package.metadata.id | Should -BeExactly 'Kasm'
        $nuspec.package.metadata.version | Should -BeExactly $manifest.ModuleVersion
    }

    It 'carries the gallery metadata: both PowerShell editions, licence, release notes, description' {
        $tags = $nuspec.package.metadata.tags -split '\s+'
        $tags | Should -Contain 'PSEdition_Desktop'
        $tags | Should -Contain 'PSEdition_Core'
        $tags | Should -Contain 'PSModule'
        $nuspec.package.metadata.licenseUrl | Should -BeExactly $manifest.PrivateData.PSData.LicenseUri
        $nuspec.package.metadata.releaseNotes | Should -BeExactly $manifest.PrivateData.PSData.ReleaseNotes
        $nuspec.package.metadata.description | Should -BeExactly $manifest.Description
        $entries | Should -Contain 'LICENSE'
    }

    It 'holds exactly the module folder''s files' {
        $files = @(Get-ChildItem $moduleFolder -Recurse -File | ForEach-Object { $_.FullName.Substring($moduleFolder.Length + 1).Replace('\', '/') } | Sort-Object)
        $packed = @($entries | Where-Object { $_ -ne 'Kasm.nuspec' -and $_ -notlike '_rels/*' -and $_ -notlike 'package/*' -and $_ -ne '[Content_Types].xml' } | Sort-Object)
        $packed | Should -Be $files
    }
}

Describe 'Install-PSResource from a local folder repository' {
    It 'installs the package into a temporary home, and Import-Module Kasm by name loads it from there' {
        $homeFolder = Join-Path $work 'home'
        $null = New-Item -ItemType Directory -Path $homeFolder -Force
        $command = @"
`$ErrorActionPreference = 'Stop'
if (Get-Module Kasm -ListAvailable) { throw 'Kasm is already installed where this PowerShell looks.' }
Register-PSResourceRepository -Name KasmLocal -Uri '$repository' -Trusted
Install-PSResource -Name Kasm -Repository KasmLocal -Scope CurrentUser -TrustRepository -Quiet
Import-Module Kasm
`$m = Get-Module Kasm
[pscustomobject]@{ ModuleBase = `$m.ModuleBase; Version = `$m.Version.ToString(); Cmdlets = @(Get-Command -Module Kasm).Count } | ConvertTo-Json -Compress
"@
        $r = Invoke-IsolatedPowerShell -Command $command -HomeFolder $homeFolder
        $r.ExitCode | Should -Be 0 -Because "$($r.Out)`n$($r.Err)"
        $info = ($r.Out -split '\r?\n' | Where-Object { $_ -like '{*' } | Select-Object -Last 1) | ConvertFrom-Json
        $info.ModuleBase | Should -BeLike "$homeFolder*"
        Join-Path $homeFolder '.local/share/PSResourceGet/PSResourceRepository.xml' | Should -Exist -Because 'the repository is registered in the temporary home only'
        $info.Version | Should -BeExactly $manifest.ModuleVersion
        $info.Cmdlets | Should -Be @($manifest.CmdletsToExport).Count
    }
}
