#Requires -Version 7.0
# Logs that are not a terminal get no colour codes: build.ps1 sets NO_COLOR (and plain output rendering) for itself and
# every child when its output is redirected. Checked on a build.ps1 task that fails at once (ResetEmulator against a
# closed port), whose error PowerShell would otherwise colour; the control shows the same failure in a redirected
# PowerShell without build.ps1 does carry colour codes, so the check can fail.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $repoRoot = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $exe = [Environment]::ProcessPath
    $prefix = @()
    if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { $prefix = @(Join-Path $PSHOME 'pwsh.dll') }
    $esc = [string][char]27

    function Invoke-Redirected([string[]] $Arguments) {
        # A child PowerShell whose output goes to files, as a CI log does (a child whose output this PowerShell
        # captures is told to drop colour codes anyway), without the NO_COLOR this test run inherited.
        $saved = $env:NO_COLOR
        Remove-Item Env:NO_COLOR -ErrorAction SilentlyContinue
        $stdout = Join-Path $TestDrive ("out-{0}.txt" -f [guid]::NewGuid().ToString('N'))
        $stderr = "$stdout.err"
        try {
            $p = Start-Process -FilePath $exe -ArgumentList (@($prefix) + @('-NoProfile', '-NonInteractive') + $Arguments) `
                -RedirectStandardOutput $stdout -RedirectStandardError $stderr -NoNewWindow -Wait -PassThru
            [pscustomobject]@{ Text = (Get-Content $stdout -Raw) + (Get-Content $stderr -Raw); ExitCode = $p.ExitCode }
        }
        finally { if ($null -ne $saved) { $env:NO_COLOR = $saved } }
    }
}

Describe 'Logs that are not a terminal' {
    It 'a redirected PowerShell colours an error when nothing turns colour off (the control)' {
        $port = Get-FreeClosedPort
        $script = Join-Path $TestDrive 'control.ps1'
        Set-Content $script "`$ErrorActionPreference = 'Stop'; Invoke-RestMethod -Method Post -Uri https://127.0.0.1:$port/ -SkipCertificateCheck"
        $r = Invoke-Redirected @('-File', $script)
        $r.ExitCode | Should -Not -Be 0
        $r.Text.Contains($esc) | Should -BeTrue -Because 'PowerShell colours errors unless NO_COLOR or plain rendering is set'
    }

    It 'build.ps1 writes the same kind of error without colour codes when its output is redirected' {
        $port = Get-FreeClosedPort
        $r = Invoke-Redirected @('-File', (Join-Path $repoRoot 'build.ps1'), '-Task', 'ResetEmulator', '-Port', $port)
        $r.ExitCode | Should -Not -Be 0
        $r.Text.Trim() | Should -Not -BeNullOrEmpty
        $r.Text.Contains($esc) | Should -BeFalse -Because "build.ps1's log is redirected: $($r.Text)"
    }
}
