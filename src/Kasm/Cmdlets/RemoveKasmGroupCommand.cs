using System;
using System.Management.Automation;
using Kasm.Client;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes a user group (delete_group); -Force deletes one that has members.</para>
    /// <para type="description">Deletes the group; its members stay, without it. Kasm refuses to delete a group that has members unless -Force is given, and never deletes the built-in groups (All Users, Administrators). This cannot be undone, so it asks for confirmation by default: use -Confirm:$false in scripts. Needs Groups Delete. Never resent.</para>
    /// <example><code>$g = New-KasmGroup -Name Temp -Confirm:$false; $g | Remove-KasmGroup -Confirm:$false</code><para>Creates a group and deletes it again.</para></example>
    /// <example><code>Remove-KasmGroup Ops -Force -WhatIf</code><para>Shows what would be deleted.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmGroupCommand : KasmGroupActionCmdlet
    {
        /// <summary>Deletes the group even when it has members (they stay, without the group).</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        internal override string ActionText => Force ? "Delete Kasm group, even with members" : "Delete Kasm group";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId)
        {
            bool force = Force;
            return (c, cancel) => { c.DeleteGroup(groupId, force, cancel); return null; };
        }
    }
}
