#Requires -Version 5.1
# Every help example of every exported cmdlet runs as written (CONTRIBUTING.md, "Help examples"): against the kasm-1.15
# emulator over HTTPS, reset to its fixtures before each example, in a fresh runspace connected with the demo key,
# with $server and $secret defined. An example fails on any error record, and on a prompt (the runspace's host cannot
# prompt). An example whose code starts with "# not run: <reason>" is skipped with that reason.

BeforeDiscovery {
    $modulePath = if ($env:KASM_MODULE_PATH) { $env:KASM_MODULE_PATH } else { Join-Path $PSScriptRoot '../../out/Kasm' }
    $manifest = Join-Path $modulePath 'Kasm.psd1'
    Import-Module $manifest -Force
    $cmdletCases = foreach ($name in (Import-PowerShellDataFile $manifest).CmdletsToExport) {
        $i = 0
        $examples = foreach ($ex in @((Get-Help $name -Full).examples.example)) {
            $i++
            $code = [string]$ex.code
            $first = ($code -split '\r?\n')[0].Trim()
            @{
                Cmdlet = $name
                Number = $i
                Code   = $code
                Skip   = if ($first -match '^#\s*not run:\s*(.+)$') { $Matches[1] } else { '' }
            }
        }
        @{ Name = $name; Examples = @($examples) }
    }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe 'Help examples of <Name>' -ForEach $cmdletCases {
    It 'has at least one example' {
        $Examples.Count | Should -BeGreaterOrEqual 1
    }

    It 'example <Number> runs as written' -ForEach $Examples {
        if ($Skip) { Set-ItResult -Skipped -Because "it says: not run: $Skip"; return }
        Reset-Emulator $kasm.Emulator
        # In a folder of its own (an example may write a file), with the KASM_* variables put back afterwards.
        $folder = Join-Path ([IO.Path]::GetTempPath()) ("kasm-example-" + [guid]::NewGuid().ToString('N').Substring(0, 8))
        $null = New-Item -ItemType Directory -Path $folder
        $saved = @(Get-ChildItem Env: | Where-Object Name -Like 'KASM_*')
        try {
            # Saved connections go to the example's folder, not to the user's configuration.
            $env:KASM_CONNECTIONS_FILE = Join-Path $folder 'connections.json'
            $run = Invoke-InCapturingHost -Emulator $kasm.Emulator -Script "Set-Location -LiteralPath '$folder'`n$Code"
        }
        finally {
            Get-ChildItem Env: | Where-Object Name -Like 'KASM_*' | ForEach-Object { Remove-Item "Env:$($_.Name)" }
            foreach ($v in $saved) { Set-Item "Env:$($v.Name)" $v.Value }
            Remove-Item $folder -Recurse -Force -ErrorAction SilentlyContinue
        }
        $problems = @($run.Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
        $problems | Should -BeNullOrEmpty -Because "example $Number of $Cmdlet should run without errors:`n$Code"
    }
}
