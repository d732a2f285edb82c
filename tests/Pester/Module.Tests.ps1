#Requires -Version 5.1
# The laid-out module in out/Kasm: manifest, exports, version, help, output types, format views, re-import.

BeforeDiscovery {
    $modulePath = if ($env:KASM_MODULE_PATH) { $env:KASM_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/Kasm' }
    $cmdletCases = @((Import-PowerShellDataFile (Join-Path $modulePath 'Kasm.psd1')).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $psd1 = Get-KasmModuleManifestPath
    $moduleDir = Split-Path $psd1
    $manifest = Import-PowerShellDataFile $psd1
    $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)

    function Invoke-FreshPowerShell([string] $Command) {
        <# Runs a command in a new process of this same PowerShell; returns its stdout and stderr lines. #>
        $exe = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Command))
        & $exe @prefix -NoProfile -NonInteractive -EncodedCommand $encoded 2>&1 | ForEach-Object { "$_" }
    }
}

Describe 'The module manifest' {
    It 'passes Test-ModuleManifest' {
        $m = Test-ModuleManifest -Path $psd1 -ErrorAction Stop -WarningVariable w -WarningAction SilentlyContinue
        $m.Name | Should -BeExactly 'Kasm'
        @($w).Count | Should -Be 0
    }

    It 'has the locked GUID and the agreed host settings' {
        $manifest.GUID | Should -Be '13aba33f-721a-4bc9-ac4a-63a872460ace'
        $manifest.RootModule | Should -BeExactly 'Kasm.dll'
        $manifest.CompatiblePSEditions | Sort-Object | Should -Be @('Core', 'Desktop')
        $manifest.PowerShellVersion | Should -Be '5.1'
        $manifest.DotNetFrameworkVersion | Should -Be '4.7.2'
    }

    It 'declares <Key> as an empty array (not missing, not *)' -ForEach @(
        @{ Key = 'FunctionsToExport' }
        @{ Key = 'AliasesToExport' }
        @{ Key = 'VariablesToExport' }
    ) {
        $manifest.ContainsKey($Key) | Should -BeTrue
        $value = $manifest[$Key]
        ($value -is [array]) | Should -BeTrue -Because "$Key should be @(), not '$value'"
        $value.Count | Should -Be 0
    }

    It 'lists CmdletsToExport explicitly (no wildcard)' {
        $manifest.CmdletsToExport | Should -Not -BeNullOrEmpty
        ($manifest.CmdletsToExport -is [array]) | Should -BeTrue
        foreach ($c in $manifest.CmdletsToExport) { [System.Management.Automation.WildcardPattern]::ContainsWildcardCharacters($c) | Should -BeFalse }
    }

    It 'has ModuleVersion equal to Kasm.dll''s assembly and file version (Major.Minor.Build)' {
        $dll = Join-Path $moduleDir 'Kasm.dll'
        $assembly = [Reflection.AssemblyName]::GetAssemblyName($dll).Version
        $file = [version] (Get-Item $dll).VersionInfo.FileVersion
        $psd1Version = [version] $manifest.ModuleVersion
        '{0}.{1}.{2}' -f $assembly.Major, $assembly.Minor, $assembly.Build | Should -BeExactly $psd1Version.ToString(3)
        '{0}.{1}.{2}' -f $file.Major, $file.Minor, $file.Build | Should -BeExactly $psd1Version.ToString(3)
    }

    It 'lists format files that ship in the module folder, and no types file (each costs Import-Module time)' {
        @($manifest.FormatsToProcess).Count | Should -Be 1
        foreach ($f in @($manifest.FormatsToProcess)) { Join-Path $moduleDir $f | Should -Exist }
        $manifest.ContainsKey('TypesToProcess') | Should -BeFalse
        Join-Path $moduleDir 'Kasm.Types.ps1xml' | Should -Not -Exist
        Join-Path $moduleDir 'en-US/Kasm.dll-Help.xml' | Should -Exist
    }
}

Describe 'Importing the module' {
    It 'prints no warning or error when imported (in this process, after Remove-Module)' {
        Remove-Module Kasm -ErrorAction SilentlyContinue
        $records = Import-Module $psd1 -Global -WarningVariable w -ErrorVariable e -ErrorAction Stop 3>&1 2>&1
        @($records).Count | Should -Be 0
        @($w).Count | Should -Be 0
        @($e).Count | Should -Be 0
        Get-Module Kasm | Should -Not -BeNullOrEmpty
    }

    It 'prints nothing at all when imported in a fresh process' {
        $out = @(Invoke-FreshPowerShell "`$r = Import-Module '$psd1' -PassThru -ErrorAction Stop -WarningVariable w *>&1; 'records=' + @(`$r | Where-Object { `$_ -isnot [psmoduleinfo] }).Count; 'warnings=' + @(`$w).Count")
        $out | Should -Be @('records=0', 'warnings=0')
    }

    It 'lists exactly the cmdlets the module has: the manifest and the cmdlet classes in Kasm.dll agree' {
        $expected = @($manifest.CmdletsToExport | Sort-Object)
        $expected.Count | Should -BeGreaterThan 15
        $assembly = [Kasm.Client.KasmConnection].Assembly
        $classes = @($assembly.GetExportedTypes() | Where-Object { -not $_.IsAbstract -and [System.Management.Automation.Cmdlet].IsAssignableFrom($_) } |
            ForEach-Object { $a = $_.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]; "$($a.VerbName)-$($a.NounName)" } | Sort-Object)
        $classes | Should -Be $expected
    }

    It 'exports exactly CmdletsToExport, and no function, alias or variable' {
        $module = Get-Module Kasm
        @($module.ExportedCmdlets.Keys | Sort-Object) | Should -Be @($manifest.CmdletsToExport | Sort-Object)
        $module.ExportedFunctions.Count | Should -Be 0
        $module.ExportedAliases.Count | Should -Be 0
        $module.ExportedVariables.Count | Should -Be 0
        @(Get-Command -Module Kasm | Sort-Object Name).Name | Should -Be @($manifest.CmdletsToExport | Sort-Object)
    }

    It 'works again after Remove-Module then Import-Module' {
        Remove-Module Kasm -ErrorAction Stop
        Get-Module Kasm | Should -BeNullOrEmpty
        Get-Command Get-KasmImage -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Import-Module $psd1 -Global -ErrorAction Stop
        Get-Command Get-KasmImage -ErrorAction Stop | Should -Not -BeNullOrEmpty
        Get-FormatData -TypeName 'Kasm.Models.KasmImage' | Should -Not -BeNullOrEmpty
        Disconnect-AllKasm
        { Get-KasmImage -ErrorAction Stop } | Should -Throw -ErrorId 'KasmNotConnected,*'
    }
}

Describe 'Cmdlet <Name>' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name -ErrorAction Stop
        $help = Get-Help $Name -Full
    }

    It 'uses an approved verb' {
        (Get-Verb).Verb | Should -Contain $command.Verb
        $command.Noun | Should -BeLike 'Kasm*'
    }

    It 'has a synopsis' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        # Without MAML, Get-Help makes the synopsis from the syntax.
        $help.Synopsis.Trim() | Should -Not -Match "^$Name(\s|$)"
    }

    It 'has a description' {
        ($help.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least one example with code and remarks' {
        $examples = @($help.examples.example)
        $examples.Count | Should -BeGreaterOrEqual 1
        foreach ($x in $examples) {
            $x.code | Should -Not -BeNullOrEmpty
            ($x.remarks.Text -join '').Trim() | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every non-common parameter, and leaves the hidden ones out' {
        $hidden = @($command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow } } | ForEach-Object Name)
        foreach ($h in $hidden) { Get-Help $Name -Parameter $h -ErrorAction SilentlyContinue | Should -BeNullOrEmpty -Because "-$h is hidden" }
        $params = @($command.Parameters.Keys | Where-Object { $_ -notin $common -and $_ -notin $hidden })
        foreach ($p in $params) {
            $ph = Get-Help $Name -Parameter $p -ErrorAction SilentlyContinue
            $ph | Should -Not -BeNullOrEmpty -Because "-$p should be in the help"
            ($ph.description.Text -join '').Trim() | Should -Not -BeNullOrEmpty -Because "-$p should be described"
        }
    }

    It 'declares [OutputType]' {
        @($command.OutputType).Count | Should -BeGreaterOrEqual 1
    }

    It 'has a format view for every Kasm type it outputs' {
        $types = @($command.OutputType | ForEach-Object { $_.Type } | Where-Object { $_ -and $_.FullName -like 'Kasm.*' })
        foreach ($t in $types) {
            Get-FormatData -TypeName $t.FullName | Should -Not -BeNullOrEmpty -Because "$($t.FullName) is output by $Name"
        }
    }
}

Describe 'Format and type files' {
    It 'every view selects a type the module really has' {
        [xml] $format = Get-Content (Join-Path $moduleDir 'Kasm.Format.ps1xml') -Raw
        $assembly = [Kasm.Models.KasmImage].Assembly
        $names = @($format.Configuration.ViewDefinitions.View.ViewSelectedBy.TypeName)
        $names.Count | Should -BeGreaterThan 0
        foreach ($n in $names) { $assembly.GetType($n) | Should -Not -BeNullOrEmpty -Because "the view for $n needs the type" }
    }

    It 'a session answers to SessionId as well as KasmId (the alias a types file used to add)' {
        $session = [Kasm.Models.KasmSession]::new()
        $session.KasmId = [guid] '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0'
        $session.SessionId | Should -Be ([guid] '0f1e2d3c-4b5a-4968-8776-a5b4c3d2e1f0')
        ($session | Get-Member -Name SessionId).MemberType | Should -Be 'Property'
    }
}
