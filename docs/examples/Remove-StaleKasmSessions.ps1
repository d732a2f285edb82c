#Requires -Version 5.1
<#
.SYNOPSIS
    Ends the Kasm sessions that have run longer than -OlderThanHours: a runbook for a scheduler.
.DESCRIPTION
    Runs unattended (pwsh -NonInteractive -File Remove-StaleKasmSessions.ps1). It never prompts: the credentials come
    from the environment (KASM_SERVER, KASM_API_KEY, KASM_API_KEY_SECRET), or from a connection saved with
    Save-KasmConnection (-ConnectionName) whose secret is in an environment variable; every change passes
    -Confirm:$false. One session that fails does not stop the others: the failures are collected, each is printed with
    its ErrorId, and a summary line ends the output. Exit code: 0 when every stale session was ended, 1 when any
    failed, 2 when the script could not connect. See docs/runbook.md.
.EXAMPLE
    pwsh -NonInteractive -File ./Remove-StaleKasmSessions.ps1 -OlderThanHours 12 -ConnectionName prod
#>
[CmdletBinding()]
param(
    # Sessions that started more than this many hours ago are ended.
    [ValidateRange(0, 8760)]
    [double] $OlderThanHours = 8,

    # A connection saved with Save-KasmConnection; without it, Connect-Kasm reads KASM_SERVER, KASM_API_KEY and
    # KASM_API_KEY_SECRET.
    [string] $ConnectionName
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

try {
    Import-Module Kasm
    if ($ConnectionName) { $null = Connect-Kasm -Name $ConnectionName } else { $null = Connect-Kasm }
}
catch {
    # Connect-Kasm says what is wrong (address, certificate, key or secret, a missing variable).
    "FAILED to connect: $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)"
    exit 2
}

try {
    $cutoff = [DateTime]::UtcNow.AddHours(-$OlderThanHours)
    # Sessions already being deleted are left alone: Kasm accepts a second destroy, but it is not a session ended now.
    $stale = @(Get-KasmSession | Where-Object { $_.StartDate -and $_.StartDate -le $cutoff -and $_.Status -notin 'deleting', 'delete_pending' })

    # Every session is tried; the errors are collected, not thrown.
    $failures = @()
    $stale | Remove-KasmSession -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable +failures

    foreach ($f in $failures) {
        "FAILED session $($f.TargetObject): $($f.FullyQualifiedErrorId.Split(',')[0]): $($f.Exception.Message)"
    }
    "Ended $($stale.Count - $failures.Count) of $($stale.Count) sessions older than $OlderThanHours h; $($failures.Count) failed."
}
catch {
    # Listing the sessions failed: nothing was ended.
    "FAILED to list sessions: $($_.FullyQualifiedErrorId.Split(',')[0]): $($_.Exception.Message)"
    exit 1
}
finally {
    Disconnect-Kasm
}
exit ([int]($failures.Count -gt 0))
