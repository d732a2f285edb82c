#Requires -Version 5.1
# How Get-KasmImage (and a non-retryable method) reports server faults injected through /__emulator/faults.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'Kasm.TestHelpers.psm1') -Force
    $emu = Start-TestEmulator -EmulatorProfile 'kasm-1.15'
    try {
        # No retries: each fault is seen once. The timeout is short for the latency case but long enough that a loaded
        # machine's connect (system_info, which no fault here slows) never reaches it.
        $noRetry = Connect-TestKasm -Emulator $emu -ExtraArgs @{ MaximumRetryCount = 0; TimeoutSec = 5 }
        # Retries with a short interval, for the transient faults.
        $retry = Connect-TestKasm -Emulator $emu -ExtraArgs @{ MaximumRetryCount = 2; RetryIntervalSec = 0.1; TimeoutSec = 5 }
    }
    catch {
        Stop-TestEmulator $emu
        throw
    }
}

AfterAll {
    Disconnect-AllKasm
    Stop-TestEmulator $emu
}

Describe 'Server faults' {
    BeforeEach {
        Set-EmulatorFault $emu -Clear
        Clear-EmulatorRequestLog $emu
    }

    Context 'answers that are not usable' {
        It '<Case> gives <ErrorId> (<Category>)' -ForEach @(
            @{ Case = 'HTTP 500 with the HTML error page'; Status = 500; Body = 'html'; ErrorId = 'KasmServerError'; Category = 'ResourceUnavailable'; Says = '' }
            @{ Case = 'HTTP 500 with a JSON error_message'; Status = 500; Body = 'json'; ErrorId = 'KasmServerError'; Category = 'ResourceUnavailable'; Says = '' }
            @{ Case = 'HTTP 200 with an HTML page'; Status = 200; Body = 'html'; ErrorId = 'KasmUnexpectedResponse'; Category = 'InvalidResult'; Says = 'HTML' }
            @{ Case = 'HTTP 200 with an empty body'; Status = 200; Body = 'empty'; ErrorId = 'KasmUnexpectedResponse'; Category = 'InvalidResult'; Says = 'empty' }
            @{ Case = 'HTTP 200 with truncated JSON'; Status = 200; Body = 'truncated'; ErrorId = 'KasmUnexpectedResponse'; Category = 'InvalidResult'; Says = 'truncated' }
        ) {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status $Status -Body $Body
            $r = @(Get-KasmImage -Connection $noRetry -ErrorAction SilentlyContinue -ErrorVariable ev)
            # A list is read as it arrives: the workspaces complete before the cut come out, then the error.
            if ($Body -eq 'truncated') { $r.Count | Should -BeLessThan 7 } else { $r | Should -HaveCount 0 }
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
            $ev[0].CategoryInfo.Category | Should -Be $Category
            $ev[0].Exception.StatusCode | Should -Be $Status
            $ev[0].Exception.Method | Should -BeExactly 'get_images'
            if ($Says) { $ev[0].Exception.Message | Should -Match $Says }
            (Get-EmulatorRequestLog $emu).status | Should -Be @($Status)
        }

        It 'the 500 HTML page is summarised as plain text in ServerMessage' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 500 -Body html
            Get-KasmImage -Connection $noRetry -ErrorAction SilentlyContinue -ErrorVariable ev
            $ev[0].Exception.ServerMessage | Should -Match 'unhandled exception'
            $ev[0].Exception.ServerMessage | Should -Not -Match '<'
        }

        It 'a 500 is not retried, even on a connection with retries' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 500 -Body html
            { Get-KasmImage -Connection $retry -ErrorAction Stop } | Should -Throw -ErrorId 'KasmServerError,*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 1
        }

        It 'KasmServerError stops with -ErrorAction Stop' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 500 -Body html
            { Get-KasmImage -Connection $noRetry -ErrorAction Stop } | Should -Throw -ErrorId 'KasmServerError,*'
        }
    }

    Context 'connection faults' {
        It 'a dropped connection is KasmConnectionFailed' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Drop
            { Get-KasmImage -Connection $noRetry -ErrorAction Stop } | Should -Throw -ErrorId 'KasmConnectionFailed,*'
            (Get-EmulatorRequestLog $emu).status | Should -Be @(0)
        }

        It 'a dropped connection has category ConnectionError and StatusCode 0' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Drop
            Get-KasmImage -Connection $noRetry -ErrorAction SilentlyContinue -ErrorVariable ev
            $ev | Should -HaveCount 1
            $ev[0].CategoryInfo.Category | Should -Be 'ConnectionError'
            $ev[0].Exception.StatusCode | Should -Be 0
        }

        It 'latency beyond -TimeoutSec is KasmTimeout, and it fires on time' {
            # The answer would take a minute: a KasmTimeout after the 5 s timeout, not after the answer. The upper bound
            # is a hang guard, far from both figures, so a loaded machine cannot fail it.
            $null = Set-EmulatorFault $emu -ApiMethod get_images -LatencyMs 60000
            $sw = [Diagnostics.Stopwatch]::StartNew()
            Get-KasmImage -Connection $noRetry -ErrorAction SilentlyContinue -ErrorVariable ev
            $sw.Stop()
            $ev | Should -HaveCount 1
            $ev[0].FullyQualifiedErrorId | Should -BeLike 'KasmTimeout,*'
            $ev[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
            $sw.Elapsed.TotalSeconds | Should -BeGreaterOrEqual 4.9
            $sw.Elapsed.TotalSeconds | Should -BeLessThan 40
        }

        It 'latency within -TimeoutSec is fine' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -LatencyMs 200
            @(Get-KasmImage -Connection $noRetry -ErrorAction Stop).Count | Should -BeGreaterThan 0
        }
    }

    Context 'retries' {
        It 'a 503 once, then success, is retried transparently (2 calls in the log)' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 503 -Count 1
            $r = @(Get-KasmImage -Connection $retry -ErrorVariable ev -ErrorAction SilentlyContinue)
            $ev | Should -HaveCount 0
            $r.Count | Should -BeGreaterThan 0
            $log = @(Get-EmulatorRequestLog $emu)
            $log.method | Should -Be @('get_images', 'get_images')
            $log.status | Should -Be @(503, 200)
        }

        It 'a dropped connection once, then success, is retried for a read' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Drop -Count 1
            @(Get-KasmImage -Connection $retry -ErrorAction Stop).Count | Should -BeGreaterThan 0
            (Get-EmulatorRequestLog $emu).status | Should -Be @(0, 200)
        }

        It 'a 503 that persists gives up after MaximumRetryCount retries with KasmServerError' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 503
            { Get-KasmImage -Connection $retry -ErrorAction Stop } | Should -Throw -ErrorId 'KasmServerError,*'
            (Get-EmulatorRequestLog $emu).status | Should -Be @(503, 503, 503)
        }

        It 'with -MaximumRetryCount 0 a 503 is not retried' {
            $null = Set-EmulatorFault $emu -ApiMethod get_images -Status 503 -Count 1
            { Get-KasmImage -Connection $noRetry -ErrorAction Stop } | Should -Throw -ErrorId 'KasmServerError,*'
            @(Get-EmulatorRequestLog $emu).Count | Should -Be 1
        }

        It 'a method that creates something (request_kasm) is never resent after a 503' {
            $null = Set-EmulatorFault $emu -ApiMethod request_kasm -Status 503 -Count 1
            $body = @{ image_id = [guid]::NewGuid().ToString('N'); user_id = [guid]::NewGuid().ToString('N') }
            { Invoke-KasmApi request_kasm -Body $body -Connection $retry -Confirm:$false -ErrorAction Stop } | Should -Throw -ErrorId 'KasmServerError,*'
            (Get-EmulatorRequestLog $emu).method | Should -Be @('request_kasm')
        }
    }
}
