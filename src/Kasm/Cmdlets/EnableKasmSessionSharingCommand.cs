using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Shares a session: makes its share id (create_kasm_share_id).</para>
    /// <para type="description">Makes the session's share id and outputs it (a KasmSessionShare). Anyone who has the share id can join the running session as a viewer with Join-KasmSession (or through Kasm's web UI); viewers watch only, unless the owner's group allows them full control. Sharing is off unless the owner's group allows it (the group setting allow_kasm_sharing): otherwise Kasm refuses, and so it does when the session already has a share id (Get-KasmSessionShare reads it). create_kasm_share_id needs the owner's user id: a piped session brings it, and without -UserId the owner is looked up with get_kasm (Sessions View). The key needs User and Users Auth Session. Never resent.</para>
    /// <example><code>Get-KasmSession -UserName user@kasm.local | Enable-KasmSessionSharing -Confirm:$false | Format-Table KasmId, ShareId</code><para>Shares each of a user's sessions and shows the share ids to hand to viewers.</para></example>
    /// <example><code>Enable-KasmSessionSharing -UserName user@kasm.local -WhatIf</code><para>Shows which of a user's sessions would be shared.</para></example>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Enable, "KasmSessionSharing", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmSessionShare))]
    public sealed class EnableKasmSessionSharingCommand : KasmSessionActionCmdlet
    {
        internal override string ActionText => "Share Kasm session (anyone with the share id may view it)";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid kasmId, Guid? userId) =>
            (client, cancel) => client.GetOrCreateShare(kasmId, userId, create: true, cancel);
    }
}
