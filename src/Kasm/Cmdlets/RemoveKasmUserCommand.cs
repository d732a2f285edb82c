using System;
using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes a Kasm user (delete_user); -Force also ends their sessions.</para>
    /// <para type="description">Deletes the user. Kasm refuses to delete a user who has sessions unless -Force is given; with -Force it ends those sessions too, and the key then also needs Sessions Delete. Deleting an administrator needs Users Modify Admin; any delete needs Users Delete. This cannot be undone, so it asks for confirmation by default: use -Confirm:$false in scripts. Never resent.</para>
    /// <example><code>$u = New-KasmUser -UserName temp@example.com; Remove-KasmUser temp@example.com -Confirm:$false</code><para>Creates a user and deletes it again.</para></example>
    /// <example><code>Get-KasmUser | Where-Object Organization -eq 'Contractors' | Remove-KasmUser -Force -Confirm:$false</code><para>Deletes every user of an organization, ending their sessions.</para></example>
    /// <example><code>Remove-KasmUser user@kasm.local -Force -WhatIf</code><para>Shows what would be deleted.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmUser", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmUserCommand : KasmUserActionCmdlet
    {
        /// <summary>Also ends the user's sessions (Kasm refuses to delete a user with sessions otherwise).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override string ActionText => Force ? "Delete Kasm user and end their sessions" : "Delete Kasm user";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(KasmClient client, Guid userId, string? userName)
        {
            bool force = Force;
            return (c, cancel) => { c.DeleteUser(userId, force, cancel); return null; };
        }
    }
}
