#Requires -Version 5.1
# The generated help (en-US/Kasm.dll-Help.xml) against Get-Command, for every exported cmdlet: the syntax per parameter
# set, switches without a value, -WhatIf/-Confirm, positions, "Required?" per set, defaults, pipeline input, aliases
# and the online link. The cmdlets are enumerated from the manifest, so a cmdlet added later is covered by itself.

BeforeDiscovery {
    $modulePath = if ($env:KASM_MODULE_PATH) { $env:KASM_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/Kasm' }
    $cmdletCases = @((Import-PowerShellDataFile (Join-Path $modulePath 'Kasm.psd1')).CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $common = @([System.Management.Automation.PSCmdlet]::CommonParameters) + @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters)

    function Get-Hidden($Command) {
        @($Command.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [Parameter] -and $_.DontShow } } | ForEach-Object Name)
    }
    function ConvertTo-Comparable([string] $Syntax) {
        # Type names differ in spelling only (Get-Command: <int>, <guid>; help: <Int32>, <Guid>): compared separately.
        ((($Syntax -replace '<CommonParameters>', 'COMMON') -replace '<[^>]+>', '<T>') -replace '\s+', ' ').Trim().ToLowerInvariant()
    }
    function Get-HelpSyntaxLine($Item) {
        # Renders one syntax item in PowerShell's bracket convention from the help object's own fields.
        $parts = foreach ($p in @($Item.parameter)) {
            $name = if ($p.position -ne 'named') { "[-$($p.name)]" } else { "-$($p.name)" }
            $value = if ($p.PSObject.Properties['parameterValue'] -and $p.parameterValue) { " <$($p.parameterValue)>" } else { '' }
            if ($p.required -eq 'true') { "$name$value" } else { "[$name$value]" }
        }
        "$($Item.name) $($parts -join ' ') [<CommonParameters>]"
    }
    function Get-TypeText([type] $Type) {
        $inner = [Nullable]::GetUnderlyingType($Type)
        if ($inner) { $inner } else { $Type }
    }
}

Describe 'Help of <Name> matches Get-Command' -ForEach $cmdletCases {
    BeforeAll {
        $command = Get-Command $Name -ErrorAction Stop
        $help = Get-Help $Name -Full
        $hidden = Get-Hidden $command
        $risk = @('WhatIf', 'Confirm' | Where-Object { $command.Parameters.ContainsKey($_) })
        $visible = @($command.Parameters.Values | Where-Object { ($_.Name -notin $common -and $_.Name -notin $hidden) -or $_.Name -in $risk })
        $instance = [Activator]::CreateInstance($command.ImplementingType)
    }

    It 'has one syntax item per parameter set, each the same as Get-Command -Syntax shows it (hidden parameters aside)' {
        $items = @($help.syntax.syntaxItem)
        $items.Count | Should -Be @($command.ParameterSets).Count
        for ($i = 0; $i -lt $items.Count; $i++) {
            $expected = "$Name $($command.ParameterSets[$i].ToString())"
            foreach ($h in $hidden) { $expected = $expected -replace "\s\[-$h <[^>]+>\]", '' }
            ConvertTo-Comparable (Get-HelpSyntaxLine $items[$i]) | Should -Be (ConvertTo-Comparable $expected) -Because "set $($command.ParameterSets[$i].Name)"
        }
    }

    It 'gives each syntax parameter the type, position, required flag and pipeline input of its parameter set' {
        $items = @($help.syntax.syntaxItem)
        for ($i = 0; $i -lt $items.Count; $i++) {
            $set = $command.ParameterSets[$i]
            foreach ($hp in @($items[$i].parameter)) {
                $cp = $set.Parameters | Where-Object Name -EQ $hp.name
                $cp | Should -Not -BeNullOrEmpty -Because "-$($hp.name) is in the help's syntax for set $($set.Name)"
                $hp.required | Should -Be $cp.IsMandatory.ToString().ToLowerInvariant() -Because "-$($hp.name) in set $($set.Name)"
                $hp.position | Should -Be $(if ($cp.Position -ge 0) { [string]($cp.Position + 1) } else { 'named' }) -Because "-$($hp.name) in set $($set.Name)"
                ($hp.pipelineInput -ne 'False') | Should -Be ($cp.ValueFromPipeline -or $cp.ValueFromPipelineByPropertyName) -Because "-$($hp.name) in set $($set.Name)"
                if ($cp.ParameterType -eq [switch]) {
                    ($hp.PSObject.Properties['parameterValue'] -and $hp.parameterValue) | Should -BeFalse -Because "-$($hp.name) is a switch"
                }
                else {
                    $hp.parameterValue | Should -Be (Get-TypeText $cp.ParameterType).Name -Because "-$($hp.name)'s type"
                }
            }
        }
    }

    It 'shows no <SwitchParameter> value and lists -WhatIf and -Confirm when the cmdlet supports them' {
        $text = Get-Help $Name -Full | Out-String -Width 4096
        $text | Should -Not -Match '<SwitchParameter>'
        foreach ($r in $risk) {
            $text | Should -Match "\[-$r\]"
            Get-Help $Name -Parameter $r | Should -Not -BeNullOrEmpty
        }
    }

    It 'describes every visible parameter with Get-Command''s type, position, aliases, pipeline input and "Required?" per set' {
        foreach ($p in $visible) {
            $ph = Get-Help $Name -Parameter $p.Name
            $ph.type.name | Should -Be (Get-TypeText $p.ParameterType).FullName -Because "-$($p.Name)'s type"
            $attrs = @($p.Attributes | Where-Object { $_ -is [Parameter] })
            $positions = @($attrs | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position + 1 } | Sort-Object -Unique)
            $ph.position | Should -Be $(if ($positions) { [string]$positions[0] } else { 'named' }) -Because "-$($p.Name)'s position"
            (@($p.Aliases) -join ', ') | Should -Be ([string]$(if ($ph.PSObject.Properties['aliases']) { $ph.aliases } else { '' })).Replace('None', '') -Because "-$($p.Name)'s aliases"
            $byValue = [bool]($attrs | Where-Object ValueFromPipeline); $byName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
            if ($byValue) { $ph.pipelineInput | Should -Match 'ByValue' -Because "-$($p.Name) binds by value" }
            if ($byName) { $ph.pipelineInput | Should -Match 'ByPropertyName' -Because "-$($p.Name) binds by property name" }
            if (-not ($byValue -or $byName)) { $ph.pipelineInput | Should -Be 'False' }

            $in = @($command.ParameterSets | Where-Object { $_.Parameters.Name -contains $p.Name })
            $mandatory = @($in | Where-Object { ($_.Parameters | Where-Object Name -EQ $p.Name).IsMandatory } | ForEach-Object Name)
            $optional = @($in | Where-Object { -not ($_.Parameters | Where-Object Name -EQ $p.Name).IsMandatory } | ForEach-Object Name)
            if ($optional.Count -eq 0) { $ph.required | Should -Be 'true' -Because "-$($p.Name) is mandatory in every set" }
            elseif ($mandatory.Count -eq 0) { $ph.required | Should -Be 'false' -Because "-$($p.Name) is optional in every set" }
            else {
                foreach ($s in $mandatory) { $ph.required | Should -Match "true \([^)]*\b$s\b" -Because "-$($p.Name) is mandatory in $s" }
                foreach ($s in $optional) { $ph.required | Should -Match "false \([^)]*\b$s\b" -Because "-$($p.Name) is optional in $s" }
            }
        }
    }

    It 'shows the declared default value, or the one the text names' {
        foreach ($p in $visible) {
            $ph = Get-Help $Name -Parameter $p.Name
            $prop = $command.ImplementingType.GetProperty($p.Name)
            $value = if ($prop) { $prop.GetValue($instance) } else { $null }
            $declared = $null -ne $value -and $value -isnot [switch] -and -not ($value.GetType().IsValueType -and -not $value.GetType().IsEnum -and $value.Equals([Activator]::CreateInstance($value.GetType())))
            $text = ($ph.description.Text -join ' ')
            if ($declared) { $ph.defaultValue | Should -Be ([string]$value) -Because "-$($p.Name) is declared as $value" }
            elseif ($text -match '\bdefault\b') { $ph.defaultValue | Should -Not -BeIn @('', 'None') -Because "the text of -$($p.Name) names a default: $text" }
            elseif ($p.ParameterType -eq [switch]) { $ph.defaultValue | Should -Be 'False' }
        }
    }

    It 'names its section of docs/cmdlets.md, and has no link that Get-Help -Online cannot open' {
        # The project publishes no web site: the reference is named as text, and every link address is absolute or empty.
        $links = @($help.relatedLinks.navigationLink)
        $links[0].linkText | Should -Be "docs/cmdlets.md#$($Name.ToLowerInvariant()) in the Kasm repository"
        foreach ($l in $links) {
            $uri = [string] $l.uri
            if ($uri) { [uri]::IsWellFormedUriString($uri, 'Absolute') | Should -BeTrue -Because "'$uri' must be an address Get-Help -Online can open" }
        }
        $reference = Get-Content (Join-Path $repoRoot 'docs/cmdlets.md') -Raw
        $reference | Should -Match "(?m)^## $([regex]::Escape($Name))\r?$"
    }
}

Describe 'about_Kasm' {
    BeforeAll {
        $text = (Get-Help about_Kasm | Out-String -Width 200)
        $file = Join-Path (Split-Path (Get-KasmModuleManifestPath)) 'en-US/about_Kasm.help.txt'
    }

    It 'has the sections a new user needs' {
        foreach ($section in 'CONNECTING', 'CREDENTIALS AND SECRETS', 'SAVED CONNECTIONS', 'TLS', 'ERRORS', 'PIPELINES AND BULK WORK', 'RUNBOOKS', "THE API'S QUIRKS") {
            $text | Should -Match "(?m)^\s*$([regex]::Escape($section))\s*$" -Because "about_Kasm should have a $section section"
        }
    }

    It 'explains every ErrorId the module has, in its ERRORS section' {
        $errors = [regex]::Match($text, '(?ms)^\s*ERRORS\s*$(.*?)^\s*PIPELINES AND BULK WORK\s*$').Groups[1].Value
        $ids = [Kasm.Client.KasmErrorId].GetFields() | Where-Object { $_.IsLiteral } | ForEach-Object { $_.GetValue($null) }
        @($ids).Count | Should -BeGreaterThan 10
        foreach ($id in $ids) { $errors | Should -Match "(?m)^\s{4}(Kasm\w+ and )?$id\b" -Because "$id should have its own entry" }
    }

    It 'says how 401 and 403 differ between Kasm 1.15 and 1.19' {
        $text | Should -Match 'on 1.15 a wrong secret is\s+KasmForbidden while a missing\s+permission is KasmUnauthorized, and on 1.19 both are KasmForbidden'
    }

    It 'keeps every line within 80 columns' {
        Get-Content $file | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
    }
}
