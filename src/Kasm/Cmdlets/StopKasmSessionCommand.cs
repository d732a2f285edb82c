using System;
using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Stops a running or paused session (stop_kasm).</para>
    /// <para type="description">Kasm answers at once and stops the session's container in the background: the session shows "stopping", then "stopped", and keeps its row (Remove-KasmSession deletes it; Resume-KasmSession starts it again). Whatever runs in the session ends, so this asks for confirmation by default: use -Confirm:$false in scripts. stop_kasm needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session; a key without Sessions Modify may stop only where the owner's group allows stopping (allow_kasm_stop, off by default). A session that is neither running nor paused is an error for that session. Never resent.</para>
    /// <example><code>$s = New-KasmSession -ImageName Terminal -UserName user@kasm.local -Wait; Stop-KasmSession -KasmId $s.KasmId -UserId $s.UserId -Confirm:$false</code><para>Starts a session and stops it.</para></example>
    /// <example><code>Stop-KasmSession -UserName user@kasm.local -Confirm:$false</code><para>Stops all of a user's sessions.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Stop, "KasmSession", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class StopKasmSessionCommand : KasmSessionActionCmdlet
    {
        internal override string ActionText => "Stop Kasm session";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid kasmId, Guid? userId) =>
            (client, cancel) => { client.ChangeSessionState(KasmEndpoints.StopKasm, kasmId, userId, cancel); return null; };
    }
}
