#Requires -Version 5.1
# Connect-Kasm, Get-KasmConnection and Disconnect-Kasm against the real emulator over HTTPS, once per profile.
# The 401/403 split differs between Kasm versions (docs/design.md, docs/kasm-api.md#transport-and-authentication), so each profile names its ids.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Connect-Kasm against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; Version = '1.15'; BadSecretId = 'KasmUnauthorized'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; Version = '1.15'; BadSecretId = 'KasmForbidden'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; Version = '1.19'; BadSecretId = 'KasmForbidden'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        $emu = Start-TestEmulator -EmulatorProfile $EmulatorProfile
        $demo = Get-EmulatorKey $emu 'demo'
        $demoSecret = ConvertTo-TestSecureString $demo.apiKeySecret
    }
    AfterAll {
        Disconnect-AllKasm
        Stop-TestEmulator $emu
    }

    Context 'ways to give the credentials' {
        It 'connects with -ApiKey and -ApiKeySecret' {
            $c = Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop
            $c | Should -BeOfType ([Kasm.Client.KasmConnection])
            $c.ApiKey | Should -BeExactly $demo.apiKey
            $c.Server.AbsoluteUri | Should -BeExactly $emu.Url
            $c.IsConnected | Should -BeTrue
        }

        It 'connects with -Credential (user name = key, password = secret)' {
            $cred = [pscredential]::new($demo.apiKey, $demoSecret)
            $c = Connect-Kasm -Server $emu.Url -Credential $cred -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop
            $c.ApiKey | Should -BeExactly $demo.apiKey
            $c.ServerVersion | Should -Not -BeNullOrEmpty
        }

        It 'connects from KASM_SERVER, KASM_API_KEY and KASM_API_KEY_SECRET (a server without scheme means https)' {
            $saved = @{}
            foreach ($n in 'KASM_SERVER', 'KASM_API_KEY', 'KASM_API_KEY_SECRET') { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
            try {
                $env:KASM_SERVER = ([uri] $emu.Url).Authority      # 127.0.0.1:port, no scheme
                $env:KASM_API_KEY = $demo.apiKey
                $env:KASM_API_KEY_SECRET = $demo.apiKeySecret
                $c = Connect-Kasm -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop
                $c.Server.Scheme | Should -BeExactly 'https'
                $c.Server.Port | Should -Be ([uri] $emu.Url).Port
                $c.ApiKey | Should -BeExactly $demo.apiKey
            }
            finally {
                foreach ($n in $saved.Keys) {
                    if ($null -eq $saved[$n]) { Remove-Item "env:$n" -ErrorAction SilentlyContinue } else { Set-Item "env:$n" $saved[$n] }
                }
            }
            [Environment]::GetEnvironmentVariable('KASM_API_KEY_SECRET') | Should -Be $saved['KASM_API_KEY_SECRET']
        }

        It '-Credential without -Server takes the server from KASM_SERVER, and the key from the credential, not KASM_API_KEY' {
            $saved = @{}
            foreach ($n in 'KASM_SERVER', 'KASM_API_KEY', 'KASM_API_KEY_SECRET') { $saved[$n] = [Environment]::GetEnvironmentVariable($n) }
            try {
                $env:KASM_SERVER = $emu.Url
                $env:KASM_API_KEY = 'NotThisKey01'
                $env:KASM_API_KEY_SECRET = 'NotThisSecret0000000000000000001'
                $cred = [pscredential]::new($demo.apiKey, (ConvertTo-TestSecureString $demo.apiKeySecret))
                $c = Connect-Kasm -Credential $cred -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop
                $c.Server.Port | Should -Be ([uri] $emu.Url).Port
                $c.ApiKey | Should -BeExactly $demo.apiKey
            }
            finally {
                foreach ($n in $saved.Keys) {
                    if ($null -eq $saved[$n]) { Remove-Item "env:$n" -ErrorAction SilentlyContinue } else { Set-Item "env:$n" $saved[$n] }
                }
            }
        }

        It 'makes the new connection the default that Get-KasmConnection returns, with ServerVersion <Version>' {
            $c = Connect-TestKasm -Emulator $emu
            $got = Get-KasmConnection -ErrorAction Stop
            $got.Id | Should -Be $c.Id
            (Get-KasmConnection -All).Id | Should -Contain $c.Id
            $got.ServerVersion | Should -BeOfType ([version])
            '{0}.{1}' -f $got.ServerVersion.Major, $got.ServerVersion.Minor | Should -BeExactly $Version
            $got.BuildId | Should -BeLike "$Version.*"
        }
    }

    Context 'failures carry the documented ErrorId' {
        It 'a wrong secret fails with <BadSecretId> and stores no connection' {
            $before = @(Get-KasmConnection -All).Count
            $bad = ConvertTo-TestSecureString ('X' * 32)
            { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $bad -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop } |
                Should -Throw -ErrorId "$BadSecretId,*"
            @(Get-KasmConnection -All).Count | Should -Be $before
        }

        It 'the wrong-secret error has the matching category and names what to check' {
            $bad = ConvertTo-TestSecureString ('X' * 32)
            # A failed connect is terminating: the script must not go on against another connection.
            $ev = @(try { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $bad -CertificateThumbprint $emu.Thumbprint } catch { $_ })
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$BadSecretId,*"
            $expected = if ($BadSecretId -eq 'KasmUnauthorized') { 'AuthenticationError' } else { 'PermissionDenied' }
            $ev[0].CategoryInfo.Category | Should -Be $expected
            $ev[0].Exception | Should -BeOfType ([Kasm.Client.KasmApiException])
            $ev[0].Exception.Message | Should -Match 'secret'
        }

        It 'a key without the permission (imagesonly) connects with a warning, then system_info fails with <NoPermissionId>' {
            $c = Connect-TestKasm -Emulator $emu -KeyName imagesonly -WarningVariable w -WarningAction SilentlyContinue
            $c | Should -Not -BeNullOrEmpty
            @($w).Count | Should -Be 1
            "$w" | Should -Match 'System View'
            $c.ServerVersion | Should -BeNullOrEmpty
            { Invoke-KasmApi system_info -Connection $c -ErrorAction Stop } | Should -Throw -ErrorId "$NoPermissionId,*"
            { Invoke-KasmApi get_kasms -Connection $c -ErrorAction Stop } | Should -Throw -ErrorId "$NoPermissionId,*"
        }

        It 'the missing-permission error names the permission the method needs' {
            $c = Connect-TestKasm -Emulator $emu -KeyName imagesonly -ExtraArgs @{ WarningAction = 'SilentlyContinue' }
            Invoke-KasmApi system_info -Connection $c -ErrorAction SilentlyContinue -ErrorVariable ev
            $ev[0].Exception.RequiredPermission | Should -BeExactly 'System View'
            $ev[0].Exception.Message | Should -Match 'System View'
        }

        It 'an expired key fails with KasmUnauthorized' {
            { Connect-TestKasm -Emulator $emu -KeyName expired } | Should -Throw -ErrorId 'KasmUnauthorized,*'
        }

        It 'a read-only key connects but a write (update_image) fails with KasmUnauthorized' {
            $c = Connect-TestKasm -Emulator $emu -KeyName readonly
            $image = Get-KasmImage -Connection $c -ErrorAction Stop | Select-Object -First 1
            { Invoke-KasmApi update_image -Connection $c -Body @{ target_image = @{ image_id = $image.ImageId.ToString('N'); cores = 1 } } -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmUnauthorized,*'
        }

        It 'an unreachable server (closed port) fails with KasmConnectionFailed' {
            $port = Get-FreeClosedPort
            $sw = [Diagnostics.Stopwatch]::StartNew()
            { Connect-Kasm -Server "https://127.0.0.1:$port" -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -MaximumRetryCount 0 -TimeoutSec 60 -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmConnectionFailed,*'
            # Refused at once, not after the 60 s timeout (the bound is far from both, for a loaded machine).
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 30
        }

        It 'an untrusted (self-signed) certificate fails with KasmConnectionFailed naming both switches and the thumbprint' {
            $ev = @(try { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -MaximumRetryCount 0 } catch { $_ })
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmConnectionFailed,*'
            $ev[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $ev[0].Exception.Message | Should -Match 'SkipCertificateCheck'
            $ev[0].Exception.Message | Should -Match 'CertificateThumbprint'
            $ev[0].Exception.Message | Should -Match $emu.Thumbprint
        }
    }

    Context 'TLS trust' {
        It '-SkipCertificateCheck connects' {
            $c = Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -SkipCertificateCheck -ErrorAction Stop
            $c.SkipCertificateCheck | Should -BeTrue
            $c.IsConnected | Should -BeTrue
        }

        It 'a matching -CertificateThumbprint connects, in any case and with separators' {
            $t = $emu.Thumbprint.ToLowerInvariant() -replace '(..)(?!$)', '$1:'
            $c = Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -CertificateThumbprint $t -ErrorAction Stop
            $c.CertificateThumbprint | Should -Be @($emu.Thumbprint.ToUpperInvariant())
        }

        It 'a wrong -CertificateThumbprint does not connect (KasmConnectionFailed)' {
            { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -CertificateThumbprint ('0' * 40) -MaximumRetryCount 0 -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmConnectionFailed,*'
        }

        It 'a matching SHA-256 thumbprint connects too' {
            $tcp = [System.Net.Sockets.TcpClient]::new('127.0.0.1', ([uri] $emu.Url).Port)
            try {
                $ssl = [System.Net.Security.SslStream]::new($tcp.GetStream(), $false, { $true })
                $ssl.AuthenticateAsClient('127.0.0.1')
                $sha256 = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($ssl.RemoteCertificate).GetCertHashString([System.Security.Cryptography.HashAlgorithmName]::SHA256)
            }
            finally { $tcp.Dispose() }
            $c = Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -CertificateThumbprint $sha256 -MaximumRetryCount 0 -ErrorAction Stop
            $c.CertificateThumbprint | Should -Be @($sha256.ToUpperInvariant())
            @(Get-KasmImage -Connection $c -ErrorAction Stop).Count | Should -BeGreaterThan 0
        }
    }

    Context 'input checked before any request' {
        BeforeEach { Clear-EmulatorRequestLog $emu }

        It 'a malformed -Server fails with KasmInvalidArgument and sends nothing' {
            { Connect-Kasm -Server 'ht!tp://x' -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmInvalidArgument,*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }

        It 'a malformed thumbprint fails with KasmInvalidArgument and sends nothing' {
            { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -CertificateThumbprint 'zz-not-a-thumbprint' -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmInvalidArgument,*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }

        It 'a thumbprint of the wrong length fails with KasmInvalidArgument and sends nothing' {
            { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -CertificateThumbprint $emu.Thumbprint.Substring(2) -ErrorAction Stop } |
                Should -Throw -ErrorId 'KasmInvalidArgument,*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 0
        }

        It 'the good cases above do reach the request log (the log check can fail)' {
            $null = Connect-TestKasm -Emulator $emu
            @(Get-EmulatorRequestLog $emu).Count | Should -BeGreaterThan 0
        }

        It 'an http:// server warns about plain HTTP' {
            $http = 'http://' + ([uri] $emu.Url).Authority
            # The emulator only speaks HTTPS here, so the probe fails; the warning comes before it.
            try {
                Connect-Kasm -Server $http -ApiKey $demo.apiKey -ApiKeySecret $demoSecret -MaximumRetryCount 0 -TimeoutSec 3 `
                    -WarningVariable w -WarningAction SilentlyContinue
            }
            catch { $null = $_ }
            @($w).Count | Should -Be 1
            "$w" | Should -Match 'plain HTTP'
        }

        It 'an https:// server does not warn' {
            $null = Connect-TestKasm -Emulator $emu -WarningVariable w
            $null = Connect-TestKasm -Emulator $emu -KeyName imagesonly -WarningVariable w2 -WarningAction SilentlyContinue
            @($w2).Count | Should -Be 1   # the capture itself works
            @($w).Count | Should -Be 0
        }
    }

    Context 'Disconnect-Kasm' {
        It 'after disconnecting every connection, Get-KasmImage fails with KasmNotConnected' {
            $c = Connect-TestKasm -Emulator $emu
            Disconnect-AllKasm
            Get-KasmConnection -All | Should -BeNullOrEmpty
            $c.IsConnected | Should -BeFalse
            { Get-KasmImage -ErrorAction Stop } | Should -Throw -ErrorId 'KasmNotConnected,*'
            { Get-KasmConnection -ErrorAction Stop } | Should -Throw -ErrorId 'KasmNotConnected,*'
        }

        It 'a disconnected connection passed with -Connection fails with KasmNotConnected' {
            $c = Connect-TestKasm -Emulator $emu
            Disconnect-Kasm -Connection $c
            { Get-KasmImage -Connection $c -ErrorAction Stop } | Should -Throw -ErrorId 'KasmNotConnected,*'
        }

        It 'numbers connections by successful connects only: a failed attempt takes no id' {
            $first = Connect-TestKasm -Emulator $emu
            try { Connect-Kasm -Server $emu.Url -ApiKey $demo.apiKey -ApiKeySecret (ConvertTo-TestSecureString ('Wrong' + '0' * 27)) -CertificateThumbprint $emu.Thumbprint -ErrorAction Stop } catch { }
            $second = Connect-TestKasm -Emulator $emu
            $second.Id | Should -Be ($first.Id + 1)
        }

        It 'disconnecting twice, or with nothing connected, is not an error' {
            $c = Connect-TestKasm -Emulator $emu
            Disconnect-Kasm -Connection $c -ErrorAction Stop
            Disconnect-Kasm -Connection $c -ErrorAction Stop
            Disconnect-AllKasm
            { Disconnect-Kasm -ErrorAction Stop } | Should -Not -Throw
            $v = Disconnect-Kasm -Verbose 4>&1
            "$v" | Should -BeLike '*no Kasm connection*'
        }

        It 'disconnecting the default makes the previous connection the default again' {
            $first = Connect-TestKasm -Emulator $emu
            $second = Connect-TestKasm -Emulator $emu
            (Get-KasmConnection).Id | Should -Be $second.Id
            Disconnect-Kasm
            (Get-KasmConnection).Id | Should -Be $first.Id
        }
    }
}
