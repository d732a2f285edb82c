using System.Linq;
using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets the members of a user group (get_users_group), as users.</para>
    /// <para type="description">Outputs each member as a KasmUser, so the users pipe on to the user and session cmdlets. Needs Groups View.</para>
    /// <example><code>Get-KasmGroup -Name Ops | Get-KasmGroupMember</code><para>Lists a group's members.</para></example>
    /// <example><code>Get-KasmGroup -Name Ops | Get-KasmGroupMember | Get-KasmSession | Remove-KasmSession -Confirm:$false</code><para>Ends every session of a group's members.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmGroupMember", DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmUser))]
    public sealed class GetKasmGroupMemberCommand : KasmGroupActionCmdlet
    {
        internal override string ActionText => "Read Kasm group members";

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId) =>
            (c, cancel) => c.GetGroupMembers(groupId, cancel).ToList();
    }
}
