<#
.SYNOPSIS
    Writes en-US/Kasm.dll-Help.xml (MAML) for the built module, from PowerShell's own view of each cmdlet
    (parameter sets, positions, pipeline binding) and the C# XML doc comments (synopsis, description, examples,
    parameter descriptions). Fails when a cmdlet or parameter has no text.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $DocFile
)
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

    $w.WriteStartElement('command', 'syntax', $command)
    foreach ($set in $cmd.ParameterSets) {
        $w.WriteStartElement('command', 'syntaxItem', $command)
        $w.WriteElementString('maml', 'name', $maml, $cmd.Name)
        foreach ($p in $set.Parameters | Where-Object Name -notin $skip) {
            $pipeline = if ($p.ValueFromPipeline -and $p.ValueFromPipelineByPropertyName) { 'True (ByValue, ByPropertyName)' }
                elseif ($p.ValueFromPipeline) { 'True (ByValue)' } elseif ($p.ValueFromPipelineByPropertyName) { 'True (ByPropertyName)' } else { 'False' }
            $w.WriteStartElement('command', 'parameter', $command)
            $w.WriteAttributeString('required', $p.IsMandatory.ToString().ToLowerInvariant())
            $w.WriteAttributeString('position', $(if ($p.Position -ge 0) { [string]($p.Position + 1) } else { 'named' }))
            $w.WriteAttributeString('pipelineInput', $pipeline)
            $w.WriteElementString('maml', 'name', $maml, $p.Name)
            $w.WriteStartElement('command', 'parameterValue', $command)
            $w.WriteAttributeString('required', ($p.ParameterType -ne [System.Management.Automation.SwitchParameter]).ToString().ToLowerInvariant())
            $w.WriteString((Get-TypeName $p.ParameterType))
            $w.WriteEndElement()
            $w.WriteEndElement()
        }
        $w.WriteEndElement()
    }
    $w.WriteEndElement()

    $w.WriteStartElement('command', 'parameters', $command)
    foreach ($p in $cmd.Parameters.Values | Where-Object Name -notin $skip | Sort-Object Name) {
        $attrs = $p.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] }
        $positions = @($attrs | Where-Object { $_.Position -ge 0 } | ForEach-Object { $_.Position + 1 } | Sort-Object -Unique)
        $byValue = [bool]($attrs | Where-Object ValueFromPipeline)
        $byName = [bool]($attrs | Where-Object ValueFromPipelineByPropertyName)
        $pipeline = if ($byValue -and $byName) { 'True (ByValue, ByPropertyName)' } elseif ($byValue) { 'True (ByValue)' } elseif ($byName) { 'True (ByPropertyName)' } else { 'False' }
        $w.WriteStartElement('command', 'parameter', $command)
        $w.WriteAttributeString('required', [string]([bool]($attrs | Where-Object Mandatory)).ToString().ToLowerInvariant())
        $w.WriteAttributeString('position', $(if ($positions.Count) { [string]$positions[0] } else { 'named' }))
        $w.WriteAttributeString('pipelineInput', $pipeline)
        $w.WriteAttributeString('globbing', ([bool]($p.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })).ToString().ToLowerInvariant())
        $w.WriteElementString('maml', 'name', $maml, $p.Name)
        $w.WriteStartElement('maml', 'description', $maml); $w.WriteElementString('maml', 'para', $maml, $paramDoc[$p.Name]); $w.WriteEndElement()
        $w.WriteStartElement('dev', 'type', $dev); $w.WriteElementString('maml', 'name', $maml, (Get-TypeName $p.ParameterType -Full)); $w.WriteEndElement()
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
        $w.WriteElementString('dev', 'code', $dev, (Get-Text $ex.code))
        $w.WriteStartElement('dev', 'remarks', $dev); $w.WriteElementString('maml', 'para', $maml, (Get-Text $ex.para)); $w.WriteEndElement()
        $w.WriteEndElement()
    }
    $w.WriteEndElement()
    $w.WriteEndElement()
}
$w.WriteEndElement()
$w.WriteEndDocument()
$w.Close()

if ($problems.Count) { throw "Help is incomplete:`n  $($problems -join "`n  ")" }
Write-Host "Wrote $target"
