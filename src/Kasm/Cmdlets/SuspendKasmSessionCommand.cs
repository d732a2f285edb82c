using System;
using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Pauses a running session (pause_kasm).</para>
    /// <para type="description">Kasm answers at once and pauses the session's container in the background: the session shows "pausing", then "paused" (Get-KasmSessionStatus shows which); Resume-KasmSession starts it again. pause_kasm needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session; a key without Sessions Modify may pause only where the owner's group allows pausing (allow_kasm_pause, off by default). A session that is not running is an error for that session. Never resent: a second pause of a session already pausing is refused.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -Wait; $s | Suspend-KasmSession -Confirm:$false; ($s | Get-KasmSessionStatus).Status</code><para>Starts a session, pauses it and shows its state (pausing, then paused).</para></example>
    /// <example><code>Suspend-KasmSession -UserName user@kasm.local -WhatIf</code><para>Shows which of a user's sessions would be paused.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Suspend, "KasmSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class SuspendKasmSessionCommand : KasmSessionActionCmdlet
    {
        internal override string ActionText => "Pause Kasm session";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid kasmId, Guid? userId) =>
            (client, cancel) => { client.ChangeSessionState(KasmEndpoints.PauseKasm, kasmId, userId, cancel); return null; };
    }
}
