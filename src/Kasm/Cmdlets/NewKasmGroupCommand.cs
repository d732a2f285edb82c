using System.Management.Automation;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Creates a user group (create_group).</para>
    /// <para type="description">Creates the group and outputs it. -Priority (1 to 4095, default 100) decides which group wins where a user's groups disagree on a setting: the lowest number. Add members with Add-KasmGroupMember. A name that exists already is an error for that item. Needs Groups Create. Never resent: a resend could make a second attempt at the same group.</para>
    /// <example><code>New-KasmGroup -Name Contractors -Priority 200 -Description 'External staff' -Confirm:$false</code><para>Creates a group.</para></example>
    /// <example><code>'Sales', 'Support' | ForEach-Object { New-KasmGroup -Name $_ -Confirm:$false }</code><para>Creates several groups.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmGroup", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(KasmGroup))]
    public sealed class NewKasmGroupCommand : KasmBulkCmdlet
    {
        /// <summary>The group's name; binds from a piped row's Name.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? Name { get; set; }

        /// <summary>1 to 4095 (default 100); where a user's groups disagree on a setting, the lowest number wins.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, 4095)]
        public int Priority { get; set; } = 100;

        /// <summary>A description for the admin UI.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? Description { get; set; }

        internal override System.Type[] PipedTypes => System.Type.EmptyTypes;

        /// <summary>Creates one group.</summary>
        protected override void ProcessItem()
        {
            if (!ShouldProcess($"group {Name} (priority {Priority})", "Create Kasm group")) return;
            string name = Name!;
            int priority = Priority;
            string? description = Description;
            Send(name, (client, cancel) => client.CreateGroup(name, priority, description, cancel), WriteObject);
        }
    }
}
