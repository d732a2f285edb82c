using System;
using System.Collections;
using System.Management.Automation;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Registers a workspace (create_image).</para>
    /// <para type="description">Creates the workspace from the parameters given, over Kasm's defaults (1 core, 768 MB, enabled), and outputs it. -RunConfig, -VolumeMappings and -ExecConfig take objects (hashtables); Kasm reads those fields as JSON text, and -Categories as one line per category, which the module does for you. A new workspace is not available until an agent has pulled its Docker image; let groups launch it with Add-KasmGroupImage. Needs Images Create. Never resent: a resend would register it twice.</para>
    /// <example><code>New-KasmImage -FriendlyName 'Chrome Beta' -DockerImage kasmweb/chrome:1.16.0-rolling -Cores 2 -Memory 2GB -Categories Browser -Confirm:$false</code><para>Registers a workspace.</para></example>
    /// <example><code>$w = New-KasmImage -FriendlyName 'CI Terminal' -DockerImage kasmweb/terminal:1.15.0 -RunConfig @{ hostname = 'ci' } -Confirm:$false; Add-KasmGroupImage -GroupName Ops -ImageId $w.ImageId -Confirm:$false</code><para>Registers a workspace with a Docker run setting and lets a group launch it.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmImage", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low)]
    [OutputType(typeof(KasmImage))]
    public sealed class NewKasmImageCommand : KasmBulkCmdlet
    {
        /// <summary>The name users see; binds from a piped row's FriendlyName.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ApiField("friendly_name")]
        public string? FriendlyName { get; set; }

        /// <summary>The Docker image reference, such as kasmweb/chrome:1.15.0.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ApiField("name")]
        public string? DockerImage { get; set; }

        /// <summary>The description shown in the launcher.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("description")]
        public string? Description { get; set; }

        /// <summary>CPU cores per session; fractions allowed (default 1, which Kasm uses when this is not given).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(0.01, 1024)]
        [ApiField("cores")]
        public double Cores { get; set; }

        /// <summary>Memory per session in bytes, for example 2GB (default 768MB, which Kasm uses when this is not given).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, long.MaxValue)]
        [ApiField("memory")]
        public long Memory { get; set; }

        /// <summary>The launcher icon, a path such as img/thumbnails/chrome.png or a URL.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("image_src")]
        public string? ImageSrc { get; set; }

        /// <summary>Launcher categories, such as Browser.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ApiField("categories")]
        public string[]? Categories { get; set; }

        /// <summary>Docker run overrides (run_config), as a hashtable; sent as the JSON text Kasm reads.</summary>
        [Parameter]
        [ApiField("run_config")]
        public IDictionary? RunConfig { get; set; }

        /// <summary>Volume mappings (volume_mappings), as a hashtable; sent as the JSON text Kasm reads.</summary>
        [Parameter]
        [ApiField("volume_mappings")]
        public IDictionary? VolumeMappings { get; set; }

        /// <summary>Exec hooks (exec_config), as a hashtable; sent as the JSON text Kasm reads.</summary>
        [Parameter]
        [ApiField("exec_config")]
        public IDictionary? ExecConfig { get; set; }

        /// <summary>Registers it disabled with -Enabled:$false. Default: True (enabled).</summary>
        [Parameter]
        [ApiField("enabled")]
        public SwitchParameter Enabled { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Registers one workspace.</summary>
        protected override void ProcessItem()
        {
            var fields = BoundFields();
            if (!ShouldProcess($"workspace {FriendlyName} ({DockerImage})", "Register Kasm workspace")) return;
            Send(FriendlyName, (client, cancel) => client.CreateImage(fields, cancel), WriteObject);
        }
    }
}
