#Requires -Version 5.1
# Get-KasmZone, Get-KasmServer, Get-KasmLicense, Get-KasmApiKey, Get-KasmSetting against the real emulator over
# HTTPS, once per profile: objects, -Name, not-found, the refused key, and secrets that never reach output or -Debug.

Describe 'Infrastructure reads against the <EmulatorProfile> emulator' -ForEach @(
    # A key without the view permission: seed 403, 1.15 401, 1.19 403 (src/Kasm.Emulator/Api/ErrorMapper.cs).
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401 }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $readOnly = $kasm.Connections.readonly
        $conn = $kasm.Connection
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach { Reset-Emulator $emu }

    It 'Get-KasmZone lists the default zone in the brief form, with its session count' {
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0 }
        $null = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
        $debugged = Invoke-Debugged { @(Get-KasmZone -ErrorAction Stop) }
        $zones = $debugged.Output
        $zones | Should -HaveCount 1
        $z = $zones[0]
        $z | Should -BeOfType ([Kasm.Models.KasmZone])
        $z.Name | Should -BeExactly 'default'
        $z.ZoneId | Should -Be ([guid] '2f1e0d9c8b7a46b5a4c3d2e1f0a9b8c7')
        $z.SessionCount | Should -Be 1
        $z.LoadStrategy | Should -BeExactly 'least_load'
        $z.ProxyPort | Should -Be 443
        $z.Connection | Should -Be $conn
        $z.AdditionalProperties.Keys | Should -Not -Contain 'servers'
        @(Get-SentBody $debugged.Debug -Method get_zones)[0].brief | Should -BeTrue
        @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'get_zones').path | Should -Be @('/api/admin/get_zones')
        foreach ($n in $z.PSObject.Properties.Name) { $n | Should -MatchExactly '^[A-Z][A-Za-z0-9]*$' -Because "$n should be PascalCase" }
    }

    It 'Get-KasmServer lists the agent and the desktop, connection secrets as *** in output and -Debug' {
        $debugged = Invoke-Debugged { @(Get-KasmServer -ErrorAction Stop) }
        $servers = $debugged.Output
        $servers.Hostname | Should -Be @('kasm-agent-01', 'win-desktop-01.example.com')
        $servers[0] | Should -BeOfType ([Kasm.Models.KasmServer])
        $servers[0].ServerType | Should -BeExactly 'host'
        $servers[0].Cores | Should -Be 8
        $servers[0].ConnectionPassword | Should -BeNullOrEmpty
        $desktop = $servers[1]
        $desktop.ConnectionType | Should -BeExactly 'RDP'
        $desktop.ConnectionPassword | Should -BeExactly '***'
        $desktop.ConnectionPrivateKey | Should -BeExactly '***'
        $desktop.ConnectionPassphrase | Should -BeExactly '***'
        $desktop.AdditionalProperties.Keys | Should -Not -Contain 'connection_password'
        $desktop.ZoneName | Should -BeExactly 'default'
        ($debugged.Debug -join "`n") | Should -Not -Match '\*{10}'
        ($debugged.Debug -join "`n") | Should -Match '"connection_password":"\*\*\*"'
    }

    It 'Get-KasmServer -Name matches host and friendly names with wildcards; a missing literal is KasmItemNotFound' {
        @(Get-KasmServer -Name 'kasm-agent-*' -ErrorAction Stop).Hostname | Should -Be @('kasm-agent-01')
        @(Get-KasmServer -Name 'windows desktop' -ErrorAction Stop).Hostname | Should -Be @('win-desktop-01.example.com')
        $r = @(Get-KasmServer -Name 'kasm-agent-01', 'no-such-host' -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r.Hostname | Should -Be @('kasm-agent-01')
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $ev[0].TargetObject | Should -BeExactly 'no-such-host'
    }

    It 'Get-KasmLicense lists the licence with its features and dates' {
        $l = @(Get-KasmLicense -ErrorAction Stop)
        $l | Should -HaveCount 1
        $l[0] | Should -BeOfType ([Kasm.Models.KasmLicense])
        $l[0].IssuedTo | Should -BeExactly 'Example Corp'
        $l[0].Sku | Should -BeExactly 'Enterprise'
        $l[0].Limit | Should -Be 25
        $l[0].Expiration | Should -Be ([datetime]::new(2027, 6, 30, 0, 0, 0, [DateTimeKind]::Utc))
        $l[0].Features['developer_api'] | Should -BeTrue
        $l[0].Features['auto_scaling'] | Should -BeFalse
    }

    It 'Get-KasmApiKey lists the keys, never a secret, and matches -Name' {
        $debugged = Invoke-Debugged { @(Get-KasmApiKey -ErrorAction Stop) }
        $keys = $debugged.Output
        $keys.Name | Should -Contain 'demo'
        $keys.Name | Should -Contain 'readonly'
        $keys[0] | Should -BeOfType ([Kasm.Models.KasmApiKey])
        ($keys | Where-Object Name -EQ 'readonly').ReadOnly | Should -BeTrue
        ($keys | Where-Object Name -EQ 'demo').ApiKey | Should -BeExactly 'DemoKey00001'
        ($keys | Where-Object Name -EQ 'expired').Expires | Should -Be ([datetime]::new(2020, 1, 1, 0, 0, 0, [DateTimeKind]::Utc))
        foreach ($k in $keys) { $k.ApiKeySecret | Should -BeNullOrEmpty }
        $text = ($keys | Format-List * | Out-String) + ($debugged.Debug -join "`n")
        foreach ($secret in (Get-EmulatorKey $emu).apiKeySecret, 'ReadOnlySecret000000000000000001') { $text | Should -Not -Match ([regex]::Escape($secret)) }
        @(Get-KasmApiKey -Name 'read*' -ErrorAction Stop).Name | Should -Be @('readonly')
        Get-KasmApiKey -Name 'nosuchkey' -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
    }

    It 'Get-KasmSetting lists the global settings and matches -Name' {
        $all = @(Get-KasmSetting -ErrorAction Stop)
        $all.Name | Should -Be @('session_lifetime', 'api_anonymous_creation_limit', 'license_server_url', 'enable_ui_server_logging')
        $s = Get-KasmSetting -Name session_lifetime -ErrorAction Stop
        $s | Should -BeOfType ([Kasm.Models.KasmSetting])
        $s.Value | Should -BeExactly '86400'
        $s.Category | Should -BeExactly 'auth'
        $s.ServicesRestart | Should -BeFalse
        @(Get-KasmSetting -Name '*url*' -ErrorAction Stop).Name | Should -Be @('license_server_url')
    }

    It 'a key without the view permission is <NoPermissionId> for each read, and names the permission' -ForEach @(
        @{ Cmdlet = 'Get-KasmZone'; Method = 'get_zones'; Permission = 'Zones View' }
        @{ Cmdlet = 'Get-KasmServer'; Method = 'get_servers'; Permission = 'Servers View' }
        @{ Cmdlet = 'Get-KasmLicense'; Method = 'get_licenses'; Permission = 'Licenses View' }
        @{ Cmdlet = 'Get-KasmApiKey'; Method = 'get_api_configs'; Permission = 'Devapi View' }
        @{ Cmdlet = 'Get-KasmSetting'; Method = 'get_settings'; Permission = 'Settings View' }
    ) {
        $r = @(& $Cmdlet -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        $ev[0].Exception.StatusCode | Should -Be $NoPermissionStatus
        $ev[0].Exception.Message | Should -Match ([regex]::Escape($Permission))
        $log = @(Get-EmulatorRequestLog $emu)
        $log.method | Should -Be @($Method)
        $log.status | Should -Be @($NoPermissionStatus)
    }

    It 'a read-only key may run every infrastructure read' {
        foreach ($cmdlet in 'Get-KasmZone', 'Get-KasmServer', 'Get-KasmLicense', 'Get-KasmApiKey', 'Get-KasmSetting') {
            @(& $cmdlet -Connection $readOnly -ErrorAction Stop).Count | Should -BeGreaterThan 0 -Because "$cmdlet reads"
        }
    }
}
