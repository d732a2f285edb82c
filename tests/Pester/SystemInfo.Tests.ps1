#Requires -Version 5.1
# Get-KasmSystemInfo against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Get-KasmSystemInfo against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; Version = '1.15.0'; UpdateAvailable = $true; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
    @{ EmulatorProfile = 'kasm-1.15'; Version = '1.15.0'; UpdateAvailable = $true; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401 }
    @{ EmulatorProfile = 'kasm-1.19'; Version = '1.19.0'; UpdateAvailable = $false; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $conn = $kasm.Connection
        $wire = (Invoke-KasmApi admin/system_info -Raw -ErrorAction Stop | ConvertFrom-Json).system_info
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ licenseLimit = 5; sessionStartDelayMs = 1500 }
    }

    It 'returns one KasmSystemInfo with Version <Version> parsed from build_id, with one system_info request' {
        $r = @(Get-KasmSystemInfo -ErrorAction Stop)
        $r | Should -HaveCount 1
        $i = $r[0]
        $i | Should -BeOfType ([Kasm.Models.KasmSystemInfo])
        $i.Version | Should -BeOfType ([version])
        $i.Version | Should -Be ([version] $Version)
        $i.BuildId | Should -BeExactly $wire.api.build_id
        $i.BuildId | Should -BeLike "$Version.*"
        $log = @(Get-EmulatorRequestLog $emu)
        $log | Should -HaveCount 1
        $log[0].method | Should -BeExactly 'system_info'
        $log[0].path | Should -BeExactly '/api/admin/system_info'
        $log[0].status | Should -Be 200
    }

    It 'maps the server, licence and update fields, with PascalCase names and the connection' {
        $i = Get-KasmSystemInfo -ErrorAction Stop
        $i.Connection | Should -Be $conn
        $i.ServerHostname | Should -BeExactly $wire.api.server_hostname
        $i.ZoneName | Should -BeExactly $wire.api.zone_name
        $i.ServerId | Should -Be ([guid] $wire.api.server_id)
        $i.InstallationId | Should -Be ([guid] $wire.db.installation_id)
        $i.LicenseType | Should -BeExactly $wire.license.status.license_type
        $i.LicenseLimit | Should -Be 5
        $i.LicenseRemaining | Should -Be 5
        $i.Features | Should -Contain 'developer_api'
        $i.UpdateAvailable | Should -Be $UpdateAvailable
        foreach ($n in $i.PSObject.Properties.Name) { $n | Should -MatchExactly '^[A-Z][A-Za-z0-9]*$' -Because "$n should be PascalCase" }
        $i.AdditionalProperties.Keys | Should -Not -Contain 'build_id'
    }

    It 'follows the server: licence limit and remaining count after a session starts' {
        $null = Set-EmulatorSetting $emu @{ licenseLimit = 7 }
        $u = Get-KasmUser user@kasm.local -ErrorAction Stop
        $null = Get-KasmImage Chrome | New-KasmSession -UserId $u.UserId -ErrorAction Stop
        $i = Get-KasmSystemInfo -ErrorAction Stop
        $i.LicenseLimit | Should -Be 7
        $i.LicenseRemaining | Should -Be 6
    }

    It 'agrees with the version Connect-Kasm found' {
        $conn.ServerVersion | Should -Be ([version] $Version)
        (Get-KasmSystemInfo -ErrorAction Stop).Version | Should -Be $conn.ServerVersion
    }

    It 'renders its default list view with the version, the build and the licence' {
        $text = Get-KasmSystemInfo -ErrorAction Stop | Out-String -Width 200
        $text | Should -Match "Version\s*:\s*$([regex]::Escape($Version))"
        $text | Should -Match "BuildId\s*:\s*$([regex]::Escape($wire.api.build_id))"
        $text | Should -Match 'LicenseLimit\s*:\s*5'
        $text | Should -Not -Match 'AdditionalProperties'
        Get-FormatData -TypeName 'Kasm.Models.KasmSystemInfo' | Should -Not -BeNullOrEmpty
    }

    It 'a key without System View gets <NoPermissionId> (HTTP <NoPermissionStatus>) with the connection as target' {
        $r = @(Get-KasmSystemInfo -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        $ev[0].Exception.StatusCode | Should -Be $NoPermissionStatus
        $ev[0].Exception.RequiredPermission | Should -Match 'System View'
        $ev[0].TargetObject | Should -Be $limited
        $log = @(Get-EmulatorRequestLog $emu)
        $log | Should -HaveCount 1
        $log[0].apiKey | Should -BeExactly $limited.ApiKey
        $log[0].status | Should -Be $NoPermissionStatus
    }

    It '-ErrorAction Stop turns the refusal into a terminating <NoPermissionId>' {
        { Get-KasmSystemInfo -Connection $limited -ErrorAction Stop } | Should -Throw -ErrorId "$NoPermissionId,*"
    }
}
