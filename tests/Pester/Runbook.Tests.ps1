#Requires -Version 5.1
# The runbook example (docs/examples/Remove-StaleKasmSessions.ps1, docs/runbook.md) run as a scheduler runs it: a
# fresh pwsh -NonInteractive -File, the module found by name, a saved connection whose secret is in an environment
# variable, against the kasm-1.15 emulator over HTTPS. Its output and exit code are checked: 0 when all went well,
# 1 when a session failed (the emulator refuses one destroy_kasm), 2 when it cannot connect.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $repo = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $runbook = Join-Path $repo 'docs/examples/Remove-StaleKasmSessions.ps1'
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator
    $key = Get-EmulatorKey $emu
    $connections = Join-Path $TestDrive 'connections.json'
    $savedFileVariable = $env:KASM_CONNECTIONS_FILE
    $env:KASM_CONNECTIONS_FILE = $connections
    Save-KasmConnection -Name runbook -SecretVariable KASM_RUNBOOK_SECRET -ErrorAction Stop | Out-Null
    $env:KASM_CONNECTIONS_FILE = $savedFileVariable

    function Invoke-Runbook([string[]] $Arguments, [hashtable] $Environment) {
        <# The runbook in a fresh, non-interactive PowerShell; the module's folder is on PSModulePath, as after an install. #>
        $exe = [Environment]::ProcessPath
        $psi = [System.Diagnostics.ProcessStartInfo]::new($exe)
        if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $psi.ArgumentList.Add((Join-Path $PSHOME 'pwsh.dll')) }
        foreach ($a in @('-NoProfile', '-NonInteractive', '-File', $runbook) + $Arguments) { $psi.ArgumentList.Add($a) }
        $psi.RedirectStandardOutput = $true
        $psi.RedirectStandardError = $true
        $psi.UseShellExecute = $false
        $psi.Environment['PSModulePath'] = (Split-Path (Split-Path (Get-KasmModuleManifestPath))) + [IO.Path]::PathSeparator + $env:PSModulePath
        $psi.Environment['NO_COLOR'] = '1'
        foreach ($k in $Environment.Keys) { $psi.Environment[$k] = $Environment[$k] }
        $p = [System.Diagnostics.Process]::Start($psi)
        $stderr = $p.StandardError.ReadToEndAsync()
        $stdout = $p.StandardOutput.ReadToEnd()
        $p.WaitForExit()
        [pscustomobject]@{ ExitCode = $p.ExitCode; Lines = @($stdout -split '\r?\n' | Where-Object { $_.Trim() }); Err = $stderr.Result }
    }
    $withSecret = @{ KASM_CONNECTIONS_FILE = $connections; KASM_RUNBOOK_SECRET = $key.apiKeySecret }
}

AfterAll {
    Stop-TestKasm $kasm
}

Describe 'The runbook example' {
    BeforeEach {
        Reset-Emulator $emu
        $null = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
        $null = New-KasmSession -ImageName Terminal -UserName user@kasm.local -ErrorAction Stop
        $null = New-KasmSession -ImageName Firefox -UserName admin@kasm.local -ErrorAction Stop
        Clear-EmulatorRequestLog $emu
    }

    It 'ends every stale session, prints a summary and exits 0' {
        $r = Invoke-Runbook -Arguments @('-OlderThanHours', '0', '-ConnectionName', 'runbook') -Environment $withSecret
        $r.ExitCode | Should -Be 0 -Because ($r.Lines + $r.Err -join "`n")
        $r.Lines[-1] | Should -BeExactly 'Ended 3 of 3 sessions older than 0 h; 0 failed.'
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'destroy_kasm' }) | Should -HaveCount 3
        $r.Err | Should -BeNullOrEmpty
    }

    It 'leaves sessions younger than -OlderThanHours alone' {
        $r = Invoke-Runbook -Arguments @('-OlderThanHours', '8', '-ConnectionName', 'runbook') -Environment $withSecret
        $r.ExitCode | Should -Be 0 -Because ($r.Lines + $r.Err -join "`n")
        $r.Lines[-1] | Should -BeExactly 'Ended 0 of 0 sessions older than 8 h; 0 failed.'
        Get-EmulatorRequestMethod $emu | Should -Not -Contain 'destroy_kasm'
    }

    It 'goes on past a session that fails, names it with its ErrorId, and exits 1' {
        Set-EmulatorFault -Emulator $emu -ApiMethod destroy_kasm -Status 403 -Count 1
        $r = Invoke-Runbook -Arguments @('-OlderThanHours', '0', '-ConnectionName', 'runbook') -Environment $withSecret
        $r.ExitCode | Should -Be 1 -Because ($r.Lines + $r.Err -join "`n")
        @($r.Lines | Where-Object { $_ -like 'FAILED session *: KasmForbidden: *' }) | Should -HaveCount 1
        $r.Lines[-1] | Should -BeExactly 'Ended 2 of 3 sessions older than 0 h; 1 failed.'
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'destroy_kasm' }) | Should -HaveCount 3
    }

    It 'exits 2, saying what is missing, when it cannot connect, and ends nothing' {
        $r = Invoke-Runbook -Arguments @('-OlderThanHours', '0', '-ConnectionName', 'runbook') -Environment @{ KASM_CONNECTIONS_FILE = $connections; KASM_RUNBOOK_SECRET = '' }
        $r.ExitCode | Should -Be 2
        $r.Lines[-1] | Should -BeLike 'FAILED to connect: KasmInvalidArgument: *KASM_RUNBOOK_SECRET*'
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }
}
