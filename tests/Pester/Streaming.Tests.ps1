#Requires -Version 5.1
# Lists are read as they arrive (docs/design.md#6-transport): objects come out while the answer is still being read,
# and leaving early stops the download.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator
    $null = Invoke-EmulatorControl $emu 'users/bulk' -Method POST -Body @{ count = 20000 }

    function Invoke-Listing([string] $Script) {
        # The request's Verbose line says how much of the answer was read.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript("param(`$Manifest, `$Connection) Import-Module `$Manifest; $Script").AddArgument((Get-KasmModuleManifestPath)).AddArgument($kasm.Connection)
            $out = @($ps.Invoke())
            $ps.Streams.Error | Should -HaveCount 0
            $line = @($ps.Streams.Verbose | Where-Object Message -Like 'POST /api/public/get_users -> 200 *')
            $line | Should -HaveCount 1
            [pscustomobject]@{ Output = $out; Line = $line[0].Message; Bytes = [long] ($line[0].Message -replace '^.* (\d+) bytes\)$', '$1') }
        }
        finally { $ps.Dispose() }
    }
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe 'Lists read as a stream' {
    It 'Select-Object -First 1 stops reading the answer after the first user' {
        $all = Invoke-Listing 'Get-KasmUser -Connection $Connection -Verbose | Measure-Object | ForEach-Object Count'
        $all.Output | Should -Be 20002
        $all.Line | Should -Not -Match 'stopped after'
        $first = Invoke-Listing 'Get-KasmUser -Connection $Connection -Verbose | Select-Object -First 1'
        $first.Output | Should -HaveCount 1
        $first.Output[0].UserName | Should -Not -BeNullOrEmpty
        $first.Line | Should -Match 'stopped after \d+ bytes\)$'
        # A few kilobytes of a multi-megabyte answer.
        $first.Bytes | Should -BeLessThan ($all.Bytes / 20)
    }

    It 'gives the same users as a whole read (the -Debug path reads the body whole)' {
        $streamed = @(Get-KasmUser | Select-Object UserId, UserName, Organization)
        $whole = @((Invoke-Debugged { Get-KasmUser }).Output | Select-Object UserId, UserName, Organization)
        $streamed | Should -HaveCount 20002
        ($streamed | ConvertTo-Json -Compress) | Should -BeExactly ($whole | ConvertTo-Json -Compress)
    }

    It 'keeps every unmodelled field of a streamed user, read when asked for, as a whole read keeps it' {
        $streamed = @(Get-KasmUser | Select-Object -First 300)
        $whole = @((Invoke-Debugged { Get-KasmUser }).Output | Select-Object -First 300)
        $streamed[0].AdditionalProperties.Count | Should -BeGreaterThan 0
        for ($i = 0; $i -lt 300; $i++) {
            $s = $streamed[$i].AdditionalProperties; $w = $whole[$i].AdditionalProperties
            (@($s.Keys | Sort-Object) -join ',') | Should -BeExactly (@($w.Keys | Sort-Object) -join ',')
            ([pscustomobject] $s | ConvertTo-Json -Compress -Depth 5) | Should -BeExactly ([pscustomobject] $w | ConvertTo-Json -Compress -Depth 5)
        }
    }
}
