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
