using System;
using System.Management.Automation;
using System.Security;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Changes a storage mapping (update_storage_mapping).</para>
    /// <para type="description">Reads the mapping (get_storage_mappings) and sends it back whole with your changes, which is right whether or not Kasm keeps the fields it is not sent. Kasm shows the mapping's secrets only masked, so the cmdlet never sends the mask back: a mapping with an S3 secret or a WebDAV password is changed only when you give it again (-S3SecretAccessKey, -WebdavCredential), and a mapping that holds an OAuth sign-in (Google Drive, OneDrive, Dropbox) is not changed at all, because no parameter can give the token again (KasmInvalidArgument, nothing changed). A relative -Target, or nothing to change, is an error before anything is sent. A secret you give is set on every mapping piped in, so pipe one mapping at a time when their secrets differ. Give the mapping by id or pipe it from Get-KasmStorageMapping. Needs User, and the View and Modify permission of the mapping's owner (Users, Groups or Images). Outputs nothing unless -PassThru.</para>
    /// <example><code>Get-KasmStorageMapping -UserName user@kasm.local | Where-Object Name -eq 'user S3' | Set-KasmStorageMapping -ReadOnly -S3SecretAccessKey $secret -PassThru</code><para>Makes one S3 mapping read-only; its secret is given again, so a server that clears what an update does not send cannot lose it.</para></example>
    /// <example><code>Get-KasmImage -Name Chrome | Get-KasmStorageMapping | Where-Object Name -eq 'Chrome downloads' | Set-KasmStorageMapping -Target /home/kasm-user/Downloads/Bucket -S3SecretAccessKey $secret -WhatIf</code><para>Shows the change of where a workspace's mapping is mounted.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "KasmStorageMapping", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KasmStorageMapping))]
    public sealed class SetKasmStorageMappingCommand : KasmBulkCmdlet
    {
        /// <summary>The mapping; binds from a piped mapping.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("storage_mapping_id")]
        public Guid StorageMappingId { get; set; }

        /// <summary>A new name.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("name")]
        public string? Name { get; set; }

        /// <summary>A new mount path inside the session (absolute).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("target")]
        public string? Target { get; set; }

        /// <summary>Enables (-Enabled) or disables (-Enabled:$false) the mapping.</summary>
        [Parameter]
        [ApiField("enabled")]
        public SwitchParameter Enabled { get; set; }

        /// <summary>Mounts the storage read-only (-ReadOnly) or writable (-ReadOnly:$false).</summary>
        [Parameter]
        [ApiField("read_only")]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>S3 access key id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("s3_access_key_id")]
        public string? S3AccessKeyId { get; set; }

        /// <summary>S3 secret access key; required to change a mapping that has one (Kasm shows it only masked).</summary>
        [Parameter]
        [ApiField("s3_secret_access_key")]
        public SecureString? S3SecretAccessKey { get; set; }

        /// <summary>S3 bucket.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("s3_bucket")]
        public string? S3Bucket { get; set; }

        /// <summary>WebDAV user and password (Nextcloud); required to change a mapping that has a WebDAV password.</summary>
        [Parameter]
        [Credential]
        public PSCredential? WebdavCredential { get; set; }

        /// <summary>Outputs the changed mapping.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmStorageMapping) };

        /// <summary>Changes one mapping.</summary>
        protected override void ProcessItem()
        {
            var changes = BoundFields();
            NewKasmStorageMappingCommand.AddWebdavCredential(changes, WebdavCredential);
            Guid id = StorageMappingId;
            var problem = KasmClient.StorageMappingProblem(changes, update: true);
            if (problem != null)
            {
                WriteErrorInOrder(InvalidArgument(problem, id));
                return;
            }
            string? shown = Piped<KasmStorageMapping>() is KasmStorageMapping piped && piped.StorageMappingId == id ? piped.Name : null;
            if (!ShouldProcess(Targets.StorageMapping(shown, id), $"Set {DescribeFields(changes)}")) return;
            bool passThru = PassThru;
            Send(id, (c, cancel) => c.UpdateStorageMapping(id, changes, cancel), m => { if (passThru) WriteObject(m); });
        }
    }
}
