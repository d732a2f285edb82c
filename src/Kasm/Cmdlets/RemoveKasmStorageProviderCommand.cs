using System;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes a storage provider (delete_storage_provider).</para>
    /// <para type="description">Deletes the storage provider from Kasm's catalogue, so users, groups and workspaces can no longer map it. This cannot be undone, so it asks for confirmation by default: use -Confirm:$false in scripts. Needs Storage Providers Delete. Never resent.</para>
    /// <example><code>$p = New-KasmStorageProvider -Name 'Scratch S3' -Type S3 -Confirm:$false; $p | Remove-KasmStorageProvider -Confirm:$false</code><para>Creates a provider and deletes it again.</para></example>
    /// <example><code>Remove-KasmStorageProvider -Name 'Google Drive' -WhatIf</code><para>Shows what would be deleted.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmStorageProvider", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High, DefaultParameterSetName = "ById")]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmStorageProviderCommand : KasmBulkCmdlet
    {
        /// <summary>The provider; binds from a piped provider.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true, ParameterSetName = "ById")]
        [Alias("storage_provider_id")]
        public Guid StorageProviderId { get; set; }

        /// <summary>The provider, by name (exact match; an unknown or ambiguous name is an error before anything is sent).</summary>
        [Parameter(Mandatory = true, Position = 0, ParameterSetName = "ByName")]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmStorageProviderNameCompleter))]
        public string? Name { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmStorageProvider) };

        /// <summary>Deletes one provider.</summary>
        protected override void ProcessItem()
        {
            object target = (object?)Name ?? StorageProviderId;
            Guid id = StorageProviderId;
            bool ready = false;
            bool resolved = TryInOrder(target, () =>
            {
                var client = Client;
                if (Name != null)
                    id = KasmClient.PickByName(ListOnce(client, c => c.GetStorageProviders(Cancellation)), Name, p => new[] { p.Name }, "storage provider",
                        p => $"{p.Name} ({p.StorageProviderId})").StorageProviderId;
                string shown = Name ?? (Piped<KasmStorageProvider>() is KasmStorageProvider p && p.StorageProviderId == id ? p.Name : null) ?? id.ToString();
                ready = ShouldProcess($"storage provider {shown}", "Delete Kasm storage provider");
            });
            if (!resolved || !ready) return;
            Guid providerId = id;
            Send(target, (c, cancel) => c.DeleteStorageProvider(providerId, cancel));
        }
    }
}
