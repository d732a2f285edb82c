#Requires -Version 5.1
# The README's tour, run as a new user would: every ```powershell block of README.md in order, against the emulator,
# in one scope. The only changes are the emulator's URL (the tour says https://127.0.0.1:8443) and a users.csv made
# for the bulk step. If the README changes, this runs the new text.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $repo = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $readme = Get-Content (Join-Path $repo 'README.md') -Raw
    # Fenced blocks marked powershell; the Windows PowerShell install block copies into a profile folder: not here.
    $script:blocks = @([regex]::Matches($readme, '(?ms)^[ ]*```powershell\r?\n(.*?)^[ ]*```') | ForEach-Object { $_.Groups[1].Value } |
        Where-Object { $_ -notmatch 'WindowsPowerShell' })
    $emu = Start-TestEmulator -EmulatorProfile 'kasm-1.15' -SessionDelayMs 500

    function Invoke-Tour {
        <#
            Runs every tour block in order against the emulator, in one scope of a runspace whose host records what is
            written to it (so the tour's -WhatIf lines are checked, not printed), as at a prompt: $secret, $alice,
            $session and $problem carry from one block to the next. Returns Outputs (everything the blocks wrote),
            the variables Alice, Session and Problem, the Connection left at the end, and the WhatIf lines.
        #>
        $tourUrl = $emu.Url.TrimEnd('/')
        $codes = @(foreach ($block in $blocks) { $block.Replace('https://127.0.0.1:8443', $tourUrl).Replace('Import-Csv users.csv', "Import-Csv '$(Join-Path $TestDrive 'users.csv')'") })
        $script = {
            $tourOutputs = [System.Collections.Generic.List[object]]::new()
            Set-Location -LiteralPath $TourFolder
            foreach ($TourCode in $TourCodes) {
                $ErrorActionPreference = 'Continue'
                . ([scriptblock]::Create($TourCode)) *>&1 | ForEach-Object { $tourOutputs.Add($_) }
            }
            [pscustomobject]@{ Outputs = $tourOutputs; Alice = $alice; Session = $session; Problem = $problem; Connection = (Get-KasmConnection -ErrorAction SilentlyContinue) }
        }
        $run = Invoke-InCapturingHost -Script $script.ToString() -Variables @{ TourCodes = $codes; TourFolder = [string]$repo }
        $run.Errors | Should -BeNullOrEmpty -Because 'the tour blocks write their errors among their outputs'
        $result = @($run.Output)[-1]
        [pscustomobject]@{ Outputs = @($result.Outputs); Alice = $result.Alice; Session = $result.Session; Problem = $result.Problem; Connection = $result.Connection; WhatIf = $run.WhatIf }
    }

    function Invoke-FreshBuildScript([string[]] $Arguments) {
        <# Runs build.ps1 in a fresh PowerShell, as a user at another prompt would. #>
        $exe = [Environment]::ProcessPath
        $prefix = @(if ([IO.Path]::GetFileNameWithoutExtension($exe) -eq 'dotnet') { Join-Path $PSHOME 'pwsh.dll' })
        $out = & $exe @prefix -NoProfile -NonInteractive -File (Join-Path $repo 'build.ps1') @Arguments 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($out -join "`n")
        $out
    }
}

AfterAll {
    Disconnect-AllKasm
    Stop-TestEmulator $emu
}

Describe 'The README tour' {
    It 'has the blocks a new user follows' {
        $blocks.Count | Should -BeGreaterOrEqual 5
        ($blocks -join "`n") | Should -Match 'Connect-Kasm -Server https://127.0.0.1:8443'
    }

    It 'runs block by block, with only the errors the README announces' {
        Set-Content (Join-Path $TestDrive 'users.csv') -Value @(
            'UserName,FirstName,LastName,Organization'
            'bob@example.com,Bob,Builder,Ops'
            'alice@example.com,Alice,Again,Ops'      # created earlier in the tour: the duplicate row
            'carol@example.com,Carol,Singer,Ops'
        )
        $url = $emu.Url.TrimEnd('/')
        $tour = Invoke-Tour
        $outputs = $tour.Outputs; $alice = $tour.Alice; $session = $tour.Session; $problem = $tour.Problem
        $errors = @($outputs | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        # The duplicate CSV row is the only error written; the NoSuchWorkspace one goes to -ErrorVariable problem.
        @($errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @('KasmInvalidRequest')
        $errors[0].TargetObject | Should -BeExactly 'alice@example.com'
        $problem.FullyQualifiedErrorId | Should -BeExactly 'KasmItemNotFound,Kasm.Cmdlets.GetKasmImageCommand'
        $alice.Organization | Should -BeExactly 'Sales'
        $session.Status | Should -BeExactly 'running'
        $session.KasmUrl.AbsoluteUri | Should -BeLike "$url/#/connect/kasm/*"
        @($outputs | Where-Object { $_ -is [Kasm.Models.KasmUser] }).UserName | Should -Contain 'carol@example.com'
        @($outputs | Where-Object { $_ -is [Kasm.Models.KasmStorageProvider] }).Name | Should -Contain 'Nextcloud'
        $tour.Connection | Should -BeNullOrEmpty   # the tour ends with Disconnect-Kasm
        # Get-KasmImage | Set-KasmImage -Cores 2 -WhatIf names each workspace it would change.
        $tour.WhatIf | Should -Not -BeNullOrEmpty
        $tour.WhatIf | Should -Contain 'Performing the operation "Set cores=2" on target "workspace Chrome".'
    }

    It 'runs again, the same, after build.ps1 -Task ResetEmulator (as the README says)' {
        $port = ([uri] $emu.Url).Port
        $null = Invoke-FreshBuildScript -Arguments @('-Task', 'ResetEmulator', '-Port', $port)
        $tour = Invoke-Tour
        $outputs = $tour.Outputs; $alice = $tour.Alice; $session = $tour.Session
        $errors = @($outputs | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        @($errors | ForEach-Object { ($_.FullyQualifiedErrorId -split ',')[0] }) | Should -Be @('KasmInvalidRequest')
        $alice.Organization | Should -BeExactly 'Sales'
        $session.Status | Should -BeExactly 'running'
    }
}

Describe 'build.ps1 -Task StopEmulator' {
    It 'stops an emulator started in the background, through its control endpoint' {
        $other = Start-TestEmulator -EmulatorProfile 'kasm-1.15'
        try {
            $null = Invoke-FreshBuildScript -Arguments @('-Task', 'StopEmulator', '-Port', ([uri] $other.Url).Port)
            $other.Process.WaitForExit(20000) | Should -BeTrue -Because 'the emulator process ends once asked to stop'
        }
        finally { Stop-TestEmulator $other }
    }
}
