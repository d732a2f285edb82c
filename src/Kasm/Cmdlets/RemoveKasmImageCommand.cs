using System;
using System.Management.Automation;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes a workspace (delete_image).</para>
    /// <para type="description">Deletes the workspace; groups can no longer launch it. Kasm refuses while sessions of it exist: end them first (Get-KasmImage -Name X | Get-KasmSession | Remove-KasmSession). This cannot be undone, so it asks for confirmation by default: use -Confirm:$false in scripts. Needs Images Delete. Never resent.</para>
    /// <example><code>$w = New-KasmImage -FriendlyName Scratch -DockerImage kasmweb/terminal:1.15.0 -Confirm:$false; $w | Remove-KasmImage -Confirm:$false</code><para>Registers a workspace and deletes it again.</para></example>
    /// <example><code>Remove-KasmImage -ImageName Blender -WhatIf</code><para>Shows what would be deleted.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmImageCommand : KasmBulkCmdlet
    {
        /// <summary>The workspace; binds from a piped workspace.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("image_id")]
        public Guid ImageId { get; set; }

        /// <summary>The workspace, by its name (Chrome) or Docker image (exact match; an unknown or ambiguous name is an error before anything is sent).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? ImageName { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmImage) };

        /// <summary>Deletes one workspace.</summary>
        protected override void ProcessItem()
        {
            object target = (object?)ImageName ?? ImageId;
            Guid id = Guid.Empty;
            bool ready = false;
            bool resolved = TryInOrder(target, () =>
            {
                var client = Client;
                id = ImageName != null ? ImageNamed(client, ImageName).ImageId : ImageId;
                string? shown = ImageName ?? (Piped<KasmImage>() is KasmImage i && i.ImageId == id ? i.FriendlyName : null);
                ready = ShouldProcess(Targets.Workspace(shown, id), "Delete Kasm workspace");
            });
            if (!resolved || !ready) return;
            Guid imageId = id;
            Send(target, (c, cancel) => c.DeleteImage(imageId, cancel));
        }
    }
}
