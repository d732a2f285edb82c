using System;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Lets a user view or control someone else's session (set_session_permissions, set_all_session_permissions).</para>
    /// <para type="description">Grants -Access View (watch) or Control (watch and use the keyboard and mouse) on the session to one user (-UserId or -UserName), replacing what that user held before; with -AllUsers, sets the same access for every user who already holds a permission on the session. Outputs the permissions Kasm answers with. Needs Sessions Modify. A piped session's UserId is its owner, so give the user on the command line. Takes -ThrottleLimit.</para>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Grant-KasmSessionPermission -UserName admin@kasm.local -Access Control -Confirm:$false</code><para>Lets the admin control a user's session.</para></example>
    /// <example><code>$s = New-KasmSession -ImageName Chrome -UserName user@kasm.local; $s | Grant-KasmSessionPermission -UserName admin@kasm.local -Access Control -Confirm:$false | Out-Null; $s | Grant-KasmSessionPermission -AllUsers -Access View -Confirm:$false</code><para>Turns everyone who may control the session into a viewer.</para></example>
    /// </summary>
    [Cmdlet(VerbsSecurity.Grant, "KasmSessionPermission", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmSessionPermission))]
    public sealed class GrantKasmSessionPermissionCommand : KasmSessionPermissionCmdlet
    {
        /// <summary>View (watch the session) or Control (watch it and use it).</summary>
        [Parameter(Mandatory = true)]
        [ValidateSet("View", "Control")]
        public KasmSessionAccess Access { get; set; }

        internal override string ActionText => $"Grant {Access} on Kasm session";

        internal override Func<KasmClient, CancellationToken, object?> Work(Guid kasmId, Guid? userId)
        {
            var access = Access;
            return (c, cancel) => c.SetSessionPermission(kasmId, userId, access, cancel);
        }
    }
}
