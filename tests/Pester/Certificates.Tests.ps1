#Requires -Version 5.1
# TLS certificates the emulator can present (src/Kasm.Emulator/README.md#certificates): self-signed, expired,
# wrong-host, and a second self-signed one ("other"). By default the module refuses each, with KasmConnectionFailed
# naming -SkipCertificateCheck and -CertificateThumbprint, and nothing reaches the server; a pinned thumbprint accepts
# exactly that certificate and no other. The certificate is switched with the emulator's "certificate" setting, and
# every Connect-Kasm makes a new connection, so it meets the certificate set last.

BeforeDiscovery {
    $Kinds = @('self-signed', 'expired', 'wrong-host', 'other')
    $Pairs = @(foreach ($served in $Kinds) { foreach ($pinned in $Kinds) { @{ Served = $served; Pinned = $pinned } } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $emu = Start-TestEmulator -EmulatorProfile 'kasm-1.19'
    $key = Get-EmulatorKey $emu
    $secret = ConvertTo-TestSecureString $key.apiKeySecret
    $thumbprints = Invoke-EmulatorControl $emu 'certificates'
    $script:Tried = [System.Collections.Generic.HashSet[string]]::new()

    function Connect-Served([string] $Kind, [hashtable] $Tls) {
        $null = Set-EmulatorSetting $emu @{ certificate = $Kind }
        $null = $script:Tried.Add($Kind)
        Clear-EmulatorRequestLog $emu
        $result = try { Connect-Kasm -Server $emu.Url -ApiKey $key.apiKey -ApiKeySecret $secret -MaximumRetryCount 0 -TimeoutSec 10 @Tls -ErrorAction Stop } catch { $_ }
        [pscustomobject]@{ Result = $result; Sent = @(Get-EmulatorRequestLog $emu).Count }
    }
}

AfterAll {
    Write-Host "Certificates: $($script:Tried.Count) tried ($($script:Tried -join ', '))"
    Disconnect-AllKasm
    Stop-TestEmulator $emu
}

Describe 'Certificates' {
    It 'the four certificates are different' {
        @($thumbprints.'self-signed', $thumbprints.expired, $thumbprints.'wrong-host', $thumbprints.other | Select-Object -Unique) | Should -HaveCount 4
    }

    It 'a <_> certificate is refused by default with KasmConnectionFailed naming both switches, and nothing is sent' -ForEach $Kinds {
        $r = Connect-Served $_ @{}
        $r.Result | Should -BeOfType [System.Management.Automation.ErrorRecord]
        ([string] $r.Result.FullyQualifiedErrorId).Split(',')[0] | Should -Be 'KasmConnectionFailed'
        $r.Result.Exception.Message | Should -Match '-SkipCertificateCheck'
        $r.Result.Exception.Message | Should -Match '-CertificateThumbprint'
        $r.Result.Exception.Message | Should -Match $thumbprints.$_
        $r.Sent | Should -Be 0
    }

    It 'pinned to <Pinned>, a <Served> certificate is accepted only when they are the same' -ForEach $Pairs {
        $r = Connect-Served $Served @{ CertificateThumbprint = $thumbprints.$Pinned }
        if ($Served -eq $Pinned) {
            $r.Result | Should -BeOfType ([Kasm.Client.KasmConnection])
            $r.Sent | Should -Be 1 -Because 'the probe (system_info) went through'
            Disconnect-Kasm -Connection $r.Result
        }
        else {
            ([string] $r.Result.FullyQualifiedErrorId).Split(',')[0] | Should -Be 'KasmConnectionFailed'
            $r.Sent | Should -Be 0
        }
    }

    It '-SkipCertificateCheck accepts a <_> certificate' -ForEach $Kinds {
        $r = Connect-Served $_ @{ SkipCertificateCheck = $true }
        $r.Result | Should -BeOfType ([Kasm.Client.KasmConnection])
        Disconnect-Kasm -Connection $r.Result
    }

    It 'after the server switches to another certificate, a new connection with the old pin is refused' {
        $r = Connect-Served 'self-signed' @{ CertificateThumbprint = $thumbprints.'self-signed' }
        $c = $r.Result
        $null = Set-EmulatorSetting $emu @{ certificate = 'other' }
        # A fresh connection (new TLS handshake) to the same server with the same pin is refused.
        $again = try { Connect-Kasm -Server $emu.Url -ApiKey $key.apiKey -ApiKeySecret $secret -CertificateThumbprint $thumbprints.'self-signed' -MaximumRetryCount 0 -ErrorAction Stop } catch { $_ }
        ([string] $again.FullyQualifiedErrorId).Split(',')[0] | Should -Be 'KasmConnectionFailed'
        Disconnect-Kasm -Connection $c
        $null = Set-EmulatorSetting $emu @{ certificate = 'self-signed' }
    }
}
