#Requires -Version 5.1
# README.md's table of covered API methods is what the endpoint table gives (src/build/Update-ApiTable.ps1 -Check),
# and the endpoint table's cmdlet map names real cmdlets and parameters for every method.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $script:Root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $script:Script = Join-Path $Root 'src/build/Update-ApiTable.ps1'
    $script:ModulePath = Split-Path (Get-KasmModuleManifestPath)
    $assembly = [Kasm.Models.KasmObject].Assembly
    $flags = [System.Reflection.BindingFlags] 'Static, Public, NonPublic'
    $script:Endpoints = @($assembly.GetType('Kasm.Client.KasmEndpoints', $true).GetProperty('All', $flags).GetValue($null))
    $map = $assembly.GetType('Kasm.Client.KasmEndpointCmdlets', $true)
    $script:Of = $map.GetMethod('Of', $flags)
    $script:Mapped = @($map.GetProperty('Methods', $flags).GetValue($null))
}

Describe 'The README table of API methods' {
    It 'matches the endpoint table' {
        { & $Script -ModulePath $ModulePath -ReadmePath (Join-Path $Root 'README.md') -Check 6>$null } | Should -Not -Throw
    }

    It 'has one row per endpoint and says the rest are reachable through Invoke-KasmApi' {
        $readme = Get-Content (Join-Path $Root 'README.md') -Raw
        foreach ($e in $Endpoints) { $readme | Should -Match ([regex]::Escape("| ``$($e.Name)`` |")) }
        $readme | Should -Match "covers $($Endpoints.Count) API methods"
        $readme | Should -Match 'reachable through `Invoke-KasmApi`'
    }

    It 'the check fails when a row is missing or changed' {
        $copy = Join-Path ([IO.Path]::GetTempPath()) "readme-$([guid]::NewGuid().ToString('N')).md"
        try {
            $lines = Get-Content (Join-Path $Root 'README.md')
            $kept = @($lines | Where-Object { -not $_.StartsWith('| `keepalive` |') })
            $kept.Count | Should -Be ($lines.Count - 1)
            $kept | Set-Content $copy
            { & $Script -ModulePath $ModulePath -ReadmePath $copy -Check 6>$null } | Should -Throw '*keepalive*'
            $changed = @($lines | ForEach-Object { $_.Replace('| `get_groups` | /api/public/', '| `get_groups` | /api/admin/') })
            Compare-Object $lines $changed | Should -Not -BeNullOrEmpty
            $changed | Set-Content $copy
            { & $Script -ModulePath $ModulePath -ReadmePath $copy -Check 6>$null } | Should -Throw '*get_groups*'
        }
        finally { Remove-Item $copy -ErrorAction SilentlyContinue }
    }
}

Describe 'The cmdlet map of the endpoint table' {
    It 'names the cmdlets of every endpoint, and only endpoints' {
        foreach ($e in $Endpoints) { @($Of.Invoke($null, @([string] $e.Name))).Count | Should -BeGreaterThan 0 -Because "$($e.Name) is in the endpoint table" }
        @($Mapped | Sort-Object) | Should -Be @($Endpoints.Name | Sort-Object)
    }

    It 'names exported cmdlets and parameters they have' {
        foreach ($e in $Endpoints) {
            foreach ($entry in @($Of.Invoke($null, @([string] $e.Name)))) {
                $name, $parameter = $entry -split ' ', 2
                $command = Get-Command -Module Kasm -Name $name -ErrorAction SilentlyContinue
                $command | Should -Not -BeNullOrEmpty -Because "$($e.Name) names '$entry'"
                if ($parameter) { $command.Parameters.Keys | Should -Contain $parameter.TrimStart('-') -Because "$($e.Name) names '$entry'" }
            }
        }
    }

    It 'every exported cmdlet but the connection cmdlets and Invoke-KasmApi appears in it' {
        $named = foreach ($e in $Endpoints) { foreach ($entry in @($Of.Invoke($null, @([string] $e.Name)))) { ($entry -split ' ')[0] } }
        $expected = Get-Command -Module Kasm | Where-Object Name -notin 'Disconnect-Kasm', 'Get-KasmConnection', 'Save-KasmConnection', 'Invoke-KasmApi'
        foreach ($c in $expected) { $named | Should -Contain $c.Name }
    }
}
