using System;
using System.Management.Automation;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Deletes a storage mapping (delete_storage_mapping).</para>
    /// <para type="description">Deletes the mapping, so the provider is no longer mounted into the sessions of its user, group or workspace; the files in the storage itself are not touched. Asks for confirmation by default (ConfirmImpact High): use -Confirm:$false in scripts. Give the mapping by id or pipe it from Get-KasmStorageMapping. Needs User, and the Modify permission of the mapping's owner (Users, Groups or Images). Never resent.</para>
    /// <example><code>Get-KasmStorageMapping -UserName user@kasm.local | Remove-KasmStorageMapping -Confirm:$false</code><para>Removes every storage mapping of a user.</para></example>
    /// <example><code>Get-KasmImage -Name Chrome | Get-KasmStorageMapping | Remove-KasmStorageMapping -WhatIf</code><para>Shows which mappings of a workspace would be deleted.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Remove, "KasmStorageMapping", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
    [OutputType(typeof(void))]
    public sealed class RemoveKasmStorageMappingCommand : KasmBulkCmdlet
    {
        /// <summary>The mapping; binds from a piped mapping.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("storage_mapping_id")]
        public Guid StorageMappingId { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmStorageMapping) };

        /// <summary>Deletes one mapping.</summary>
        protected override void ProcessItem()
        {
            Guid id = StorageMappingId;
            string? shown = Piped<KasmStorageMapping>() is KasmStorageMapping piped && piped.StorageMappingId == id ? piped.Name : null;
            if (!ShouldProcess(Targets.StorageMapping(shown, id), "Delete Kasm storage mapping")) return;
            Send(id, (c, cancel) => c.DeleteStorageMapping(id, cancel));
        }
    }
}
