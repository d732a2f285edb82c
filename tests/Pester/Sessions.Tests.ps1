#Requires -Version 5.1
# New-KasmSession, Get-KasmSession, Remove-KasmSession against the real emulator over HTTPS, once per profile.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force

    # The settings every test starts from (Reset-Emulator keeps settings, so each test sets what it needs).
    $script:BaseSettings = @{ sessionStartDelayMs = 1500; destroyDelayMs = 300; maxKasmsPerUser = 5; licenseLimit = 20 }

    # Starts a session without waiting; fails the test if it cannot.
    function New-TestSession($Image, [guid] $UserId) { $Image | New-KasmSession -UserId $UserId -ErrorAction Stop }
}

Describe 'Sessions against the <EmulatorProfile> emulator' -ForEach @(
    # What each profile answers (src/Kasm.Emulator/Api/ErrorMapper.cs): the seed sends 4xx JSON errors, the kasm
    # profiles send business errors of the session handlers as HTTP 200 + error_message.
    @{ EmulatorProfile = 'seed'; UnknownImageId = 'KasmNotFound'; UnknownImageStatus = 404; LimitId = 'KasmInvalidRequest'; LimitStatus = 400; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
    @{ EmulatorProfile = 'kasm-1.15'; UnknownImageId = 'KasmApiError'; UnknownImageStatus = 200; LimitId = 'KasmApiError'; LimitStatus = 200; NoPermissionId = 'KasmUnauthorized'; NoPermissionStatus = 401 }
    @{ EmulatorProfile = 'kasm-1.19'; UnknownImageId = 'KasmApiError'; UnknownImageStatus = 200; LimitId = 'KasmApiError'; LimitStatus = 200; NoPermissionId = 'KasmForbidden'; NoPermissionStatus = 403 }
) {
    BeforeAll {
        $kasm = Start-TestKasm -EmulatorProfile $EmulatorProfile -SessionDelayMs 1500 -KeyName imagesonly
        $emu = $kasm.Emulator
        $conn = $kasm.Connection
        $limited = $kasm.Connections.imagesonly
        $null = Set-EmulatorSetting $emu $BaseSettings
        $user = Get-KasmUser -UserName 'user@kasm.local' -ErrorAction Stop
        $admin = Get-KasmUser -UserName 'admin@kasm.local' -ErrorAction Stop
        $chrome = Get-KasmImage -Name Chrome -ErrorAction Stop
        $firefox = Get-KasmImage -Name Firefox -ErrorAction Stop
        $terminal = Get-KasmImage -Name Terminal -ErrorAction Stop
        $server = [uri] $emu.Url
    }
    AfterAll { Stop-TestKasm $kasm }
    BeforeEach {
        Reset-Emulator $emu
        $null = Set-EmulatorSetting $emu $BaseSettings
    }

    Context 'Get-KasmImage -Name Chrome | New-KasmSession -UserId $u -Wait' {
        It 'returns one running KasmSession with an absolute https KasmUrl and a SessionToken, progress shown on the way' {
            $ProgressPreference = 'Continue'
            $s = @(Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -Wait -PollIntervalSec 0.2 -ErrorVariable ev)
            $ev | Should -HaveCount 0
            $s | Should -HaveCount 1
            $s[0] | Should -BeOfType ([Kasm.Models.KasmSession])
            $s[0].Status | Should -BeExactly 'running'
            $s[0].ImageId | Should -Be $chrome.ImageId
            $s[0].UserId | Should -Be $user.UserId
            $s[0].KasmId | Should -Not -Be ([guid]::Empty)
            $s[0].KasmUrl | Should -BeOfType ([uri])
            $s[0].KasmUrl.IsAbsoluteUri | Should -BeTrue
            $s[0].KasmUrl.Scheme | Should -BeExactly 'https'
            $s[0].KasmUrl.Authority | Should -Be $server.Authority
            $s[0].KasmUrl.OriginalString | Should -Match $s[0].KasmId.ToString('N')
            $s[0].SessionToken | Should -Not -BeNullOrEmpty
            $s[0].Connection | Should -Be $conn

            # The request log: one get_images, one request_kasm, then get_kasm_status polls until it ran.
            $log = @(Get-EmulatorRequestLog $emu)
            $log[0].method | Should -BeExactly 'get_images'
            $log[1].method | Should -BeExactly 'request_kasm'
            $log[1].path | Should -BeExactly '/api/public/request_kasm'
            @($log | Where-Object method -EQ 'request_kasm').Count | Should -Be 1
            $status = @($log | Where-Object method -EQ 'get_kasm_status')
            # How many polls a 1.5 s start takes depends on the machine's speed; the order of the states is checked
            # deterministically in the xUnit operation tests.
            $status.Count | Should -BeGreaterOrEqual 1
            $status.Count | Should -BeLessThan 30
            # 1.15 answers "starting" with only a message, so each such poll also reads the owner's session list to
            # learn the state; the last poll (running) needs none.
            $lists = @($log | Where-Object method -EQ 'get_user_kasms')
            $lists.Count | Should -Be ($(if ($EmulatorProfile -eq 'kasm-1.15') { $status.Count - 1 } else { 0 }))
            ($status.Count + $lists.Count) | Should -Be ($log.Count - 2) -Because 'nothing else was sent'
            foreach ($e in $log) { $e.status | Should -Be 200 }

            # The token and the link (credentials) stay out of the default view.
            $text = $s[0] | Out-String -Width 300
            # The view shows the id's first 8 digits (as -WhatIf names the session); Tab completes the whole id.
            $text | Should -Match ([regex]::Escape($s[0].KasmId.ToString().Substring(0, 8)))
            $text | Should -Not -Match ([regex]::Escape($s[0].SessionToken))
            $text | Should -Not -Match 'connect/kasm'
        }

        It '-StartUrl (and its alias -KasmUrl) is sent as kasm_url; the output''s KasmUrl is the link to the session' {
            foreach ($name in 'StartUrl', 'KasmUrl') {
                Reset-Emulator $emu
                $params = @{ ImageId = $chrome.ImageId; UserId = $user.UserId; $name = 'https://example.com/start' }
                $r = Invoke-Debugged { New-KasmSession @params -ErrorAction Stop }
                @(Get-SentBody $r.Debug request_kasm)[0].PSObject.Properties.Name | Should -Contain 'kasm_url'
                $r.Output[0].KasmUrl.Authority | Should -Be $server.Authority
            }
        }

        It 'times out with KasmTimeout, the session as the target, when the start takes longer than -WaitTimeoutSec' {
            $null = Set-EmulatorSetting $emu @{ sessionStartDelayMs = 60000 }
            $watch = [Diagnostics.Stopwatch]::StartNew()
            $r = @(Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -Wait -WaitTimeoutSec 1 -PollIntervalSec 0.2 -ErrorVariable ev -ErrorAction SilentlyContinue)
            $watch.Stop()
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmTimeout,*'
            $ev[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $ev[0].TargetObject | Should -BeOfType ([Kasm.Models.KasmSession])
            $ev[0].TargetObject.KasmId | Should -Not -Be ([guid]::Empty)
            # Well before the 60 s start (the bound leaves room for a loaded machine).
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
            # The session exists (still starting).
            (Get-KasmSession -KasmId $ev[0].TargetObject.KasmId -ErrorAction Stop).Status | Should -Not -Be 'running'
        }
    }

    Context 'Get-KasmSession' {
        It 'lists KasmSession objects with PascalCase properties, the connection, and UTC dates' {
            $null = New-TestSession $chrome $user.UserId
            $list = @(Get-KasmSession -ErrorAction Stop)
            $list | Should -HaveCount 1
            $s = $list[0]
            $s | Should -BeOfType ([Kasm.Models.KasmSession])
            $s.Connection | Should -Be $conn
            $s.UserName | Should -BeExactly 'user@kasm.local'
            $s.ImageName | Should -BeExactly 'Chrome'
            foreach ($n in $s.PSObject.Properties.Name) { $n | Should -MatchExactly '^[A-Z][A-Za-z0-9]*$' -Because "$n should be PascalCase" }
            $s.StartDate | Should -BeOfType ([datetime])
            $s.StartDate.Kind | Should -Be ([DateTimeKind]::Utc)
            $s.ExpirationDate.Kind | Should -Be ([DateTimeKind]::Utc)
            ([datetime]::UtcNow - $s.StartDate).TotalMinutes | Should -BeLessThan 5 -Because 'it started just now (UTC)'
            $s.ExpirationDate | Should -BeGreaterThan $s.StartDate
        }

        It 'Get-KasmUser alice | Get-KasmSession returns only alice''s sessions, with one get_kasms' {
            $alice = New-KasmUser -UserName 'alice' -ErrorAction Stop
            $a1 = New-TestSession $chrome $alice.UserId
            $a2 = New-TestSession $firefox $alice.UserId
            $null = New-TestSession $chrome $user.UserId
            Clear-EmulatorRequestLog $emu
            $r = @(Get-KasmUser alice | Get-KasmSession -ErrorAction Stop)
            $r | Should -HaveCount 2
            $r.KasmId | Sort-Object | Should -Be (@($a1.KasmId, $a2.KasmId) | Sort-Object)
            foreach ($s in $r) { $s.UserId | Should -Be $alice.UserId }
            (Get-EmulatorRequestMethod $emu) | Should -Be @('get_users', 'get_kasms')
        }

        It 'an unknown -KasmId is KasmItemNotFound with the id as target; the known ones are still returned' {
            $s = New-TestSession $chrome $user.UserId
            $unknown = [guid]::NewGuid()
            $r = @(Get-KasmSession -KasmId $s.KasmId, $unknown -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r.KasmId | Should -Be @($s.KasmId)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].TargetObject | Should -Be $unknown
        }

        It 'a key without Sessions View gets <NoPermissionId> (HTTP <NoPermissionStatus>)' {
            $r = @(Get-KasmSession -Connection $limited -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$NoPermissionId,*"
            $ev[0].Exception.StatusCode | Should -Be $NoPermissionStatus
            $log = @(Get-EmulatorRequestLog $emu)
            $log | Should -HaveCount 1
            $log[0].apiKey | Should -BeExactly $limited.ApiKey
            $log[0].status | Should -Be $NoPermissionStatus
        }
    }

    Context 'Get-KasmSession | Where-Object ... | Remove-KasmSession' {
        It 'ends exactly the selected sessions with one destroy_kasm each; they are deleting, then gone' {
            $mine = @(
                New-TestSession $chrome $user.UserId
                New-TestSession $firefox $user.UserId
                New-TestSession $terminal $user.UserId
            )
            $other = New-TestSession $chrome $admin.UserId
            Clear-EmulatorRequestLog $emu
            Get-KasmSession | Where-Object UserId -EQ $user.UserId | Remove-KasmSession -Confirm:$false -ErrorAction Stop
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('get_kasms', 'destroy_kasm', 'destroy_kasm', 'destroy_kasm')
            foreach ($e in $log) { $e.status | Should -Be 200 }

            # Right after: each is deleting (or already gone); the other user's session is untouched.
            $after = @(Get-KasmSession -ErrorAction Stop)
            foreach ($m in $mine) {
                $left = $after | Where-Object KasmId -EQ $m.KasmId
                if ($left) { $left.Status | Should -BeExactly 'deleting' }
            }
            ($after | Where-Object KasmId -EQ $other.KasmId).Status | Should -Not -Be 'deleting'

            # After the destroy delay (300 ms) they are gone.
            Start-Sleep -Milliseconds 600
            $r = @(Get-KasmSession -KasmId $mine[0].KasmId -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 0
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmItemNotFound,*'
            $ev[0].TargetObject | Should -Be $mine[0].KasmId
            @(Get-KasmSession -ErrorAction Stop).KasmId | Should -Be @($other.KasmId)
        }

        It '-WhatIf sends no request and leaves the session alone' {
            $s = New-TestSession $chrome $user.UserId
            Clear-EmulatorRequestLog $emu
            $run = Invoke-Captured { $s | Remove-KasmSession -WhatIf; Remove-KasmSession -KasmId $s.KasmId -UserId $s.UserId -WhatIf } -Variables @{ s = $s }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 2
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
            (Get-KasmSession -KasmId $s.KasmId -ErrorAction Stop).Status | Should -Not -Be 'deleting'
        }

        It 'a destroy of a session that is gone fails for that item only, and the next one is still ended' {
            $a = New-TestSession $chrome $user.UserId
            $b = New-TestSession $firefox $user.UserId
            $null = Invoke-EmulatorControl $emu "sessions/$($a.KasmId.ToString('N'))" -Method POST -Body @{ status = 'gone' }
            Clear-EmulatorRequestLog $emu
            $a, $b | Remove-KasmSession -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount 1
            $ev[0].TargetObject | Should -Be $a.KasmId
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('destroy_kasm', 'destroy_kasm')
            $log[1].status | Should -Be 200
            (Get-KasmSession -KasmId $b.KasmId -ErrorAction SilentlyContinue | ForEach-Object Status) | Should -BeIn @($null, 'deleting')
        }

        It 'a second destroy of a session still being deleted is accepted by real servers (the seed refuses it)' {
            $null = Set-EmulatorSetting $emu @{ destroyDelayMs = 60000 }
            $a = New-TestSession $chrome $user.UserId
            $a | Remove-KasmSession -Confirm:$false -ErrorAction Stop
            $a | Remove-KasmSession -Confirm:$false -ErrorVariable ev -ErrorAction SilentlyContinue
            $ev | Should -HaveCount ($(if ($EmulatorProfile -eq 'seed') { 1 } else { 0 }))
            (Get-KasmSession -KasmId $a.KasmId).Status | Should -Be 'deleting'
        }
    }

    Context 'New-KasmSession failures and -WhatIf' {
        It '-WhatIf sends no request' {
            $run = Invoke-Captured {
                $chrome | New-KasmSession -UserId $user.UserId -WhatIf
                New-KasmSession -ImageId $chrome.ImageId -UserId $user.UserId -Wait -WhatIf
            } -Variables @{ chrome = $chrome; user = $user }
            $run.Errors | Should -BeNullOrEmpty
            $run.WhatIf | Should -HaveCount 2
            @(Get-EmulatorRequestLog $emu) | Should -HaveCount 0
            @(Get-KasmSession -ErrorAction Stop) | Should -HaveCount 0
        }

        It 'an unknown workspace is <UnknownImageId> (HTTP <UnknownImageStatus>) for that item; the next item still starts' {
            $unknown = [guid]::NewGuid()
            $items = @([pscustomobject]@{ ImageId = $unknown }, $chrome)
            $r = @($items | New-KasmSession -UserId $user.UserId -ErrorVariable ev -ErrorAction SilentlyContinue)
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$UnknownImageId,*"
            $ev[0].Exception.StatusCode | Should -Be $UnknownImageStatus
            $ev[0].TargetObject | Should -Be $unknown
            $r | Should -HaveCount 1
            $r[0].ImageId | Should -Be $chrome.ImageId
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('request_kasm', 'request_kasm')
            $log.status | Should -Be @($UnknownImageStatus, 200)
        }

        It 'the per-user session limit: with maxKasmsPerUser 1 the first workspace starts, the second is <LimitId>' {
            $null = Set-EmulatorSetting $emu @{ maxKasmsPerUser = 1 }
            $r = @(Get-KasmImage -Name Chrome, Firefox | New-KasmSession -UserId $user.UserId -ErrorVariable ev -ErrorAction SilentlyContinue)
            $r | Should -HaveCount 1
            $r[0] | Should -BeOfType ([Kasm.Models.KasmSession])
            $r[0].ImageId | Should -Be $chrome.ImageId
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$LimitId,*"
            $ev[0].Exception.StatusCode | Should -Be $LimitStatus
            $ev[0].TargetObject | Should -Be $firefox.ImageId
            $ev[0].Exception.ServerMessage | Should -Not -BeNullOrEmpty
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'request_kasm').Count | Should -Be 2
        }

        It 'with -ErrorAction Stop the first failure stops the pipeline' {
            { [pscustomobject]@{ ImageId = [guid]::NewGuid() }, $chrome | New-KasmSession -UserId $user.UserId -ErrorAction Stop } |
                Should -Throw -ErrorId "$UnknownImageId,*"
            @(Get-EmulatorRequestLog $emu | Where-Object method -EQ 'request_kasm').Count | Should -Be 1
        }
    }
}
