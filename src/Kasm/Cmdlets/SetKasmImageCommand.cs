using System;
using System.Linq;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a workspace's settings (update_image).</para>
    /// <para type="description">Changes only the settings you name. Kasm's update_image replaces the whole workspace: every setting it is not sent is reset (registry user and token, image hash, server, persistent profile path, GPUs, hidden, ...). So the cmdlet reads the workspace first (get_images), applies your changes to it and sends all of it back, as Kasm's admin UI does: settings Kasm stores as JSON text (volume mappings, run, exec and launch config) go back as the text of what was read, the registry token goes back masked as the server showed it (what the admin UI sends back too; -DockerToken sets a new one), web filtering forced off goes back as the word update_image reads for it, and settings the server reports as empty stay unsent. The key therefore needs Images View besides Images Modify (or Images Modify Resources); without Images View nothing is sent and the error says why. A key holding only Images Modify Resources may change only resources (cores, memory, GPUs, registry settings, profile path). The read and the write are two calls: a change someone makes in between is overwritten. Memory is in bytes: 2768000000 is what Kasm's UI calls 2768 MB, and PowerShell's 4GB means 4294967296 bytes. Supports -WhatIf and -Confirm (with -WhatIf nothing is changed; a workspace given by name is still looked up); -PassThru returns the updated workspace.</para>
    /// <example><code>Get-KasmImage -Name Chrome | Set-KasmImage -Cores 2 -Memory 4GB -PassThru</code><para>Gives Chrome sessions two cores and 4 GB of memory.</para></example>
    /// <example><code>Get-KasmImage | Set-KasmImage -Cores 2 -WhatIf</code><para>Shows what would change, sending nothing.</para></example>
    /// <example><code>$id = (Get-KasmImage -Name Chrome).ImageId; Set-KasmImage -ImageId $id -Enabled:$false</code><para>Disables a workspace.</para></example>
    /// <example><code>Set-KasmImage Chrome -Cores 4</code><para>Changes a workspace named on the command line.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmImage", SupportsShouldProcess = true, DefaultParameterSetName = "ById")]
    [OutputType(typeof(KasmImage))]
    public sealed class SetKasmImageCommand : KasmBulkCmdlet
    {
        /// <summary>The workspace to change; binds from a piped workspace.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("image_id")]
        public Guid ImageId { get; set; }

        /// <summary>The workspace to change, by its name (Chrome), Docker image or id, in first position; an unknown or ambiguous name is an error before anything is changed.</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? ImageName { get; set; }

        /// <summary>The name users see.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("friendly_name")]
        public string? FriendlyName { get; set; }

        /// <summary>The description shown in the launcher.</summary>
        [Parameter]
        [ApiField("description")]
        [MultiLine]
        public string? Description { get; set; }

        /// <summary>The Docker image reference, such as kasmweb/chrome:1.15.0.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("name")]
        public string? DockerImage { get; set; }

        /// <summary>CPU cores per session (fractions allowed).</summary>
        [Parameter]
        [ValidateRange(0.1, 1024.0)]
        [ApiField("cores")]
        public double Cores { get; set; }

        /// <summary>Memory per session in bytes (for example 2GB).</summary>
        [Parameter]
        [ValidateRange(1_000_000L, long.MaxValue)]
        [ApiField("memory")]
        public long Memory { get; set; }

        /// <summary>GPUs per session.</summary>
        [Parameter]
        [ValidateRange(0, 64)]
        [ApiField("gpu_count")]
        public int GpuCount { get; set; }

        /// <summary>Whether users may launch it (-Enabled:$false disables).</summary>
        [Parameter]
        [ApiField("enabled")]
        public SwitchParameter Enabled { get; set; }

        /// <summary>Hides it from the launcher (-Hidden:$false shows it).</summary>
        [Parameter]
        [ApiField("hidden")]
        public SwitchParameter Hidden { get; set; }

        /// <summary>A new password or token for the workspace's Docker registry (a SecureString; never shown).</summary>
        [Parameter]
        [ApiField("docker_token")]
        public System.Security.SecureString? DockerToken { get; set; }

        /// <summary>Where persistent profiles live; must contain {username} or {user_id}.</summary>
        [Parameter]
        [ApiField("persistent_profile_path")]
        public string? PersistentProfilePath { get; set; }

        /// <summary>Session time limit in seconds.</summary>
        [Parameter]
        [ValidateRange(0, int.MaxValue)]
        [ApiField("session_time_limit")]
        public int SessionTimeLimit { get; set; }

        /// <summary>Returns the updated workspace.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmImage) };

        /// <summary>Updates one workspace.</summary>
        protected override void ProcessItem()
        {
            var changes = BoundFields();
            if (changes.Count == 0)
            {
                WriteErrorInOrder(InvalidArgument("Nothing to change: give at least one setting, such as -Cores or -FriendlyName.", (object?)ImageName ?? ImageId));
                return;
            }
            Guid imageId = ImageId;
            // The first position takes a name or an id.
            if (ImageName != null && !TryInOrder(ImageName, () => imageId = ImageIdOf(Client, ImageName))) return;
            var piped = Piped<KasmImage>();
            string? name = ImageName ?? (piped != null && piped.ImageId == imageId ? piped.FriendlyName : null);
            if (!ShouldProcess(Targets.Workspace(name, imageId), $"Set {DescribeFields(changes)}")) return;
            bool passThru = PassThru;
            Send((object?)ImageName ?? imageId, (c, cancel) => c.UpdateImage(imageId, changes, cancel), image => { if (passThru) WriteObject(image); });
        }
    }
}
