using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a user group's name, description or priority (update_group).</para>
    /// <para type="description">Reads the group (get_groups) and sends it back whole with your changes, which is right whether or not Kasm keeps the fields it is not sent. Needs Groups Modify and Groups View. Outputs nothing unless -PassThru.</para>
    /// <example><code>Set-KasmGroup Ops -Description 'Operations and on-call' -Priority 40 -Confirm:$false -PassThru</code><para>Changes a group and shows the result.</para></example>
    /// <example><code>Get-KasmGroup -Name Ops | Set-KasmGroup -NewName Operations -Confirm:$false</code><para>Renames a group.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmGroup))]
    public sealed class SetKasmGroupCommand : KasmGroupActionCmdlet
    {
        /// <summary>A new name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? NewName { get; set; }

        /// <summary>A new description.</summary>
        [Parameter]
        public string? Description { get; set; }

        /// <summary>A new priority, 1 to 4095 (lower wins).</summary>
        [Parameter]
        [ValidateRange(1, 4095)]
        public int? Priority { get; set; }

        /// <summary>Outputs the changed group.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override string ActionText => "Change Kasm group";

        internal override string? Refusal() =>
            NewName == null && Description == null && Priority == null ? "Nothing to change: give -NewName, -Description or -Priority." : null;

        internal override Func<KasmClient, System.Threading.CancellationToken, object?> Work(Guid groupId)
        {
            (string? newName, string? description, int? priority, bool passThru) = (NewName, Description, Priority, PassThru);
            return (c, cancel) =>
            {
                var group = c.UpdateGroup(groupId, newName, description, priority, cancel);
                return passThru ? group : null;
            };
        }
    }
}
