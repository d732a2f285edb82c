using System.Management.Automation;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Removes a user from a group (remove_user_group).</para>
    /// <para type="description">Ends the user's membership: the group's workspaces, settings and permissions no longer apply to them. The user stays. Give the group by -GroupName or a piped group, and the user by -UserName or a piped user. A user who is not a member is an error for that item. Needs Groups Modify (Kasm lets read-only keys call it).</para>
    /// <example><code>Remove-KasmGroupMember -GroupName Ops -UserName user@kasm.local -Confirm:$false</code><para>Removes a user from a group.</para></example>
    /// <example><code>Get-KasmGroup -Name Ops | Get-KasmGroupMember | Remove-KasmGroupMember -GroupName Ops -WhatIf</code><para>Shows who would be removed from a group.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmGroupMemberCommand : KasmGroupMemberCmdlet
    {
        internal override bool Adds => false;
    }
}
