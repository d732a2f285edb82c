using System;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Takes away a user's permission on someone else's session (delete_session_permissions, delete_all_session_permissions).</para>
    /// <para type="description">Removes one user's permission (-UserId, -UserName, or piped permissions), or with -AllUsers every permission on the session. A user without a permission on the session is an error for that record. When Kasm cannot reach the session's KasmVNC it answers a server error (KasmServerError) and keeps the permissions; the request is not resent. Asks for confirmation by default. Needs Sessions Modify. Takes -ThrottleLimit.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Grant-KasmSessionPermission -UserName admin@kasm.local -Access View -Confirm:$false | Out-Null; $s | Get-KasmSessionPermission | Revoke-KasmSessionPermission -Confirm:$false</code><para>Removes every permission listed for the session, one by one.</para></example>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Revoke-KasmSessionPermission -AllUsers -WhatIf</code><para>Shows what would be removed.</para></example>
    /// </summary>
    [Cmdlet(VerbsSecurity.Revoke, "KasmSessionPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RevokeKasmSessionPermissionCommand : KasmSessionPermissionCmdlet
    {
        internal override string ActionText => "Revoke permission on Kasm session";

        internal override Func<KasmClient, CancellationToken, object?> Work(Guid kasmId, Guid? userId) =>
            (c, cancel) => { c.RemoveSessionPermission(kasmId, userId, cancel); return null; };
    }
}
