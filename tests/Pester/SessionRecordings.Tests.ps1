#Requires -Version 5.1
# Get-KasmSessionRecording against the real emulator over HTTPS, once per profile: every page, streamed (Select-Object
# -First stops the paging), download links and the "error" link, the licence failure, the refused key, piped sessions.

Describe 'Get-KasmSessionRecording against the <EmulatorProfile> emulator' -ForEach @(
    @{ EmulatorProfile = 'seed'; NoPermissionId = 'KasmForbidden' }
    @{ EmulatorProfile = 'kasm-1.15'; NoPermissionId = 'KasmUnauthorized' }
    @{ EmulatorProfile = 'kasm-1.19'; NoPermissionId = 'KasmForbidden' }
) {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -KeyName imagesonly, readonly
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
        $recorded = [guid] 'e1f2a3b4c5d64e7f8091a2b3c4d5e6f7'
        $short = [guid] 'e2f3a4b5c6d74f8091a2b3c4d5e6f708'
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu @{ sessionRecordingLicensed = $true; recordingLinksFail = $false }
    }

    It 'lists every recording over both pages, in order, with durations and no links' {
        $debugged = Invoke-Debugged { @(Get-KasmSessionRecording -KasmId $recorded -ErrorAction Stop) }
        $r = $debugged.Output
        $r | Should -HaveCount 7
        $r[0] | Should -BeOfType ([Kasm.Models.KasmSessionRecording])
        $r.RecordingId | Should -Be (1..7 | ForEach-Object { [guid] ('f10000000000400080000000000000{0:x2}' -f $_) })
        $r.KasmId | Sort-Object -Unique | Should -Be $recorded
        $r[0].Duration | Should -Be ([timespan]::FromSeconds(60.5))
        $r[6].Duration | Should -Be ([timespan]::FromSeconds(420.5))
        $r[0].Url | Should -Match '^s3://'
        $r.DownloadUrl | Where-Object { $_ } | Should -BeNullOrEmpty
        $r.DownloadLinkFailed | Should -Not -Contain $true
        $r[0].Connection | Should -Be $conn
        $bodies = @(Get-SentBody $debugged.Debug -Method get_session_recordings)
        $bodies.page | Should -Be @(1, 2)
        $bodies[0].target_kasm_id | Should -BeExactly 'e1f2a3b4c5d64e7f8091a2b3c4d5e6f7'
        $bodies[0].PSObject.Properties.Name | Should -Not -Contain 'preauth_download_link'
        Get-EmulatorRequestMethod $emu | Should -Be @('get_session_recordings', 'get_session_recordings')
    }

    It 'stops asking for pages once Select-Object -First has what it needs' {
        $first = @(Get-KasmSessionRecording -KasmId $recorded -ErrorAction Stop | Select-Object -First 3)
        $first | Should -HaveCount 3
        Get-EmulatorRequestMethod $emu | Should -Be @('get_session_recordings')
    }

    It 'asks for one page when the first page holds the total' {
        @(Get-KasmSessionRecording -KasmId $short -ErrorAction Stop).Duration | Should -Be ([timespan]::FromSeconds(42))
        Get-EmulatorRequestMethod $emu | Should -Be @('get_session_recordings')
    }

    It '-DownloadLink gives a link per recording; a failed signing is no link, a flag and a warning' {
        $linked = @(Get-KasmSessionRecording -KasmId $short -DownloadLink -ErrorAction Stop)
        $linked[0].DownloadUrl | Should -Match '^https://'
        $linked[0].DownloadLinkFailed | Should -BeFalse
        $null = Set-EmulatorSetting $emu @{ recordingLinksFail = $true }
        $failed = @(Get-KasmSessionRecording -KasmId $recorded -DownloadLink -ErrorAction Stop -WarningVariable wv -WarningAction SilentlyContinue)
        $failed | Should -HaveCount 7
        $failed.DownloadUrl | Where-Object { $_ } | Should -BeNullOrEmpty
        $failed.DownloadLinkFailed | Sort-Object -Unique | Should -Be $true
        $wv | Should -HaveCount 7
        "$($wv[0])" | Should -Match 'f1000000-0000-4000-8000-000000000001'
    }

    It 'fails with KasmNotLicensed when no licence grants recording, after reading the licences' {
        $null = Set-EmulatorSetting $emu @{ sessionRecordingLicensed = $false }
        $r = @(Get-KasmSessionRecording -KasmId $recorded -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmNotLicensed,*'
        $ev[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $ev[0].TargetObject | Should -Be $recorded
        Get-EmulatorRequestMethod $emu | Should -Be @('get_session_recordings', 'get_licenses')
    }

    It 'keeps an unknown session a plain request error while the licence grants recording' {
        $r = @(Get-KasmSessionRecording -KasmId ([guid] '00000000000040008000000000000000') -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmInvalidRequest,*'
    }

    It 'a failing session in a pipeline neither stops nor hides the others' {
        $rows = @([pscustomobject]@{ KasmId = $short }, [pscustomobject]@{ KasmId = [guid] '00000000000040008000000000000000' }, [pscustomobject]@{ KasmId = $recorded })
        $r = @($rows | Get-KasmSessionRecording -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 8
        $ev | Should -HaveCount 1
    }

    It 'reads with a read-only key; a key without Session Recordings View is refused' {
        @(Get-KasmSessionRecording -KasmId $short -Connection $kasm.Connections.readonly -ErrorAction Stop) | Should -HaveCount 1
        $r = @(Get-KasmSessionRecording -KasmId $short -Connection $kasm.Connections.imagesonly -ErrorVariable ev -ErrorAction SilentlyContinue)
        $r | Should -HaveCount 0
        $ev | Should -HaveCount 1
        $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
        "$($ev[0])" | Should -Match 'Session Recordings View'
    }

    It 'takes piped sessions: a live session without recordings gives none and no error' {
        $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 0 }
        $s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -ErrorAction Stop
        @($s | Get-KasmSessionRecording -ErrorAction Stop) | Should -HaveCount 0
        (Get-EmulatorRequestLog $emu | Where-Object method -EQ 'get_session_recordings').path | Should -Be @('/api/public/get_session_recordings')
    }
}
