#Requires -Version 5.1
# The bench (tests/Bench/Kasm.Bench.ps1) in its smoke size, so it cannot rot: every case runs against the emulator and
# lands in the JSON file. Speed is the bench's business (build.ps1 -Task Bench); nothing here is timed.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'build.ps1 -Task Bench' {
    It 'runs every case in its smoke size and writes the table and the JSON file' -Skip:($PSVersionTable.PSEdition -ne 'Core') {
        # (The bench needs PowerShell 7: Invoke-RestMethod -SkipCertificateCheck is its baseline.)
        $out = Join-Path $TestDrive 'bench'
        $exe = [Environment]::ProcessPath
        $prefix = @(); if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
        $bench = Join-Path $PSScriptRoot '../Bench/Kasm.Bench.ps1'
        $printed = @(& $exe @prefix -NoProfile -NonInteractive -File $bench -ModulePath $env:KASM_MODULE_PATH -Smoke -OutDirectory $out 2>&1)
        $LASTEXITCODE | Should -Be 0 -Because ($printed -join "`n")
        $report = Get-Content (Join-Path $out 'latest.json') -Raw | ConvertFrom-Json
        $report.machine.smoke | Should -BeTrue
        $r = $report.results
        foreach ($m in 'a_get_images', 'a_system_info') {
            foreach ($k in 'moduleCallsPerSec', 'irmCallsPerSec', 'irmWebSessionCallsPerSec', 'rawCallsPerSec', 'emptyCmdletCallsPerSec', 'ceilingVsRaw') { $r.$m.$k | Should -BeGreaterThan 0 }
            # Each round ran every contender once, in an order drawn for that round.
            @($r.$m.blockOrders).Count | Should -BeGreaterThan 0
            foreach ($o in $r.$m.blockOrders) { ($o -split ',' | Sort-Object) -join ',' | Should -Be 'empty,httpCmdlet,irm,irmSession,module,raw' }
            @($r.$m.blockOrders) | Should -HaveCount $r.$m.rounds
            # Blocks are sized by time: every contender has its own count, at least 5, and one rate per round; its
            # figure is the median of those rates.
            foreach ($b in $r.$m.blockCallsPerSec) {
                $r.$m.blockCalls.($b.contender) | Should -BeGreaterOrEqual 5
                @($b.rates) | Should -HaveCount $r.$m.rounds
                $figure = @{ module = 'moduleCallsPerSec'; irm = 'irmCallsPerSec'; irmSession = 'irmWebSessionCallsPerSec'; raw = 'rawCallsPerSec'; empty = 'emptyCmdletCallsPerSec'; httpCmdlet = 'httpCmdletCallsPerSec' }[$b.contender]
                $r.$m.$figure | Should -Be (@($b.rates) | Sort-Object)[[int][Math]::Floor((@($b.rates).Count - 1) / 2)]
            }
            $r.$m.emptyCmdletBoundVsRaw | Should -BeGreaterThan 0
            $r.$m.emptyCmdletBoundVsRaw | Should -BeLessThan 1
        }
        $r.a_orderSeed | Should -Not -BeNullOrEmpty
        $r.b_sessions.throttle1Sec | Should -BeGreaterThan 0
        $r.b_sessions.throttle16Sec | Should -BeGreaterThan 0
        $r.c_users.users | Should -Be 2000
        foreach ($k in 'moduleSec', 'rawParseSec', 'moduleHeldBytes', 'rawHeldBytes', 'firstObjectSec') { $r.c_users.$k | Should -BeGreaterThan 0 }
        @($r.c_users.moduleRunsSec) | Should -HaveCount 5
        @($r.c_users.rawParseRunsSec) | Should -HaveCount 5
        $r.c_users.moduleSec | Should -Be (@($r.c_users.moduleRunsSec) | Sort-Object)[2]
        $r.c_users.rawParseSec | Should -Be (@($r.c_users.rawParseRunsSec) | Sort-Object)[2]
        $r.d_import.medianMs | Should -BeGreaterThan 0
        $r.d_import.emptyModuleMedianMs | Should -BeGreaterThan 0
        @($report.table) | Should -HaveCount 12
        ($printed -join "`n") | Should -Match '\| d \| Import-Module'
    }
}
