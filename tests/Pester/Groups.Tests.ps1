#Requires -Version 5.1
# Get-KasmGroup against the real emulator over HTTPS, once per profile (the worked example of CONTRIBUTING.md).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
}

Describe 'Get-KasmGroup against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly
        $emu = $kasm.Emulator
        $limited = $kasm.Connections.imagesonly
        $conn = $kasm.Connection
        $wire = (Invoke-KasmApi get_groups -Raw -ErrorAction Stop | ConvertFrom-Json).groups
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach { Clear-EmulatorRequestLog $emu }

    It 'lists every group the server sends as KasmGroup objects, with one get_groups request' {
        $groups = @(Get-KasmGroup -ErrorAction Stop)
        $groups | Should -HaveCount @($wire).Count
        foreach ($g in $groups) { $g | Should -BeOfType ([Kasm.Models.KasmGroup]) }
        $all = $groups | Where-Object Name -EQ 'All Users'
        $all.GroupId | Should -Be ([guid] '68d557ac4cac42cca9f31c7c853de0f3')
        $all.IsSystem | Should -BeTrue
        $all.Priority | Should -Be ($wire | Where-Object name -EQ 'All Users').priority
        $all.Connection | Should -Be $conn
        (Get-EmulatorRequestMethod $emu) | Should -Be @('get_groups')
    }

    It 'matches -Name with wildcards; a literal name that matches nothing is KasmItemNotFound with the name as target' {
        (Get-KasmGroup -Name 'admin*' -ErrorAction Stop).Name | Should -Be 'Administrators'
        $r = @(Get-KasmGroup -Name 'All Users', 'Nobody' -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r.Name | Should -Be @('All Users')
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        $ev[0].TargetObject | Should -BeExactly 'Nobody'
    }

    It 'shows name, priority and system flag in the default table' {
        $text = Get-KasmGroup -Name 'All Users' | Out-String -Width 120
        $text | Should -Match 'Name\s+Priority\s+IsSystem'
        $text | Should -Match 'All Users'
    }

    It 'a key without Groups View is refused with <NoPermissionId>, naming the permission' {
        Get-KasmGroup -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        $ev[0].Exception.Message | Should -BeLike '*Groups View*'
    }
}
