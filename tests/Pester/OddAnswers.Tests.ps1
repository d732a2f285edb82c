#Requires -Version 5.1
# Every read cmdlet against the emulator's fuzz mode (src/Kasm.Emulator/README.md#fuzz-mode): odd answers end as
# output or as errors with a Kasm ErrorId, never as a raw exception, and the output formats and converts to JSON.
# Each It is one seed: a failure names it, and `POST /__emulator/settings {"fuzzSeed": N}` replays it.

BeforeDiscovery {
    # Seeds and calls per cmdlet and seed: 8 seeds x 13 reads x 25 = 2,600 fuzzed calls (KASM_FUZZ_SEEDS and
    # KASM_FUZZ_CALLS change them, for a longer hunt; KASM_FUZZ_REPORT=file writes every escape there).
    $seedCount = if ($env:KASM_FUZZ_SEEDS) { [int] $env:KASM_FUZZ_SEEDS } else { 8 }
    $Seeds = @(1..$seedCount | ForEach-Object { @{ Seed = 1000 + $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.19'
    $emu = $kasm.Emulator
    $calls = if ($env:KASM_FUZZ_CALLS) { [int] $env:KASM_FUZZ_CALLS } else { 25 }
    # A session, so get_kasms and friends have something to mutate (made before fuzz mode is on).
    Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0 } | Out-Null
    $session = New-KasmSession -ImageName 'Chrome' -UserName 'user@kasm.local'
    # One fuzzed answer per call: no retries, so the counts are the calls made.
    $conn = Connect-TestKasm -Emulator $emu -ExtraArgs @{ MaximumRetryCount = 0; TimeoutSec = 30 }

    $ids = @([Kasm.Client.KasmErrorId].GetFields() | ForEach-Object { $_.GetValue($null) }) + 'KasmOutFileFailed'
    $userId = [guid] '9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f'
    $imageId = [guid] '01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b'
    $reads = [ordered]@{
        'Get-KasmImage'                 = { Get-KasmImage -Connection $conn }
        'Get-KasmImage -ImageId'        = { Get-KasmImage -ImageId $imageId -Connection $conn }
        'Get-KasmSession'               = { Get-KasmSession -Connection $conn }
        'Get-KasmSession -KasmId'       = { Get-KasmSession -KasmId $session.KasmId -Connection $conn }
        'Get-KasmSession -UserId'       = { Get-KasmSession -UserId $userId -Connection $conn }
        'Get-KasmUser'                  = { Get-KasmUser -Connection $conn }
        'Get-KasmUser -UserId'          = { Get-KasmUser -UserId $userId -Connection $conn }
        'Get-KasmGroup'                 = { Get-KasmGroup -Connection $conn }
        'Get-KasmStorageProvider'       = { Get-KasmStorageProvider -Connection $conn }
        'Get-KasmZone'                  = { Get-KasmZone -Connection $conn }
        'Get-KasmServer'                = { Get-KasmServer -Connection $conn }
        'Get-KasmLicense'               = { Get-KasmLicense -Connection $conn }
        'Get-KasmApiKey'                = { Get-KasmApiKey -Connection $conn }
        'Get-KasmSetting'               = { Get-KasmSetting -Connection $conn }
        'Get-KasmSystemInfo'            = { Get-KasmSystemInfo -Connection $conn }
        'Invoke-KasmApi get_images'     = { Invoke-KasmApi get_images -Connection $conn }
        'Invoke-KasmApi system_info'    = { Invoke-KasmApi admin/system_info -Connection $conn }
        'Invoke-KasmApi get_users -Raw' = { Invoke-KasmApi get_users -Raw -Connection $conn }
    }

    function Invoke-Fuzzed([int] $Seed) {
        # Runs every read $calls times under one seed; returns the escapes and the counts.
        $null = Set-EmulatorSetting $emu @{ fuzzSeed = $Seed }
        $escapes = [System.Collections.Generic.List[string]]::new()
        $n = 0; $objects = 0; $errors = 0
        try {
            foreach ($name in $reads.Keys) {
                for ($i = 1; $i -le $calls; $i++) {
                    $n++
                    $ev = $null
                    try {
                        $out = @(& $reads[$name] -ErrorAction SilentlyContinue -ErrorVariable ev)
                        $objects += $out.Count
                        if ($out.Count -gt 0) {
                            $null = $out | Format-Table | Out-String
                            $null = $out | Format-List | Out-String
                            $null = $out | ConvertTo-Json -Depth 4 -WarningAction SilentlyContinue
                        }
                    }
                    catch {
                        $ev = @($ev) + $_
                    }
                    foreach ($e in @($ev)) {
                        if ($null -eq $e) { continue }
                        # A terminating error lands in -ErrorVariable as the exception; its ErrorRecord has the id.
                        if ($e -isnot [System.Management.Automation.ErrorRecord] -and $e.ErrorRecord) { $e = $e.ErrorRecord }
                        $errors++
                        $id = ([string] $e.FullyQualifiedErrorId).Split(',')[0]
                        if ($id -notin $ids) {
                            $escapes.Add("seed $Seed, $name, call $i`: $id [$($e.Exception.GetType().FullName)] $($e.Exception.Message)")
                        }
                    }
                }
            }
        }
        finally {
            $null = Set-EmulatorSetting $emu @{ fuzzSeed = $null }
        }
        [pscustomobject]@{ Calls = $n; Objects = $objects; Errors = $errors; Escapes = $escapes }
    }
    $script:Totals = [pscustomobject]@{ Seeds = 0; Calls = 0; Objects = 0; Errors = 0; Escapes = 0 }
}

AfterAll {
    if ($script:Totals) {
        Write-Host ("Fuzz mode: {0} calls, {1} objects out, {2} Kasm errors, {4} escapes over {3} seeds" -f $Totals.Calls, $Totals.Objects, $Totals.Errors, $Totals.Seeds, $Totals.Escapes)
    }
    Stop-TestKasm $kasm
}

Describe 'Odd answers (emulator fuzz mode)' {
    It 'seed <Seed>: every read cmdlet ends in output or a Kasm error, and its output formats and converts to JSON' -ForEach $Seeds {
        $r = Invoke-Fuzzed $Seed
        # KASM_FUZZ_REPORT names a file that gets every escape in full (the failure message shortens long lists).
        if ($env:KASM_FUZZ_REPORT -and $r.Escapes.Count) { $r.Escapes | Add-Content -LiteralPath $env:KASM_FUZZ_REPORT }
        $Totals.Seeds++; $Totals.Calls += $r.Calls; $Totals.Objects += $r.Objects; $Totals.Errors += $r.Errors; $Totals.Escapes += $r.Escapes.Count
        $r.Escapes | Should -BeNullOrEmpty -Because "replay with fuzzSeed $Seed"
        # The seed really fuzzed: some answers failed and some still gave objects.
        $r.Errors | Should -BeGreaterThan 0
        $r.Objects | Should -BeGreaterThan 0
    }

    It 'the same seed gives the same outcome twice' {
        $run = {
            $null = Set-EmulatorSetting $emu @{ fuzzSeed = 77 }
            try {
                foreach ($i in 1..20) {
                    $o = @(Get-KasmImage -Connection $conn -ErrorAction SilentlyContinue -ErrorVariable ev)
                    '{0}:{1}:{2}' -f $o.Count, (@($o | ForEach-Object { $_.ImageId }) -join '/'), (@($ev | ForEach-Object { $_.FullyQualifiedErrorId }) -join '/')
                }
            }
            finally { $null = Set-EmulatorSetting $emu @{ fuzzSeed = $null } }
        }
        $first = @(& $run)
        $second = @(& $run)
        $second | Should -Be $first
    }

    It 'Get-KasmConnection formats and converts whatever the connection learned' {
        $c = @(Get-KasmConnection -All)
        $c.Count | Should -BeGreaterThan 0
        { $c | Format-Table | Out-String; $c | Format-List | Out-String; $c | ConvertTo-Json -Depth 2 -WarningAction SilentlyContinue } | Should -Not -Throw
    }
}
