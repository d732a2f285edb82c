using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Stops sharing a session: deletes its share id (delete_kasm_share_id).</para>
    /// <para type="description">Deletes the session's share id, so nobody can join with it any more, and ends the access of the viewers who joined. The session itself goes on. Deleting the share id of a session that has none is not an error. Because it cuts viewers off it asks for confirmation by default: use -Confirm:$false in scripts. delete_kasm_share_id needs the owner's user id: a piped session or share brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local -Wait; $s | Disable-KasmSessionSharing -Confirm:$false</code><para>Makes sure a session is not shared.</para></example>
    /// <example><code>Get-KasmSession | Where-Object ShareId | Disable-KasmSessionSharing -Confirm:$false</code><para>Stops sharing every shared session.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Disable, "KasmSessionSharing", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class DisableKasmSessionSharingCommand : KasmSessionActionCmdlet
    {
        internal override Type[] PipedTypes => new[] { typeof(KasmSession), typeof(KasmSessionShare) };

        internal override string ActionText => "Stop sharing Kasm session (its viewers lose access)";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid kasmId, Guid? userId) => (client, cancel) => { client.DeleteShare(kasmId, userId, cancel); return null; };
    }
}
