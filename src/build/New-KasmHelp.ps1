<#
.SYNOPSIS
    Writes en-US/Kasm.dll-Help.xml (MAML) for the built module, from PowerShell's own view of each cmdlet
    (parameter sets, positions, pipeline binding) and the C# XML doc comments (synopsis, description, examples,
    parameter descriptions). Fails when a cmdlet or parameter has no text.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocFile,
    # Where to write the Markdown reference the online links point at (docs/cmdlets.md); none when empty.
    [string] $ReferenceFile,
    # The web address of that reference, when it is published somewhere; Get-Help -Online opens it. Empty: the project
    # has no web site, so no online link is written (a relative path is one Get-Help -Online cannot open).
    [string] $OnlineBase = ''
)
if ($OnlineBase -and -not ([uri]::IsWellFormedUriString($OnlineBase, 'Absolute') -and $OnlineBase -match '^https?://')) {
    throw "-OnlineBase must be an absolute http(s) address, not '$OnlineBase'."
}
Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

Import-Module (Join-Path $ModulePath 'Kasm.psd1') -Force
[xml] $doc = Get-Content $DocFile -Raw
$members = @{}
foreach ($m in $doc.doc.members.member) { $members[$m.name] = $m }

function Get-TypeName([type] $Type, [switch] $Full) {
    # Nullable<Guid> reads as Guid, as PowerShell's own help shows it.
    $inner = [Nullable]::GetUnderlyingType($Type)
    if ($inner) { $Type = $inner }
    if ($Full) { $Type.FullName } else { $Type.Name }
}

function Get-CodeText($node) {
    # Code keeps its lines (an example may be several lines, the first a '# not run:' comment), without indentation.
    $text = if ($null -eq $node) { '' } elseif ($node -is [string]) { $node } else { $node.InnerText }
    $lines = @($text -split '\r?\n' | ForEach-Object { $_.Trim() } | Where-Object { $_ })
    $lines -join "`n"
}

# The online link of a cmdlet: its section of the reference written from the same metadata (docs/cmdlets.md), at
# -OnlineBase when the reference is published; empty (no online link) until then.
function Get-OnlineUri([string] $Name) { if ($OnlineBase) { "$OnlineBase#$($Name.ToLowerInvariant())" } else { '' } }

function Get-Text($node) {
    # The XML adapter gives a plain string for an element that holds only text.
    $text = if ($null -eq $node) { '' } elseif ($node -is [string]) { $node } else { $node.InnerText }
    ($text -replace '\s+', ' ').Trim()
}

$common = [System.Management.Automation.Cmdlet]::CommonParameters + [System.Management.Automation.Cmdlet]::OptionalCommonParameters
$problems = [System.Collections.Generic.List[string]]::new()
$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$target = Join-Path $ModulePath 'en-US/Kasm.dll-Help.xml'
$w = [System.Xml.XmlWriter]::Create($target, $settings)
$maml = 'http://schemas.microsoft.com/maml/2004/10'
$command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
$dev = 'http://schemas.microsoft.com/maml/dev/2004/10'

$reference = [System.Collections.Generic.List[string]]::new()
$reference.Add('# Cmdlet reference')
$reference.Add('')
$reference.Add('Written by `src/build/New-KasmHelp.ps1` on every build from the same metadata and doc comments as the')
$reference.Add('module''s help (`Get-Help <cmdlet> -Full`, which has the parameters and examples); do not edit by hand.')
$reference.Add('Each cmdlet''s help names its section here among its related links.')
$reference.Add('')
$w.WriteStartDocument()
$w.WriteStartElement('helpItems', 'http://msh')
$w.WriteAttributeString('schema', 'maml')
foreach ($cmd in Get-Command -Module Kasm -CommandType Cmdlet | Sort-Object Name) {
    $type = $cmd.ImplementingType
    $typeDoc = $members["T:$($type.FullName)"]
    $synopsis = if ($typeDoc) { Get-Text ($typeDoc.summary.para | Where-Object type -eq 'synopsis') } else { '' }
    $description = if ($typeDoc) { Get-Text ($typeDoc.summary.para | Where-Object type -eq 'description') } else { '' }
    $examples = if ($typeDoc) { @($typeDoc.summary.example) } else { @() }
    if (-not $synopsis) { $problems.Add("$($cmd.Name): no synopsis") }
    if (-not $description) { $problems.Add("$($cmd.Name): no description") }
    if ($examples.Count -eq 0) { $problems.Add("$($cmd.Name): no example") }

    $w.WriteStartElement('command', 'command', $command)
    $w.WriteAttributeString('xmlns', 'maml', $null, $maml)
    $w.WriteAttributeString('xmlns', 'dev', $null, $dev)
    $w.WriteStartElement('command', 'details', $command)
    $w.WriteElementString('command', 'name', $command, $cmd.Name)
    $w.WriteElementString('command', 'verb', $command, $cmd.Verb)
    $w.WriteElementString('command', 'noun', $command, $cmd.Noun)
    $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, $synopsis); $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, $description); $w.WriteEndElement()

    # Hidden parameters (DontShow, such as the pipeline-only -InputObject) stay out of the help, as out of Tab.
    $hidden = @($cmd.Parameters.Values | Where-Object { $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and $_.DontShow } } | ForEach-Object Name)
    $skip = @($common) + $hidden
    $paramDoc = @{}
    foreach ($p in $cmd.Parameters.Values) {
        if ($p.Name -in $skip) { continue }
        $declaring = $type.GetProperty($p.Name).DeclaringType
        $text = Get-Text $members["P:$($declaring.FullName).$($p.Name)"].summary
        if (-not $text) { $problems.Add("$($cmd.Name) -$($p.Name): no description") }
        $paramDoc[$p.Name] = $text
    }

    # Common parameters the help lists itself (Get-Help adds [<CommonParameters>] on its own): -WhatIf and -Confirm
    # where the cmdlet supports ShouldProcess, as Get-Command shows them.
    $risk = @('WhatIf', 'Confirm') | Where-Object { $cmd.Parameters.ContainsKey($_) }
    $riskText = @{
        WhatIf  = 'Shows what would happen if the cmdlet runs. The cmdlet is not run and nothing is sent that changes the server.'
        Confirm = 'Prompts you for confirmation before running the cmdlet.'
    }
    $visible = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $skip -or $_.Name -in $risk })
    foreach ($r in $risk) { $paramDoc[$r] = $riskText[$r] }

    # The declared defaults: a fresh instance's property values (a value type's zero and a switch's $false say nothing).
    $instance = [Activator]::CreateInstance($type)
    $defaults = @{}
    foreach ($p in $visible) {
        $prop = $type.GetProperty($p.Name)
        if (-not $prop) { continue }
        $value = $prop.GetValue($instance)
        if ($null -eq $value -or $value -is [System.Management.Automation.SwitchParameter]) { continue }
        $vt = $prop.PropertyType
        if ($vt.IsValueType -and -not $vt.IsEnum -and $value.Equals([Activator]::CreateInstance($vt))) { continue }
        $defaults[$p.Name] = [string]$value
    }
    # Else the default the text names: "Default: $env:KASM_SERVER." or "(default 300)".
    foreach ($p in $visible) {
        if ($defaults.ContainsKey($p.Name)) { continue }
        $text = [string]$paramDoc[$p.Name]
        if ($text -match '(?:^|\. )Default: (.+?)\.?$') { $defaults[$p.Name] = $Matches[1] }
        elseif ($text -match '\(default:? ([^);]+)\)') { $defaults[$p.Name] = $Matches[1] }
    }

    function Write-ParameterValue($p) {
        # A switch takes no value: no <SwitchParameter> after its name.
        if ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { return }
        $w.WriteStartElement('command', 'parameterValue', $command)
        $w.WriteAttributeString('required', 'true')
        $w.WriteString((Get-TypeName $p.ParameterType))
        $w.WriteEndElement()
    }
    function Get-PipelineText([bool] $ByValue, [bool] $ByName) {
        if ($ByValue -and $ByName) { 'True (ByValue, ByPropertyName)' } elseif ($ByValue) { 'True (ByValue)' } elseif ($ByName) { 'True (ByPropertyName)' } else { 'False' }
    }

    # One syntax item per parameter set, in Get-Command's order, parameters in Get-Command -Syntax's order:
    # positional by position, then the mandatory named ones, then the optional ones (each as declared), then -WhatIf and -Confirm.
    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        $own = @($set.Parameters | Where-Object Name -notin $skip)
        $named = @($own | Where-Object Position -lt 0)
        $ordered = @($own | Where-Object Position -ge 0 | Sort-Object Position) + @($named | Where-Object IsMandatory) + @($named | Where-Object { -not $_.IsMandatory }) +
            @($set.Parameters | Where-Object Name -in $risk)
        foreach ($p in $ordered) {
            $w.WriteStartElement('command', 'parameter', $command)
            $w.WriteAttributeString('required', $p.IsMandatory.ToString().ToLowerInvariant())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { [string]($p.Position + 1) } else { 'named' }))
            $w.WriteAttributeString('pipelineInput', (Get-PipelineText $p.ValueFromPipeline $p.ValueFromPipelineByPropertyName))
            $w.WriteElementString('maml', 'name', $maml, $p.Name)
            Write-ParameterValue $p
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $visible | Sort-Object Name) {
        $attrs = @($p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
        $positions = @($attrs | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position + 1 } | Sort-Object -Unique)
        # Required, per parameter set: "true" or "false" when every set agrees, else "true (SetA), false (SetB)".
        $sets = @($cmd.ParameterSets | ForEach-Object { $s = $_; $s.Parameters | Where-Object Name -eq $p.Name | ForEach-Object { [pscustomobject]@{ Set = $s.Name; Mandatory = $_.IsMandatory } } })
        $mandatory = @($sets | Where-Object Mandatory | ForEach-Object Set)
        $optional = @($sets | Where-Object { -not $_.Mandatory } | ForEach-Object Set)
        $required = if ($optional.Count -eq 0) { 'true' } elseif ($mandatory.Count -eq 0) { 'false' } else { "true ($($mandatory -join ', ')), false ($($optional -join ', '))" }
        $w.WriteStartElement('command', 'parameter', $command)
        $w.WriteAttributeString('required', $required)
        $w.WriteAttributeString('position', $(if ($positions.Count) { [string]$positions[0] } else { 'named' }))
        $w.WriteAttributeString('pipelineInput', (Get-PipelineText ([bool]($attrs | Where-Object ValueFromPipeline)) ([bool]($attrs | Where-Object ValueFromPipelineByPropertyName))))
        $w.WriteAttributeString('globbing', ([bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToString().ToLowerInvariant())
        $w.WriteElementString('maml', 'name', $maml, $p.Name)
        $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, $paramDoc[$p.Name]); $w.WriteEndElement()
        Write-ParameterValue $p
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, (Get-TypeName $p.ParameterType -Full)); $w.WriteEndElement()
        if ($defaults.ContainsKey($p.Name)) { $w.WriteElementString('dev', 'defaultValue', $dev, $defaults[$p.Name]) }
        elseif ($p.ParameterType -eq [System.Management.Automation.SwitchParameter]) { $w.WriteElementString('dev', 'defaultValue', $dev, 'False') }
        else { $w.WriteElementString('dev', 'defaultValue', $dev, 'None') }
        if ($p.Aliases.Count) { $w.WriteElementString('dev', 'aliases', $dev, ($p.Aliases -join ', ')) }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # Inputs: the types of the parameters that bind from the pipeline (by value, or by property name from any object).
    $w.WriteStartElement('command', 'inputTypes', $command)
    $pipelineParams = @($cmd.Parameters.Values | Where-Object { $_.Name -notin $skip } | Where-Object {
        $_.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] -and ($_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName) } })
    foreach ($p in $pipelineParams | Sort-Object Name) {
        $w.WriteStartElement('command', 'inputType', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, (Get-TypeName $p.ParameterType -Full)); $w.WriteEndElement()
        $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, "-$($p.Name), from the pipeline"); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'returnValues', $command)
    foreach ($o in $cmd.OutputType) {
        $w.WriteStartElement('command', 'returnValue', $command)
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, $o.Name); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'examples', $command)
    $i = 0
    foreach ($ex in $examples) {
        $i++
        $w.WriteStartElement('command', 'example', $command)
        $w.WriteElementString('maml', 'title', $maml, "-------------------------- Example $i --------------------------")
        $w.WriteElementString('dev', 'code', $dev, (Get-CodeText $ex.code))
        $w.WriteStartElement('dev', 'remarks', $dev); $w.WriteElementString('maml', 'para', $maml, (Get-Text $ex.para)); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    # The online link (Get-Help -Online) when the reference is published; otherwise the reference is named as text.
    $w.WriteStartElement('command', 'relatedLinks', $command)
    $w.WriteStartElement('maml', 'navigationLink', $maml)
    $online = Get-OnlineUri $cmd.Name
    if ($online) {
        $w.WriteElementString('maml', 'linkText', $maml, 'Online Version:')
        $w.WriteElementString('maml', 'uri', $maml, $online)
    }
    else {
        $w.WriteElementString('maml', 'linkText', $maml, "docs/cmdlets.md#$($cmd.Name.ToLowerInvariant()) in the Kasm repository")
        $w.WriteElementString('maml', 'uri', $maml, '')
    }
    $w.WriteEndElement()
    $w.WriteStartElement('maml', 'navigationLink', $maml)
    $w.WriteElementString('maml', 'linkText', $maml, 'about_Kasm')
    $w.WriteElementString('maml', 'uri', $maml, '')
    $w.WriteEndElement()
    $w.WriteEndElement()
    $w.WriteEndElement()
    $reference.Add("## $($cmd.Name)")
    $reference.Add('')
    $reference.Add($synopsis)
    $reference.Add('')
    $reference.Add('```')
    foreach ($set in $cmd.ParameterSets) {
        $line = $set.ToString()
        foreach ($h in $hidden) { $line = $line -replace "\s\[-$h <[^>]+>\]", '' }
        $reference.Add("$($cmd.Name) $line")
    }
    $reference.Add('```')
    $reference.Add('')
    $reference.Add($description)
    $reference.Add('')
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()

if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
if ($ReferenceFile) {
    $text = ($reference -join "`n").TrimEnd() + "`n"
    $old = if (Test-Path $ReferenceFile) { [IO.File]::ReadAllText($ReferenceFile) } else { '' }
    if ($old -ne $text) { [IO.File]::WriteAllText($ReferenceFile, $text, [System.Text.UTF8Encoding]::new($false)) }
}
Write-Host "Wrote $target"
