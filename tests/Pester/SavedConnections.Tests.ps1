#Requires -Version 5.1
# Saved connections: Save-KasmConnection writes the profile file (here the one KASM_CONNECTIONS_FILE names, in
# TestDrive), never with the secret in it; Connect-Kasm -Name reads the secret from the environment (or a vault, or on
# Windows a DPAPI export); -SaveSecret is refused where nothing protects it. Against the kasm-1.15 emulator over HTTPS.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $kasm = Start-TestKasm -EmulatorProfile 'kasm-1.15'
    $emu = $kasm.Emulator
    $key = Get-EmulatorKey $emu
    $savedFileVariable = $env:KASM_CONNECTIONS_FILE
    $file = Join-Path $TestDrive 'config/connections.json'
    $env:KASM_CONNECTIONS_FILE = $file

    function Get-SecretForms([string] $Secret) {
        # The plain secret and the encodings a careless store might use.
        $Secret
        [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Secret))
        [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($Secret))
        -join ([Text.Encoding]::UTF8.GetBytes($Secret) | ForEach-Object { $_.ToString('x2') })
        -join ([Text.Encoding]::Unicode.GetBytes($Secret) | ForEach-Object { $_.ToString('x2') })
    }
}

AfterAll {
    $env:KASM_CONNECTIONS_FILE = $savedFileVariable
    Remove-Item Env:KASM_LAB_SECRET -ErrorAction SilentlyContinue
    Stop-TestKasm $kasm
}

Describe 'Save-KasmConnection' {
    It 'saves the default connection''s server, key and TLS pin under a name, in the file KASM_CONNECTIONS_FILE names' {
        $out = Save-KasmConnection -Name lab -ErrorAction Stop
        $out | Should -BeOfType [System.IO.FileInfo]
        $out.FullName | Should -Be $file
        $entry = (Get-Content $file -Raw | ConvertFrom-Json) | Where-Object Name -EQ 'lab'
        $entry.Server | Should -Be ([uri] $emu.Url).AbsoluteUri
        $entry.ApiKey | Should -BeExactly $key.apiKey
        $entry.CertificateThumbprint | Should -Contain $kasm.Connection.CertificateThumbprint[0]
        $entry.SecretSource | Should -BeExactly 'Environment'
        $entry.SecretVariable | Should -BeExactly 'KASM_API_KEY_SECRET'
    }

    It 'writes no secret into the file, in any form, whatever the secret''s source' {
        Save-KasmConnection -Name prod -SecretVariable KASM_PROD_SECRET -ErrorAction Stop | Out-Null
        Save-KasmConnection -Name vaulted -VaultSecretName KasmLab -Vault LabVault -ErrorAction Stop | Out-Null
        $text = Get-Content $file -Raw
        @((ConvertFrom-Json $text) | ForEach-Object Name) | Should -Be @('lab', 'prod', 'vaulted')
        foreach ($form in Get-SecretForms $key.apiKeySecret) { $text | Should -Not -Match ([regex]::Escape($form)) }
        $text | Should -Not -Match 'ProtectedSecret"\s*:\s*"'
    }

    It 'keeps the file readable by its owner only' -Skip:($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
        Save-KasmConnection -Name modecheck -Force -ErrorAction Stop | Out-Null
        [System.IO.File]::GetUnixFileMode($file) | Should -Be ([System.IO.UnixFileMode]'UserRead, UserWrite')
        @(Get-ChildItem (Split-Path $file) -Filter '*.tmp') | Should -HaveCount 0
    }

    It 'warns when the connection it saves skips certificate checks' {
        $secret = ConvertTo-TestSecureString $key.apiKeySecret
        $c = Connect-Kasm -Server $emu.Url -ApiKey $key.apiKey -ApiKeySecret $secret -SkipCertificateCheck -WarningAction SilentlyContinue -ErrorAction Stop
        try {
            $null = Save-KasmConnection -Name skipping -Connection $c -Force -WarningVariable warned -WarningAction SilentlyContinue -ErrorAction Stop
            @($warned) | Should -HaveCount 1
            "$($warned[0])" | Should -Match 'CertificateThumbprint'
            $null = Save-KasmConnection -Name pinned -Connection $kasm.Connection -Force -WarningVariable quiet -WarningAction SilentlyContinue -ErrorAction Stop
            @($quiet) | Should -HaveCount 0
        }
        finally { Disconnect-Kasm -Connection $c }
    }

    It 'refuses a name that is already saved unless -Force is given' {
        { Save-KasmConnection -Name lab -ErrorAction Stop } | Should -Throw -ErrorId 'KasmInvalidArgument,*'
        Save-KasmConnection -Name lab -Force -ErrorAction Stop | Should -Not -BeNullOrEmpty
    }

    It 'refuses -SaveSecret outside Windows, saying to use the environment or a vault, and saves nothing' -Skip:($IsWindows -or $PSVersionTable.PSEdition -eq 'Desktop') {
        $before = Get-Content $file -Raw
        $ev = @(try { Save-KasmConnection -Name plain -SaveSecret -ErrorAction Stop } catch { $_ })
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        $ev[0].Exception.Message | Should -Match 'environment variable'
        $ev[0].Exception.Message | Should -Match 'SecretManagement vault'
        Get-Content $file -Raw | Should -BeExactly $before
    }

    It 'under -WhatIf names the entry and the file, and writes nothing' {
        $before = Get-Content $file -Raw
        $run = Invoke-Captured { Save-KasmConnection -Name other -WhatIf }
        $run.Errors | Should -BeNullOrEmpty
        $run.WhatIf | Should -HaveCount 1
        $run.WhatIf[0] | Should -BeLike "*saved connection other in $file*"
        Get-Content $file -Raw | Should -BeExactly $before
    }
}

Describe 'Connect-Kasm -Name' {
    BeforeAll {
        Save-KasmConnection -Name envlab -SecretVariable KASM_LAB_SECRET -Force -ErrorAction Stop | Out-Null
    }
    AfterEach {
        Remove-Item Env:KASM_LAB_SECRET -ErrorAction SilentlyContinue
    }

    It 'connects with the saved settings and the secret from the environment variable the entry names' {
        $env:KASM_LAB_SECRET = $key.apiKeySecret
        $c = Connect-Kasm -Name envlab -ErrorAction Stop
        try {
            $c.Server.AbsoluteUri | Should -Be ([uri] $emu.Url).AbsoluteUri
            $c.ApiKey | Should -BeExactly $key.apiKey
            $c.CertificateThumbprint | Should -Be $kasm.Connection.CertificateThumbprint
            (Get-KasmImage -Name Chrome -Connection $c).FriendlyName | Should -BeExactly 'Chrome'
        }
        finally { Disconnect-Kasm -Connection $c }
    }

    It 'with the variable unset, says which variable to set, before anything is sent' {
        Clear-EmulatorRequestLog $emu
        { Connect-Kasm -Name envlab -ErrorAction Stop } | Should -Throw -ErrorId 'KasmInvalidArgument,*' -ExpectedMessage '*KASM_LAB_SECRET*'
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }

    It 'an unknown name is KasmItemNotFound and lists the saved ones' {
        { Connect-Kasm -Name nosuch -ErrorAction Stop } | Should -Throw -ErrorId 'KasmItemNotFound,*' -ExpectedMessage '*envlab*'
    }

    It 'a vault entry without SecretManagement installed says to install it, before anything is sent' -Skip:([bool](Get-Command Get-Secret -ErrorAction SilentlyContinue)) {
        Save-KasmConnection -Name vaulted -VaultSecretName KasmLab -Force -ErrorAction Stop | Out-Null
        Clear-EmulatorRequestLog $emu
        { Connect-Kasm -Name vaulted -ErrorAction Stop } | Should -Throw -ErrorId 'KasmInvalidArgument,*' -ExpectedMessage '*Microsoft.PowerShell.SecretManagement*'
        @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
    }

    Context 'with a vault (a stand-in Get-Secret, as SecretManagement defines it)' -Skip:([bool](Get-Command Get-Secret -CommandType Cmdlet -ErrorAction SilentlyContinue)) {
        BeforeAll {
            # SecretManagement is not installed here: a global function of the same name and parameters stands in for
            # it, serving the emulator's secret for 'KasmLab' in 'LabVault' and failing as a vault does otherwise.
            $global:KasmTestVaultSecret = ConvertTo-TestSecureString $key.apiKeySecret
            function global:Get-Secret([string] $Name, [string] $Vault) {
                if ($Name -eq 'KasmLab' -and $Vault -eq 'LabVault') { return $global:KasmTestVaultSecret }
                if ($Name -eq 'NotSecure') { return 'plain text' }
                Write-Error "The secret $Name was not found." -ErrorAction Stop
            }
        }
        AfterAll {
            Remove-Item Function:\Get-Secret -ErrorAction SilentlyContinue
            Remove-Variable KasmTestVaultSecret -Scope Global -ErrorAction SilentlyContinue
        }

        It 'connects with the secret the vault gives' {
            Save-KasmConnection -Name vaulted -VaultSecretName KasmLab -Vault LabVault -Force -ErrorAction Stop | Out-Null
            $c = Connect-Kasm -Name vaulted -ErrorAction Stop
            try {
                $c.ApiKey | Should -BeExactly $key.apiKey
                @(Get-KasmImage -Connection $c -ErrorAction Stop).Count | Should -BeGreaterThan 0
            }
            finally { Disconnect-Kasm -Connection $c }
        }

        It 'a secret the vault does not have is KasmInvalidArgument naming it, before anything is sent' {
            Save-KasmConnection -Name vaultmiss -VaultSecretName Missing -Vault LabVault -Force -ErrorAction Stop | Out-Null
            Clear-EmulatorRequestLog $emu
            { Connect-Kasm -Name vaultmiss -ErrorAction Stop } | Should -Throw -ErrorId 'KasmInvalidArgument,*' -ExpectedMessage "*'Missing'*"
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }

        It 'a vault answer that is not a SecureString is KasmInvalidArgument, before anything is sent' {
            Save-KasmConnection -Name vaultplain -VaultSecretName NotSecure -Force -ErrorAction Stop | Out-Null
            Clear-EmulatorRequestLog $emu
            { Connect-Kasm -Name vaultplain -ErrorAction Stop } | Should -Throw -ErrorId 'KasmInvalidArgument,*'
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
        }
    }
}
