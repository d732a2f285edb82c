#Requires -Version 7.0
# Cancellation and concurrency: stopping a pipeline during a slow call leaves nothing in flight on the server; one
# connection shared 8-way by ForEach-Object -Parallel gives complete, correct results; two runspaces with different
# default connections never see each other's.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.19' -KeyName 'readonly'
    $emu = $kasm.Emulator
    $conn = $kasm.Connection
    $manifest = Get-KasmModuleManifestPath

    function Get-InFlight { (Invoke-EmulatorControl $emu 'inflight').inFlight }

    function Wait-Until([scriptblock] $Condition, [int] $Seconds = 10) {
        # Polls the emulator for a state (not a timing guess); false if it never comes.
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while ([DateTime]::UtcNow -lt $deadline) {
            if (& $Condition) { return $true }
            Start-Sleep -Milliseconds 20
        }
        $false
    }

    function New-KasmRunspace {
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$manifest'").Invoke()
        $ps.Commands.Clear()
        $ps
    }
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe 'Stopping a pipeline during a slow call' {
    BeforeEach { Reset-Emulator $emu }
    AfterEach { Set-EmulatorFault $emu -Clear }

    It '<Name> stops at once and leaves nothing in flight on the server' -ForEach @(
        @{ Name = 'Get-KasmImage'; Method = 'get_images'; Script = 'param($c) Get-KasmImage -Connection $c' }
        @{ Name = 'Invoke-KasmApi get_users'; Method = 'get_users'; Script = 'param($c) Invoke-KasmApi get_users -Connection $c' }
        @{ Name = 'New-KasmUser (a create, never retried)'; Method = 'create_user'; Script = 'param($c) New-KasmUser -UserName stopped@kasm.local -Connection $c' }
    ) {
        $null = Set-EmulatorFault $emu -ApiMethod $Method -LatencyMs 60000
        $ps = New-KasmRunspace
        try {
            $null = $ps.AddScript($Script).AddArgument($conn)
            $async = $ps.BeginInvoke()
            Wait-Until { (Get-InFlight) -eq 1 } | Should -BeTrue -Because 'the call reached the server and is held there'
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $stop = $ps.BeginStop($null, $null)
            # Hang guard only; the stop is measured and the server's view is what is asserted.
            $stop.AsyncWaitHandle.WaitOne(5000) | Should -BeTrue -Because 'Stop must return'
            $watch.Stop()
            $ps.EndStop($stop)
            Write-Host ("{0}: stopped in {1} ms" -f $Name, $watch.ElapsedMilliseconds)
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            Wait-Until { (Get-InFlight) -eq 0 } -Seconds 5 | Should -BeTrue -Because 'the request was aborted, not left running on the server'
            # Nothing was answered: the held request never completed (the log records answered requests).
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ $Method) | Should -HaveCount 0
        }
        finally { $ps.Dispose() }
    }
}

Describe 'One connection shared by ForEach-Object -Parallel' {
    BeforeEach { Reset-Emulator $emu }

    It '8-way over one connection: all 240 results complete and correct' {
        $expectedImages = @(Get-KasmImage -Connection $conn | ForEach-Object { $_.ImageId.ToString() } | Sort-Object)
        $expectedUsers = @(Get-KasmUser -Connection $conn | ForEach-Object { $_.UserId.ToString() } | Sort-Object)
        $expectedBuild = (Get-KasmSystemInfo -Connection $conn).BuildId
        Clear-EmulatorRequestLog $emu
        $results = 1..240 | ForEach-Object -ThrottleLimit 8 -Parallel {
            Import-Module $using:manifest
            $c = $using:conn
            $i = $_
            $value = switch ($i % 4) {
                0 { (@(Get-KasmImage -Connection $c -ErrorAction Stop | ForEach-Object { $_.ImageId.ToString() } | Sort-Object)) -join ',' }
                1 { (@(Get-KasmUser -Connection $c -ErrorAction Stop | ForEach-Object { $_.UserId.ToString() } | Sort-Object)) -join ',' }
                2 { (Get-KasmSystemInfo -Connection $c -ErrorAction Stop).BuildId }
                3 { (@((Invoke-KasmApi get_images -Connection $c -ErrorAction Stop).images | ForEach-Object { ([guid] $_.image_id).ToString() } | Sort-Object)) -join ',' }
            }
            [pscustomobject]@{ I = $i; Kind = $i % 4; Value = $value; Runspace = [runspace]::DefaultRunspace.InstanceId }
        }
        $results | Should -HaveCount 240
        @($results.I | Sort-Object -Unique) | Should -HaveCount 240
        @($results.Runspace | Sort-Object -Unique).Count | Should -BeGreaterThan 1 -Because 'the work really ran in parallel runspaces'
        $wrong = @($results | Where-Object {
                $expected = switch ($_.Kind) { 0 { $expectedImages -join ',' } 1 { $expectedUsers -join ',' } 2 { $expectedBuild } 3 { $expectedImages -join ',' } }
                $_.Value -ne $expected
            })
        $wrong | Should -HaveCount 0
        $log = @(Get-EmulatorRequestLog $emu)
        $log | Should -HaveCount 240
        @($log | Where-Object status -NE 200) | Should -HaveCount 0
        @($log.apiKey | Sort-Object -Unique) | Should -Be @((Get-EmulatorKey $emu).apiKey)
    }
}

Describe 'One connection shared by Start-ThreadJob' {
    BeforeEach { Reset-Emulator $emu }

    It '8 thread jobs over one connection ($using:) each create their slice: all 40 users made once, as the emulator holds them' {
        Clear-EmulatorRequestLog $emu
        $jobs = foreach ($j in 1..8) {
            Start-ThreadJob -ThrottleLimit 8 -ArgumentList $j -ScriptBlock {
                param($J)
                Import-Module $using:manifest
                $c = $using:conn
                1..5 | ForEach-Object { New-KasmUser -UserName "tj-$J-$_@example.com" -Connection $c -ErrorAction Stop } |
                    ForEach-Object { [pscustomobject]@{ UserName = $_.UserName; UserId = $_.UserId; Runspace = [runspace]::DefaultRunspace.InstanceId } }
            }
        }
        $results = @($jobs | Receive-Job -Wait -AutoRemoveJob -ErrorVariable jobErrors)
        $jobErrors | Should -HaveCount 0
        $results | Should -HaveCount 40
        @($results.UserName | Sort-Object -Unique) | Should -HaveCount 40
        @($results.Runspace | Sort-Object -Unique).Count | Should -BeGreaterThan 1 -Because 'the jobs ran in runspaces of their own'
        # Checked against the server: each create sent once, and each returned id is the user the emulator holds.
        @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'create_user') | Should -HaveCount 40
        $held = @{}
        Get-KasmUser -Connection $conn | ForEach-Object { $held[$_.UserName] = $_.UserId }
        foreach ($r in $results) { $held[$r.UserName] | Should -Be $r.UserId }
    }
}

Describe 'Fan-out across processes (docs/scale-out.md, section 3)' {
    BeforeEach { Reset-Emulator $emu }

    It 'three child processes connect from their own environment, do their slice and return only ids and errors as data; the secret never travels' {
        $key = Get-EmulatorKey $emu
        $null = New-KasmUser -UserName 'fan-2-3@example.com' -Connection $conn   # one name per run already taken: an error as data
        Clear-EmulatorRequestLog $emu
        $script = Join-Path $TestDrive 'worker.ps1'
        Set-Content $script @'
param($Manifest, $Thumbprint, [string[]] $Names)
$ErrorActionPreference = 'Stop'
Import-Module $Manifest
$kasm = Connect-Kasm -CertificateThumbprint $Thumbprint     # KASM_SERVER, KASM_API_KEY, KASM_API_KEY_SECRET of this process
$made = @(($Names -split ',') | ForEach-Object { [pscustomobject]@{ UserName = $_ } } |
    New-KasmUser -Connection $kasm -ThrottleLimit 4 -ErrorAction SilentlyContinue -ErrorVariable failed)
Disconnect-Kasm -Connection $kasm
[pscustomobject]@{
    Made   = @($made | ForEach-Object { [pscustomobject]@{ UserName = $_.UserName; UserId = $_.UserId.ToString() } })
    Failed = @($failed | ForEach-Object { [pscustomobject]@{ Target = "$($_.TargetObject)"; ErrorId = $_.FullyQualifiedErrorId } })
} | ConvertTo-Json -Depth 4 -Compress
'@
        $exe = [Environment]::ProcessPath
        $prefix = @()
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $workers = foreach ($w in 1..3) {
            $psi = [Diagnostics.ProcessStartInfo]::new($exe)
            foreach ($a in @($prefix) + @('-NoProfile', '-NonInteractive', '-File', $script, '-Manifest', (Get-KasmModuleManifestPath), '-Thumbprint', $emu.Thumbprint, '-Names')) { $psi.ArgumentList.Add($a) }
            $psi.ArgumentList.Add(((1..4 | ForEach-Object { "fan-$w-$_@example.com" }) -join ','))
            # Each worker's own environment: the secret is set here, never passed as an argument.
            $psi.Environment['KASM_SERVER'] = [string] $emu.Url
            $psi.Environment['KASM_API_KEY'] = $key.apiKey
            $psi.Environment['KASM_API_KEY_SECRET'] = $key.apiKeySecret
            $psi.RedirectStandardOutput = $true
            $psi.RedirectStandardError = $true
            $psi.UseShellExecute = $false
            [pscustomobject]@{ Info = $psi; Process = [Diagnostics.Process]::Start($psi) }
        }
        $answers = foreach ($worker in $workers) {
            $out = $worker.Process.StandardOutput.ReadToEndAsync()
            $err = $worker.Process.StandardError.ReadToEnd()
            $worker.Process.WaitForExit(120000) | Should -BeTrue -Because 'a hang guard'
            $worker.Process.ExitCode | Should -Be 0 -Because $err
            ($worker.Info.ArgumentList -join ' ') | Should -Not -Match ([regex]::Escape($key.apiKeySecret))
            $out.Result | Should -Not -Match ([regex]::Escape($key.apiKeySecret))
            $err | Should -Not -Match ([regex]::Escape($key.apiKeySecret))
            $out.Result | ConvertFrom-Json
        }
        $made = @($answers | ForEach-Object { $_.Made })
        $failed = @($answers | ForEach-Object { $_.Failed })
        $made | Should -HaveCount 11
        $failed | Should -HaveCount 1
        $failed[0].Target | Should -Be 'fan-2-3@example.com'
        $failed[0].ErrorId | Should -BeLike 'Kasm*,Kasm.Cmdlets.NewKasmUserCommand'
        # The work is complete: every other name is a user the server holds, with the id its worker returned.
        $held = @{}
        Get-KasmUser -Connection $conn | ForEach-Object { $held[$_.UserName] = $_.UserId.ToString() }
        foreach ($m in $made) { $held[$m.UserName] | Should -Be $m.UserId }
        @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'create_user') | Should -HaveCount 12
    }
}

Describe 'Default connections per runspace' {
    BeforeEach { Reset-Emulator $emu }

    It 'two runspaces with different default connections never see each other''s' {
        $demo = Get-EmulatorKey $emu 'demo'
        $readonly = Get-EmulatorKey $emu 'readonly'
        $work = {
            param($Url, $Thumbprint, $ApiKey, $Secret)
            $s = ConvertTo-SecureString $Secret -AsPlainText -Force
            $c = Connect-Kasm -Server $Url -ApiKey $ApiKey -ApiKeySecret $s -CertificateThumbprint $Thumbprint -WarningAction SilentlyContinue -ErrorAction Stop
            $seen = foreach ($i in 1..40) {
                $null = Get-KasmImage -ErrorAction Stop
                @(Get-KasmConnection -All).ApiKey -join ','
                (Get-KasmConnection).ApiKey
            }
            [pscustomobject]@{ Key = $ApiKey; Seen = @($seen | Sort-Object -Unique); Id = $c.Id }
        }
        $mine = @(Get-KasmConnection -All | ForEach-Object Id)
        $a = New-KasmRunspace; $b = New-KasmRunspace
        try {
            $null = $a.AddScript($work).AddArgument($emu.Url).AddArgument($emu.Thumbprint).AddArgument($demo.apiKey).AddArgument($demo.apiKeySecret)
            $null = $b.AddScript($work).AddArgument($emu.Url).AddArgument($emu.Thumbprint).AddArgument($readonly.apiKey).AddArgument($readonly.apiKeySecret)
            $ha = $a.BeginInvoke(); $hb = $b.BeginInvoke()
            $ra = $a.EndInvoke($ha); $rb = $b.EndInvoke($hb)
            $a.HadErrors | Should -BeFalse
            $b.HadErrors | Should -BeFalse
            $ra[0].Seen | Should -Be @($demo.apiKey)
            $rb[0].Seen | Should -Be @($readonly.apiKey)
            # The server saw each runspace's 40 lists with its own key (plus its connect probe).
            $log = @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'get_images')
            @($log | Where-Object apiKey -EQ $demo.apiKey) | Should -HaveCount 40
            @($log | Where-Object apiKey -EQ $readonly.apiKey) | Should -HaveCount 40
            # And this runspace's default is still its own.
            (Get-KasmConnection).ApiKey | Should -Be $conn.ApiKey
            @(Get-KasmConnection -All | ForEach-Object Id) | Should -Be $mine
        }
        finally { $a.Dispose(); $b.Dispose() }
    }
}
