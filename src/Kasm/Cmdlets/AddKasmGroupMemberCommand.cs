using System.Management.Automation;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Adds a user to a group (add_user_group).</para>
    /// <para type="description">Makes the user a member of the group, so the group's workspaces, settings and permissions apply to them. Give the group by -GroupName or a piped group, and the user by -UserName or a piped user. A user who is a member already is an error for that item. Needs Groups Modify (Kasm lets read-only keys call it).</para>
    /// <example><code>Add-KasmGroupMember -GroupName Ops -UserName admin@kasm.local -Confirm:$false</code><para>Adds a user to a group.</para></example>
    /// <example><code>$g = New-KasmGroup -Name Example -Confirm:$false; Get-KasmUser | Where-Object Organization -eq 'Example' | Add-KasmGroupMember -GroupId $g.GroupId -Confirm:$false</code><para>Makes a group for an organization and adds its users; a user already in it would be an error for that user only.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Add, "KasmGroupMember", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(void))]
    public sealed class AddKasmGroupMemberCommand : KasmGroupMemberCmdlet
    {
        internal override bool Adds => true;
    }
}
