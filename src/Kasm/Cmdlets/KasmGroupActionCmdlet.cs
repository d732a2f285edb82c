using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What the cmdlets that act on one group share (Set-, Remove-KasmGroup, Get-KasmGroupMember, Get-KasmGroupImage): the group by id (bound
    /// from a piped group) or by name (in first position, resolved before anything is sent); ShouldProcess where the
    /// cmdlet supports it; the work in <see cref="Act"/>.
    /// </summary>
    public abstract class KasmGroupActionCmdlet : KasmApiCmdlet
    {
        /// <summary>The group; binds from a piped group.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("group_id")]
        public Guid GroupId { get; set; }

        /// <summary>The group, by name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupNameCompleter))]
        public string? GroupName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmGroup) };

        /// <summary>What ShouldProcess names ("Delete Kasm group").</summary>
        internal abstract string ActionText { get; }

        /// <summary>The work for one group.</summary>
        internal abstract void Act(KasmClient client, Guid groupId);

        /// <summary>Checks what needs no server; an error text refuses the item.</summary>
        internal virtual string? Refusal() => null;

        /// <summary>The group's name as given or piped (a piped KasmGroup or KasmGroupSetting of that group), else null.</summary>
        internal string? ShownGroupName(Guid id) =>
            GroupName ?? (Piped<KasmGroup>() is KasmGroup g && g.GroupId == id ? g.Name
                : Piped<KasmGroupSetting>() is KasmGroupSetting s && s.GroupId == id ? s.GroupName : null);

        /// <summary>Resolves the group, asks ShouldProcess, acts.</summary>
        protected override void ProcessItem()
        {
            object target = (object?)GroupName ?? GroupId;
            if (Refusal() is string refusal)
            {
                WriteError(InvalidArgument(refusal, target));
                return;
            }
            Try(target, () =>
            {
                var client = Client;
                Guid id = GroupName != null ? GroupNamed(client, GroupName).GroupId : GroupId;
                string? shown = ShownGroupName(id);
                if (!ShouldProcess(Targets.Group(shown, id), ActionText)) return;
                Act(client, id);
            });
        }
    }
}
