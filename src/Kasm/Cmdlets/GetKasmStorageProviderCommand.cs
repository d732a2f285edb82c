using System;
using System.Management.Automation;
using Kasm.Models;

using Kasm.Cmdlets.Completion;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Gets storage providers (get_storage_providers).</para>
    /// <para type="description">Lists the storage providers, or those whose name matches -Name (wildcards allowed). Secrets come back masked by the server. Needs the Storage Providers View permission.</para>
    /// <example><code>Get-KasmStorageProvider</code><para>Lists all storage providers.</para></example>
    /// <example><code>Get-KasmStorageProvider -Name *S3* | Format-List *</code><para>Shows the S3 providers in full.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "KasmStorageProvider")]
    [OutputType(typeof(KasmStorageProvider))]
    public sealed class GetKasmStorageProviderCommand : KasmApiCmdlet
    {
        /// <summary>Names to match; wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmStorageProviderNameCompleter))]
        public string[]? Name { get; set; }

        internal override Type[] PipedTypes => Type.EmptyTypes;

        /// <summary>Writes the matching providers.</summary>
        protected override void ProcessItem() =>
            WriteMatching(c => c.GetStorageProviders(Cancellation), Name, p => new[] { p.Name }, "storage provider");
    }
}
