using System;
using System.Collections.Generic;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets workspaces (the API calls them images).</para>
    /// <para type="description">Lists every workspace, including disabled and unavailable ones, or those whose friendly name matches -Name (wildcards allowed), or those with the given -ImageId. Memory is in bytes; the default view shows it in MB (decimal, as Kasm's admin UI does). Each object remembers its connection, so it can be piped to New-KasmSession or Set-KasmImage.</para>
    /// <example><code>Get-KasmImage</code><para>Lists all workspaces.</para></example>
    /// <example><code>$user = Get-KasmUser user@kasm.local; Get-KasmImage -Name Chrome | New-KasmSession -UserId $user.UserId -Wait</code><para>Starts a Chrome session for a user and waits until it runs.</para></example>
    /// <example><code>Get-KasmImage | Where-Object Enabled | Select-Object FriendlyName, Cores, Memory</code><para>Shows the resources of the enabled workspaces.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmImage", DefaultParameterSetName = "Name")]
    [OutputType(typeof(KasmImage))]
    public sealed class GetKasmImageCommand : KasmApiCmdlet
    {
        /// <summary>Friendly names (or Docker image names) to match; wildcards allowed. A name without wildcards that matches nothing is an error.</summary>
        [Parameter(Position = 0, ParameterSetName = "Name")]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Workspace ids, dashed or 32-hex.</summary>
        [Parameter(Mandatory = true, ParameterSetName = "Id", ValueFromPipelineByPropertyName = true)]
        [Alias("image_id")]
        [AllowNull] // a piped object whose ImageId is empty (a user's storage mapping) is refused by the module, not by the binder
        public Guid[]? ImageId { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmImage), typeof(KasmSession) };

        /// <summary>Writes the matching workspaces.</summary>
        protected override void ProcessItem()
        {
            if (ImageId == null && ParameterSetName == "Id")
            {
                WriteError(InvalidArgument("-ImageId is empty: give one or more workspace ids, or use -Name. Nothing was sent.", null));
                return;
            }
            if (ImageId == null)
            {
                WriteMatching(c => c.GetImages(Cancellation), Name, i => new[] { i.FriendlyName, i.Name }, "workspace");
                return;
            }
            var wanted = new HashSet<Guid>(ImageId);
            bool listed = Try(ImageId, () =>
            {
                foreach (var image in ListOnce(Client, c => c.GetImages(Cancellation)))
                    if (wanted.Remove(image.ImageId)) WriteObject(image);
            });
            if (!listed) return;
            foreach (var missing in wanted)
                WriteError(ItemNotFound($"No workspace has the id {missing}.", missing));
        }
    }
}
