using System;
using System.Management.Automation;
using System.Threading;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What the cmdlets that act on one group share (Set-, Remove-KasmGroup, Get-KasmGroupMember, Get-KasmGroupImage): the group by id (bound
    /// from a piped group) or by name (in first position, resolved before anything is sent); ShouldProcess where the
    /// cmdlet supports it, on the pipeline thread; the request from <see cref="Work"/>, sent through
    /// <see cref="KasmBulkCmdlet.Send{T}"/> (so each takes -ThrottleLimit).
    /// </summary>
    public abstract class KasmGroupActionCmdlet : KasmBulkCmdlet
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

        /// <summary>
        /// The request for one group, made on the pipeline thread after ShouldProcess. What it returns may run on a
        /// worker thread: it uses only the client and token it is given and what it captured, and returns the object (or
        /// list) to write, or null.
        /// </summary>
        internal abstract Func<KasmClient, CancellationToken, object?> Work(Guid groupId);

        /// <summary>Checks what needs no server; an error text refuses the item.</summary>
        internal virtual string? Refusal() => null;

        /// <summary>The group's name as given or piped (a piped KasmGroup or KasmGroupSetting of that group), else null.</summary>
        internal string? ShownGroupName(Guid id) =>
            GroupName ?? (Piped<KasmGroup>() is KasmGroup g && g.GroupId == id ? g.Name
                : Piped<KasmGroupSetting>() is KasmGroupSetting s && s.GroupId == id ? s.GroupName : null);

        /// <summary>Resolves the group and asks ShouldProcess (pipeline thread), then sends the work.</summary>
        protected override void ProcessItem()
        {
            object target = (object?)GroupName ?? GroupId;
            if (Refusal() is string refusal)
            {
                WriteErrorInOrder(InvalidArgument(refusal, target));
                return;
            }
            Func<KasmClient, CancellationToken, object?>? work = null;
            bool ready = TryInOrder(target, () =>
            {
                var client = Client;
                Guid id = GroupName != null ? GroupNamed(client, GroupName).GroupId : GroupId;
                string? shown = ShownGroupName(id);
                if (!ShouldProcess(Targets.Group(shown, id), ActionText)) return;
                work = Work(id);
            });
            if (ready && work != null) Send(target, work, WriteResult);
        }
    }
}
