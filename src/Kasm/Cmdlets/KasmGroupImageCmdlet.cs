using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// What Add- and Remove-KasmGroupImage share: a group (by id, bound from a piped group, or by -GroupName) and a
    /// workspace (by id, bound from a piped workspace, or by -ImageName); exactly one of each, checked before anything is sent.
    /// Names are resolved and ShouldProcess asked on the pipeline thread; the change goes through
    /// <see cref="KasmBulkCmdlet.Send{T}"/> (-ThrottleLimit).
    /// </summary>
    public abstract class KasmGroupImageCmdlet : KasmBulkCmdlet
    {
        /// <summary>The group; binds from a piped group.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("group_id")]
        public Guid? GroupId { get; set; }

        /// <summary>The group, by name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupNameCompleter))]
        public string? GroupName { get; set; }

        /// <summary>The workspace; binds from a piped workspace.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_id")]
        public Guid? ImageId { get; set; }

        /// <summary>The workspace, by friendly or Docker name (exact match; an unknown name is an error before anything is sent).</summary>
        [Parameter(Position = 1)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? ImageName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmGroup), typeof(KasmImage), typeof(KasmGroupImage) };

        /// <summary>True to add, false to remove.</summary>
        internal abstract bool Adds { get; }

        /// <summary>Resolves both names, asks ShouldProcess, changes the assignment.</summary>
        protected override void ProcessItem()
        {
            object? target = (object?)ImageName ?? (object?)ImageId ?? (object?)GroupName ?? GroupId;
            if ((GroupId.HasValue ? 1 : 0) + (GroupName != null ? 1 : 0) != 1 || (ImageId.HasValue ? 1 : 0) + (ImageName != null ? 1 : 0) != 1)
            {
                WriteErrorInOrder(InvalidArgument("Give one group (-GroupId, -GroupName or a piped group) and one workspace (-ImageId, -ImageName or a piped workspace).", target));
                return;
            }
            bool adds = Adds, ready = false;
            Guid groupId = Guid.Empty, imageId = Guid.Empty;
            bool resolved = TryInOrder(target, () =>
            {
                var client = Client;
                groupId = GroupName != null ? GroupNamed(client, GroupName).GroupId : GroupId!.Value;
                imageId = ImageName != null ? ImageNamed(client, ImageName).ImageId : ImageId!.Value;
                string what = $"{Targets.Workspace(ImageName ?? (Piped<KasmImage>() is KasmImage i && i.ImageId == imageId ? i.FriendlyName : null), imageId)} {(adds ? "to" : "from")} {Targets.Group(GroupName ?? (Piped<KasmGroup>() is KasmGroup g && g.GroupId == groupId ? g.Name : null), groupId)}";
                ready = ShouldProcess(what, adds ? "Let Kasm group launch workspace" : "Stop Kasm group launching workspace");
            });
            if (!resolved || !ready) return;
            (Guid group, Guid image) = (groupId, imageId);
            Send(target, (c, cancel) => c.ChangeGroupImage(group, image, adds, cancel));
        }
    }
}
