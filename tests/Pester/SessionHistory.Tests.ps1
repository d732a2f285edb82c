#Requires -Version 5.1
# Get-KasmSessionHistory against the real emulator over HTTPS, once per profile: every row once whichever page base
# the server uses, filters sent and applied, newest first, live sessions, streaming, piping, and the failures by ErrorId.

Describe 'Session history against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
        # The fixtures: twelve past sessions, one a day (the two recorded ones first).
        $recorded = [guid] 'e1f2a3b4c5d64e7f8091a2b3c4d5e6f7'
    }
    AfterAll { Stop-TestKasm $kasm }
    AfterEach { Set-EmulatorFault $emu -Clear }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0; maxKasmsPerUser = 5; licenseLimit = 20; sessionHistoryPageBase = 1 }
    }

    It 'lists every row once, newest first, whether pages start at <_>' -ForEach 1, 0 {
        $null = Set-EmulatorSetting $emu @{ sessionHistoryPageBase = $_ }
        Clear-EmulatorRequestLog $emu
        $rows = @(Get-KasmSessionHistory -PageSize 5 -ErrorAction Stop)
        $rows | Should -HaveCount 12
        @($rows.AccountId | Select-Object -Unique) | Should -HaveCount 12
        $rows[0] | Should -BeOfType ([Kasm.Models.KasmSessionHistoryEntry])
        $rows[-1].KasmId | Should -Be $recorded
        for ($i = 1; $i -lt $rows.Count; $i++) { $rows[$i].CreatedDate | Should -BeLessOrEqual $rows[$i - 1].CreatedDate }
        $rows[-1].UserName | Should -Be 'user@kasm.local'
        $rows[-1].ImageName | Should -Be 'Chrome'
        $rows[-1].DestroyedDate | Should -BeGreaterThan $rows[-1].CreatedDate
        $rows[-1].UsageHours | Should -Be 1.5
        $rows[-1].IsActive | Should -BeFalse
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_session_history' }).Count | Should -BeLessOrEqual 5
    }

    It 'a live session is a row without a destroyed date, and gets one when it is removed' {
        $session = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
        $live = @($session | Get-KasmSessionHistory -ErrorAction Stop)
        $live | Should -HaveCount 1
        $live[0].KasmId | Should -Be $session.KasmId
        $live[0].IsActive | Should -BeTrue
        $session | Remove-KasmSession -Confirm:$false -ErrorAction Stop
        $ended = @(Get-KasmSessionHistory -KasmId $session.KasmId -ErrorAction Stop)
        $ended[0].DestroyedDate | Should -Not -BeNullOrEmpty
        @(Get-KasmSessionHistory -ErrorAction Stop) | Should -HaveCount 13
    }

    It 'sends the filters as Kasm''s filter list and keeps only rows that match' {
        $user = Get-KasmUser -UserName admin@kasm.local -ErrorAction Stop
        $debugged = Invoke-Debugged { @(Get-KasmSessionHistory -UserName admin@kasm.local -After ([datetime]::new(2000, 1, 1, 0, 0, 0, [DateTimeKind]::Utc)) -ErrorAction Stop) }
        $debugged.Output | Should -HaveCount 3
        $debugged.Output.UserId | Should -Be @($user.UserId, $user.UserId, $user.UserId)
        $body = @(Get-SentBody $debugged.Debug -Method get_session_history)[0]
        ($body.filters | Where-Object id -eq 'user_id').value | Should -BeExactly $user.UserId.ToString('N')
        ($body.filters | Where-Object id -eq 'created_date').value.from | Should -BeExactly '2000-01-01 00:00:00'
        $body.sort_direction | Should -BeExactly 'desc'
        $all = @(Get-KasmSessionHistory -PageSize 100)
        $middle = $all[5].CreatedDate
        @(Get-KasmSessionHistory -Before $middle) | Should -HaveCount 7
        @(Get-KasmSessionHistory -After $middle) | Should -HaveCount 6
        @(Get-KasmUser -UserName admin@kasm.local | Get-KasmSessionHistory) | Should -HaveCount 3
    }

    It 'Select-Object -First asks for one page only, and an entry pipes to Get-KasmSessionRecording' {
        Clear-EmulatorRequestLog $emu
        $first = @(Get-KasmSessionHistory -PageSize 5 | Select-Object -First 2)
        $first | Should -HaveCount 2
        @(Get-EmulatorRequestMethod $emu | Where-Object { $_ -eq 'get_session_history' }) | Should -HaveCount 1
        @(Get-KasmSessionHistory -KasmId $recorded | Get-KasmSessionRecording -ErrorAction Stop) | Should -HaveCount 7
    }

    It 'refuses bad input before anything is sent' {
        Clear-EmulatorRequestLog $emu
        Get-KasmSessionHistory -After ([datetime] '2030-01-02') -Before ([datetime] '2030-01-01') -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidArgument,*'
        { Get-KasmSessionHistory -PageSize 0 } | Should -Throw -ErrorId 'ParameterArgumentValidationError,*'
        Get-KasmSessionHistory -UserName nobody@kasm.local -ErrorVariable ev2 -ErrorAction SilentlyContinue
        $ev2[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
        @(Get-EmulatorRequestMethod $emu) | Should -Not -Contain 'get_session_history'
    }

    It 'a key without Sessions View is refused with <NoPermissionId>; a read-only key may read the history' {
        Get-KasmSessionHistory -Connection $kasm.Connections.imagesonly -ErrorVariable ev -ErrorAction SilentlyContinue
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        @(Get-KasmSessionHistory -Connection $kasm.Connections.readonly -ErrorAction Stop) | Should -HaveCount 12
    }

    It 'a server error is a KasmServerError and writes no rows' {
        $null = Set-EmulatorFault $emu -ApiMethod get_session_history -Status 500 -Body html
        $rows = @(Get-KasmSessionHistory -ErrorVariable ev -ErrorAction SilentlyContinue)
        $rows | Should -HaveCount 0
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmServerError,*'
    }
}
