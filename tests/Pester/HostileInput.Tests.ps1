#Requires -Version 5.1
# Hostile input to every exported cmdlet (enumerated with Get-Command, so a cmdlet added later is swept too): control
# characters (NUL included), unpaired surrogates, very long text, blank values where a value is required, odd objects
# through the pipeline, and server addresses that are not one. Each must end in a parameter error with a Kasm ErrorId
# (KasmInvalidArgument) or PowerShell's own binding/validation error, and send nothing: the emulator's request log
# proves it, next to a control call with a plain value that does send.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.19'
    $emu = $kasm.Emulator
    $key = Get-EmulatorKey $emu
    $secret = ConvertTo-TestSecureString $key.apiKeySecret
    $outFile = Join-Path ([System.IO.Path]::GetTempPath()) ("kasm-sweep-{0}.json" -f [guid]::NewGuid().ToString('N'))
    # A saved connection for Connect-Kasm -Name (its secret from the environment), in a file of this test's own.
    $savedFileVariable = $env:KASM_CONNECTIONS_FILE
    $env:KASM_CONNECTIONS_FILE = Join-Path $TestDrive 'connections.json'
    $env:KASM_SWEEP_SECRET = $key.apiKeySecret
    $null = Save-KasmConnection -Name sweep -SecretVariable KASM_SWEEP_SECRET -Force -ErrorAction Stop
    # Cmdlets that never send anything; their plain call is not expected to reach the server.
    $LocalOnly = 'Get-KasmConnection', 'Disconnect-Kasm', 'Save-KasmConnection'

    # A valid invocation per cmdlet (one per parameter set where the sets take different text); a parameter is swept
    # on the first baseline that names it, else on the first whose parameter set takes it.
    $sweepSession = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
    $OAuth = @{ ClientId = 'client-1'; AuthUrl = 'https://auth.example.com/o'; TokenUrl = 'https://auth.example.com/t'; RedirectUrl = 'https://kasm.example.com/cb' }
    $Baselines = @{
        'Connect-Kasm'            = @(@{ Server = [string] $emu.Url; ApiKey = $key.apiKey; ApiKeySecret = $secret; CertificateThumbprint = $emu.Thumbprint }, @{ Name = 'sweep' })
        'Disconnect-Kasm'         = @(@{})
        'Get-KasmConnection'      = @(@{})
        'Get-KasmGroup'           = @(@{ Name = 'All Users' })
        'Get-KasmImage'           = @(@{ Name = 'Chrome' })
        'Get-KasmSession'         = @(@{ UserName = 'user@kasm.local' })
        'Get-KasmStorageProvider' = @(@{ Name = 'x*' })
        'Get-KasmSystemInfo'      = @(@{})
        'Get-KasmZone'            = @(@{ Name = 'default' })
        'Get-KasmServer'          = @(@{ Name = 'kasm-agent-*' })
        'Get-KasmLicense'         = @(@{})
        'Get-KasmApiKey'          = @(@{ Name = 'demo' })
        'Get-KasmSetting'         = @(@{ Name = 'session_lifetime' })
        'Test-KasmApiKey'         = @(@{ Name = 'Get-KasmUser' })
        'Get-KasmUser'            = @(@{ UserName = 'user@kasm.local' })
        'Invoke-KasmApi'          = @(@{ Method = 'get_images'; OutFile = $outFile })
        'New-KasmSession'         = @(@{ ImageName = 'Chrome'; UserName = 'user@kasm.local'; StartUrl = 'https://example.com/' })
        'New-KasmStorageProvider' = @(
            @{ Name = 'Sweep'; Type = 'Nextcloud'; WebdavUrl = 'https://cloud.example.com/dav/'; DefaultTarget = '/home/kasm-user/Sweep' }
            (@{ Name = 'Sweep'; Type = 'GoogleDrive'; Scope = @('a'); RootDriveUrl = 'https://drive.example.com/'; ClientSecret = (ConvertTo-TestSecureString 'sweep-secret') } + $OAuth))
        'New-KasmUser'            = @(@{ UserName = 'sweep@kasm.local'; FirstName = 'F'; LastName = 'L'; Organization = 'O'; Phone = '1'; Notes = 'N' })
        'Remove-KasmSession'      = @(@{ UserName = 'nobody-has-sessions@kasm.local' })
        'Set-KasmImage'           = @(@{ ImageName = 'Chrome'; FriendlyName = 'Chrome'; Description = 'D'; DockerImage = 'kasmweb/chrome:1.19.0'; PersistentProfilePath = '/p' })
        'Save-KasmConnection'     = @(@{ Name = 'sweep-saved'; Force = $true; SecretVariable = 'KASM_SWEEP_SECRET' }, @{ Name = 'sweep-vault'; Force = $true; VaultSecretName = 'KasmSweep'; Vault = 'SweepVault' })
        'Set-KasmUser'            = @(@{ Identity = 'user@kasm.local'; UserName = 'user@kasm.local'; FirstName = 'F'; LastName = 'L'; Organization = 'O'; Phone = '1'; Notes = 'N' })
        # Sessions: a real one made here (no fixture session exists); by user name, a user without sessions.
        'Get-KasmSessionStatus'      = @(@{ KasmId = $sweepSession.KasmId })
        'Wait-KasmSession'           = @(@{ KasmId = $sweepSession.KasmId; TimeoutSec = 5 })
        'Send-KasmSessionKeepalive'  = @(@{ KasmId = $sweepSession.KasmId })
        'Suspend-KasmSession'        = @(@{ UserName = 'nobody-has-sessions@kasm.local' }, @{ KasmId = $sweepSession.KasmId })
        'Resume-KasmSession'         = @(@{ UserName = 'nobody-has-sessions@kasm.local' }, @{ KasmId = $sweepSession.KasmId })
        'Stop-KasmSession'           = @(@{ UserName = 'nobody-has-sessions@kasm.local' }, @{ KasmId = $sweepSession.KasmId })
        'Invoke-KasmSessionCommand'  = @(@{ KasmId = $sweepSession.KasmId; Command = 'true'; RunAsUser = 'root'; WorkingDirectory = '/tmp'; Environment = @{ SWEEP = '1' } })
        'Save-KasmSessionScreenshot' = @(@{ KasmId = $sweepSession.KasmId; Path = (Join-Path $TestDrive 'sweep.jpg') })
        'Enable-KasmSessionSharing'  = @(@{ UserName = 'nobody-has-sessions@kasm.local' }, @{ KasmId = $sweepSession.KasmId })
        'Disable-KasmSessionSharing' = @(@{ UserName = 'nobody-has-sessions@kasm.local' }, @{ KasmId = $sweepSession.KasmId })
        'Get-KasmSessionShare'       = @(@{ KasmId = $sweepSession.KasmId })
        'Get-KasmSessionRecording'   = @(@{ KasmId = [guid] 'e1f2a3b4c5d64e7f8091a2b3c4d5e6f7'; DownloadLink = $true })
        'Get-KasmStorageMapping'     = @(@{ UserName = 'user@kasm.local' }, @{ GroupName = 'Ops' }, @{ ImageName = 'Chrome' })
        'New-KasmStorageMapping'     = @(@{ UserName = 'admin@kasm.local'; StorageProviderName = 'Team S3'; Name = 'Sweep'; Target = '/home/kasm-user/Sweep'; S3AccessKeyId = 'AKIASWEEP'; S3Bucket = 'sweep' }, @{ GroupName = 'Ops'; StorageProviderName = 'Team S3' }, @{ ImageName = 'Chrome'; StorageProviderName = 'Team S3' })
        'Set-KasmStorageMapping'     = @(@{ StorageMappingId = [guid] '5c000000000040008000000000000003'; Name = 'Sweep'; Target = '/home/kasm-user/Sweep'; S3AccessKeyId = 'AKIASWEEP'; S3Bucket = 'sweep' })
        'Remove-KasmStorageMapping'  = @(@{ StorageMappingId = [guid] '5c000000000040008000000000000003' })
        'Get-KasmSessionHistory'     = @(@{ UserName = 'user@kasm.local'; PageSize = 5 }, @{ KasmId = [guid] 'e1f2a3b4c5d64e7f8091a2b3c4d5e6f7' })
        'Get-KasmSessionPermission'  = @(@{ KasmId = $sweepSession.KasmId }, @{ UserName = 'user@kasm.local' })
        'Grant-KasmSessionPermission' = @(@{ KasmId = $sweepSession.KasmId; UserName = 'admin@kasm.local'; Access = 'View' })
        'Revoke-KasmSessionPermission' = @(@{ KasmId = $sweepSession.KasmId; UserName = 'admin@kasm.local' }, @{ KasmId = $sweepSession.KasmId; AllUsers = $true })
        'Join-KasmSession'           = @(@{ ShareId = '5eed5eed' }, @{ ShareId = '5eed5eed'; UserName = 'user@kasm.local' })
        # Users: removal of a user that does not exist (the lookup still sends), the rest on the fixture user.
        'Remove-KasmUser'            = @(@{ UserName = 'nobody@kasm.local' })
        'Revoke-KasmUserLogin'       = @(@{ UserName = 'user@kasm.local' })
        'Get-KasmUserLoginLink'      = @(@{ UserName = 'user@kasm.local' })
        'Get-KasmUserAttribute'      = @(@{ UserName = 'user@kasm.local' })
        'Set-KasmUserAttribute'      = @(@{ UserName = 'user@kasm.local'; DefaultImageName = 'Chrome'; SshPublicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAISweep sweep'; Theme = 'Dark'; PreferredLanguage = 'en'; PreferredTimezone = 'UTC' })
        # Groups and workspaces.
        'New-KasmGroup'              = @(@{ Name = 'Sweep'; Description = 'D'; Priority = 60 })
        'Set-KasmGroup'              = @(@{ GroupName = 'Ops'; NewName = 'Ops'; Description = 'Operations team' })
        'Remove-KasmGroup'           = @(@{ GroupName = 'No Such Group' })
        'Get-KasmGroupMember'        = @(@{ GroupName = 'Ops' })
        'Add-KasmGroupMember'        = @(@{ GroupName = 'Ops'; UserName = 'admin@kasm.local' })
        'Remove-KasmGroupMember'     = @(@{ GroupName = 'Ops'; UserName = 'admin@kasm.local' })
        'Get-KasmGroupImage'         = @(@{ GroupName = 'All Users' })
        'Add-KasmGroupImage'         = @(@{ GroupName = 'Ops'; ImageName = 'Chrome' })
        'Remove-KasmGroupImage'      = @(@{ GroupName = 'Ops'; ImageName = 'Chrome' })
        'Get-KasmGroupSetting'       = @(@{ GroupName = 'Ops'; Name = 'max_kasms_per_user' })
        'Set-KasmGroupSetting'       = @(@{ GroupName = 'Ops'; Name = 'disabled_image_message'; Value = 'Ask IT' })
        'Remove-KasmGroupSetting'    = @(@{ GroupName = 'Ops'; Name = 'max_kasms_per_user' })
        'New-KasmImage'              = @(@{ FriendlyName = 'Sweep'; DockerImage = 'kasmweb/sweep:1.0'; Description = 'D'; ImageSrc = 'img/sweep.png'; Categories = @('Sweep'); RunConfig = @{ hostname = 'sweep' }; VolumeMappings = @{}; ExecConfig = @{} })
        'Remove-KasmImage'           = @(@{ ImageName = 'No Such Workspace' })
        'Remove-KasmStorageProvider' = @(@{ Name = 'No Such Provider' })
        'Set-KasmStorageProvider'    = @((@{ Name = 'Google Drive'; NewName = 'Google Drive'; DefaultTarget = '/home/kasm-user/Sweep'; WebdavUrl = 'https://cloud.example.com/dav/'; Scope = @('a'); RootDriveUrl = 'https://drive.example.com/'; ClientSecret = (ConvertTo-TestSecureString 'sweep-secret') } + $OAuth))
    }

    $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
    $Allowed = 'KasmInvalidArgument', 'ParameterArgumentValidationError', 'ParameterArgumentTransformationError',
        'CannotConvertArgumentNoMessage', 'CannotConvertArgument', 'InputObjectNotBound', 'ParameterArgumentValidationErrorEmptyStringNotAllowed',
        'ParameterArgumentValidationErrorNullNotAllowed', 'ParameterArgumentValidationErrorEmptyArrayNotAllowed'

    function Get-SweepBaseline($Command, [string] $Parameter) {
        $list = @($Baselines[$Command.Name])
        $named = @($list | Where-Object { $_.ContainsKey($Parameter) })
        if ($named) { return $named[0] }
        foreach ($b in $list) {
            $set = $Command.ParameterSets | Where-Object { $names = $_.Parameters.Name; $Parameter -in $names -and -not ($b.Keys | Where-Object { $_ -notin $names }) } | Select-Object -First 1
            if ($set) { return $b }
        }
        $null
    }

    function Get-RequestCount { @(Get-EmulatorRequestLog $emu).Count }

    function Invoke-Sweep($Command, [hashtable] $Arguments, $Pipe, [switch] $Piped) {
        # Runs the cmdlet; returns the error ids, the output count and how many requests reached the emulator.
        $args2 = @{} + $Arguments
        if ($Command.Parameters.ContainsKey('Confirm')) { $args2.Confirm = $false }
        if ($Command.Name -eq 'Connect-Kasm') { $args2.WarningAction = 'SilentlyContinue' }
        $before = Get-RequestCount
        $ev = $null
        $out = @()
        try {
            if ($Piped) { $out = @($Pipe | & $Command.Name @args2 -ErrorAction SilentlyContinue -ErrorVariable ev) }
            else { $out = @(& $Command.Name @args2 -ErrorAction SilentlyContinue -ErrorVariable ev) }
        }
        catch { $ev = @($ev) + $_ }
        finally {
            # Connect-Kasm and Disconnect-Kasm change the default connection: put the demo one back.
            if ($Command.Name -in 'Connect-Kasm', 'Disconnect-Kasm') { $script:conn = Connect-TestKasm -Emulator $emu }
        }
        $sent = (Get-RequestCount) - $before
        if ($Command.Name -in 'Connect-Kasm', 'Disconnect-Kasm') { $sent -= 1 } # the reconnect's system_info
        [pscustomobject]@{
            # A terminating error lands in -ErrorVariable as the exception; its ErrorRecord has the id.
            Ids    = @(@($ev) | Where-Object { $_ } | ForEach-Object { $r = if ($_ -is [System.Management.Automation.ErrorRecord]) { $_ } else { $_.ErrorRecord }; ([string] $r.FullyQualifiedErrorId).Split(',')[0] } | Select-Object -Unique)
            Output = $out.Count
            Sent   = $sent
        }
    }

    $script:Tried = 0
    $Long = 'x' * 100000
    $Hostile = [ordered]@{
        'NUL'                 = "a$([char]0)b"
        'ESC (ANSI colour)'   = "a$([char]27)[31mb"
        'BEL'                 = "a$([char]7)b"
        'DEL'                 = "a$([char]0x7f)b"
        'C1 (NEL)'            = "a$([char]0x85)b"
        'unpaired surrogate'  = "a$([char]0xD800)b"
        '100,000 characters'  = $Long
    }
    $SingleLineOnly = [ordered]@{ 'line break' = "a`nb"; 'carriage return' = "a`rb"; 'tab' = "a`tb" }
    $Blank = [ordered]@{ 'empty' = ''; 'spaces' = '   '; 'tab only' = "`t" }
}

AfterAll {
    Write-Host "Hostile input: $script:Tried inputs tried"
    Remove-Item $outFile -ErrorAction SilentlyContinue
    $env:KASM_CONNECTIONS_FILE = $savedFileVariable
    Remove-Item Env:KASM_SWEEP_SECRET -ErrorAction SilentlyContinue
    Stop-TestKasm $kasm
}

Describe 'Hostile input to every exported cmdlet' {
    BeforeDiscovery {
        $common = [System.Management.Automation.PSCmdlet]::CommonParameters + [System.Management.Automation.PSCmdlet]::OptionalCommonParameters
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $Cmdlets = @(Get-Command -Module Kasm -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
        $TableParameters = @(foreach ($c in Get-Command -Module Kasm -CommandType Cmdlet) {
            foreach ($p in $c.Parameters.Values) {
                if ($p.Name -in $common -or -not [System.Collections.IDictionary].IsAssignableFrom($p.ParameterType)) { continue }
                @{ Cmdlet = $c.Name; Parameter = $p.Name }
            }
        })
        $TextParameters = @(foreach ($c in Get-Command -Module Kasm -CommandType Cmdlet) {
            foreach ($p in $c.Parameters.Values) {
                if ($p.Name -in $common -or $p.ParameterType -notin [string], [string[]] -or $p.Name -eq 'InputObject') { continue }
                @{ Cmdlet = $c.Name; Parameter = $p.Name }
            }
        })
    }

    It 'every exported cmdlet has a baseline here (add one for a new cmdlet)' -ForEach $Cmdlets {
        $Baselines.ContainsKey($Name) | Should -BeTrue -Because "$Name needs a valid invocation in HostileInput.Tests.ps1"
    }

    It '<Cmdlet> -<Parameter>: hostile text is a parameter error and nothing is sent' -ForEach $TextParameters {
        $command = Get-Command $Cmdlet
        $meta = $command.Parameters[$Parameter]
        $baseline = Get-SweepBaseline $command $Parameter
        $baseline | Should -Not -BeNullOrEmpty -Because "a baseline of $Cmdlet must take -$Parameter"
        $multiLine = $Parameter -in 'Notes', 'Description'
        $refusesBlank = ($meta.ParameterSets.Values | Where-Object IsMandatory) -or ($meta.Attributes | Where-Object { $_ -is [System.Management.Automation.ValidateNotNullOrEmptyAttribute] })

        # The control: with a plain value this invocation does reach the server (Get-KasmConnection never does).
        $plain = @{} + $baseline
        if (-not $plain.ContainsKey($Parameter)) { $plain[$Parameter] = 'plain-value' }
        $control = Invoke-Sweep $command $plain
        if ($Cmdlet -notin $LocalOnly) { $control.Sent | Should -BeGreaterThan 0 -Because 'the plain call must send something' }

        $cases = [ordered]@{} + $Hostile
        if (-not $multiLine) { foreach ($k in $SingleLineOnly.Keys) { $cases[$k] = $SingleLineOnly[$k] } }
        if ($refusesBlank) { foreach ($k in $Blank.Keys) { $cases[$k] = $Blank[$k] } }
        $failures = foreach ($case in $cases.Keys) {
            $value = $cases[$case]
            if ($meta.ParameterType -eq [string[]]) { $value = @('fine', $value) }
            $a = @{} + $baseline
            $a[$Parameter] = $value
            $ways = @(@{ Piped = $false })
            if ($meta.ParameterSets.Values | Where-Object ValueFromPipelineByPropertyName) { $ways += @{ Piped = $true } }
            foreach ($way in $ways) {
                $script:Tried++
                $r = if ($way.Piped) {
                    $a.Remove($Parameter)
                    Invoke-Sweep $command $a -Pipe ([pscustomobject]@{ $Parameter = $value }) -Piped
                }
                else { Invoke-Sweep $command $a }
                $how = if ($way.Piped) { 'piped' } else { 'given' }
                if ($r.Sent -ne 0) { "$case ($how): $($r.Sent) request(s) sent" }
                if ($r.Output -ne 0) { "$case ($how): $($r.Output) object(s) output" }
                if ($r.Ids.Count -eq 0) { "$case ($how): no error" }
                foreach ($id in $r.Ids) { if ($id -notin $Allowed) { "$case ($how): error $id" } }
            }
        }
        $failures | Should -BeNullOrEmpty
    }

    It '<Cmdlet> -<Parameter>: a hashtable with hostile text in a key or value is a parameter error and nothing is sent' -ForEach $TableParameters {
        $command = Get-Command $Cmdlet
        $meta = $command.Parameters[$Parameter]
        $baseline = Get-SweepBaseline $command $Parameter
        $baseline | Should -Not -BeNullOrEmpty -Because "a baseline of $Cmdlet must take -$Parameter"
        # What the parameter needs to be sent at all (a volume config needs driver and driver_opts); every case adds to it.
        $needs = @{ VolumeConfig = @{ driver = 'rclone'; driver_opts = @{ type = 's3' } } }[$Parameter]
        if (-not $needs) { $needs = @{} }
        $plain = @{} + $baseline
        $plain[$Parameter] = $needs + @{ plain = "line 1`nline 2"; nested = @{ list = @('a', 'b') } }
        (Invoke-Sweep $command $plain).Sent | Should -BeGreaterThan 0 -Because 'the plain call must send something'
        $cases = [ordered]@{
            'NUL in a value'                = @{ k = "a$([char]0)b" }
            'ESC in a nested value'         = @{ outer = @{ inner = "a$([char]27)[31mb" } }
            'unpaired surrogate in a list'  = @{ list = @('ok', "a$([char]0xD800)b") }
            'NUL in a key'                  = @{ "a$([char]0)b" = 1 }
            'line break in a key'           = @{ "a`nb" = 1 }
            'DEL in a custom object value'  = @{ o = [pscustomobject]@{ v = "a$([char]0x7f)" } }
        }
        $failures = foreach ($case in $cases.Keys) {
            $script:Tried++
            $a = @{} + $baseline
            $value = $needs + $cases[$case]
            $a[$Parameter] = $value
            $r = Invoke-Sweep $command $a
            if ($r.Sent -ne 0) { "$case`: $($r.Sent) request(s) sent" }
            if ($r.Ids.Count -eq 0) { "$case`: no error" }
            foreach ($id in $r.Ids) { if ($id -notin $Allowed) { "$case`: error $id" } }
            if ($meta.ParameterSets.Values | Where-Object ValueFromPipeline) {
                $script:Tried++
                $a.Remove($Parameter)
                $r = Invoke-Sweep $command $a -Pipe (, $value) -Piped
                if ($r.Sent -ne 0) { "$case (piped): $($r.Sent) request(s) sent" }
                if ($r.Ids.Count -eq 0) { "$case (piped): no error" }
                foreach ($id in $r.Ids) { if ($id -notin $Allowed) { "$case (piped): error $id" } }
            }
        }
        $failures | Should -BeNullOrEmpty
    }

    It '<Name>: odd objects through the pipeline are errors and nothing is sent' -ForEach $Cmdlets {
        $command = Get-Command $Name
        $baseline = @($Baselines[$Name])[0]
        # A hashtable is not odd where a parameter takes one from the pipeline (Invoke-KasmApi's -Body).
        $takesTable = [bool]($command.Parameters.Values | Where-Object { $_.ParameterType -in [hashtable], [System.Collections.IDictionary] -and ($_.ParameterSets.Values | Where-Object ValueFromPipeline) })
        $odd = @(42, 'text', [guid]::NewGuid(), [datetime]'2024-01-01', @{ UserName = 'x'; ImageId = [guid]::NewGuid() }, [pscustomobject]@{ Nothing = 1 }, { 'a script block' }, [System.IO.FileInfo] $PSCommandPath, 1.5, $true)
        $failures = foreach ($o in $odd) {
            if ($takesTable -and $o -is [hashtable]) { continue }
            $script:Tried++
            $args2 = @{} + $baseline
            if ($Name -eq 'Invoke-KasmApi') { $args2.Remove('OutFile') }
            $r = Invoke-Sweep $command $args2 -Pipe (, $o) -Piped
            $what = "$($o.GetType().Name) '$o'"
            if ($r.Sent -ne 0) { "$what`: $($r.Sent) request(s) sent" }
            if ($r.Ids.Count -eq 0) { "$what`: no error" }
            foreach ($id in $r.Ids) { if ($id -notin $Allowed) { "$what`: error $id" } }
        }
        $failures | Should -BeNullOrEmpty
    }
}

Describe 'Connect-Kasm refuses addresses that are not a server' {
    It '<Label> is KasmInvalidArgument and nothing is sent' -ForEach @(
        @{ Server = 'file://x' }, @{ Server = 'file:///etc/passwd' }, @{ Server = 'javascript:x' }, @{ Server = 'javascript:alert(1)' },
        @{ Server = 'https://' }, @{ Server = 'http://' }, @{ Server = 'https:///api' }, @{ Server = '://x' }, @{ Server = 'mailto:a@b.c' },
        @{ Server = 'data:text/html,x' }, @{ Server = '\\server\share' }, @{ Server = 'ftp://{emu}/' }, @{ Server = 'ws://{emu}/' },
        @{ Server = 'https://{emu}/?x=1' }, @{ Server = 'https://{emu}/#x' }, @{ Server = 'https://user:pw@{emu}/' },
        @{ Server = "https://{emu}/$([char]0)"; Label = 'https://{emu}/<NUL>' }, @{ Server = "https://{emu}/`n"; Label = 'https://{emu}/<LF>' },
        @{ Server = 'https://ho st' }, @{ Server = 'https://[::1' }, @{ Server = '   ' }, @{ Server = ('https://' + ('a' * 5000) + '.example.com') ; Label = 'a 5,000-character host' }
    ) {
        if (-not $Label) { $Label = $Server }
        $hostPort = ([uri] $emu.Url).Authority
        $address = $Server.Replace('{emu}', $hostPort)
        $script:Tried++
        $before = Get-RequestCount
        $err = $null
        try {
            Connect-Kasm -Server $address -ApiKey $key.apiKey -ApiKeySecret $secret -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop
            $err = 'connected'
        }
        catch { $err = $_ }
        finally { $script:conn = Connect-TestKasm -Emulator $emu }
        $err | Should -Not -Be 'connected'
        ([string] $err.FullyQualifiedErrorId).Split(',')[0] | Should -Be 'KasmInvalidArgument'
        ((Get-RequestCount) - $before) | Should -Be 1 -Because 'only the reconnect after the test sends'
    }
}
