using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Security;
using Kasm.Client;
using Kasm.Cmdlets.Completion;
using Kasm.Models;

namespace Kasm.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Mounts a storage provider into the sessions of a user, a group or a workspace (create_storage_mapping).</para>
    /// <para type="description">Creates a storage mapping: from the next session on, the provider (-StorageProviderId, a piped provider, or -StorageProviderName) is mounted at -Target (or the provider's default target) in the sessions of the user, of the group's members, or of the workspace. S3 mappings take the key id, secret and bucket; Nextcloud mappings a WebDAV user and password. A mapping of an OAuth provider (Google Drive, OneDrive, Dropbox) is made only when its user signs in to the provider from Kasm's web interface, so Kasm's answer to one is an error (KasmInvalidRequest) and nothing is made. Kasm caps a user's own mappings (group setting max_user_storage_mappings, 2 unless set). Needs User, and Users Modify, Groups Modify or Images Modify for the owner's kind; a provider by name also needs Storage Providers View. Never resent.</para>
    /// <example><code># not run: it prompts for the secret
    /// $key = Read-Host -AsSecureString 'S3 secret'; New-KasmStorageMapping -UserName user@kasm.local -StorageProviderName 'Team S3' -Name 'Projects' -S3AccessKeyId AKIAEXAMPLE -S3SecretAccessKey $key -S3Bucket projects</code><para>Mounts an S3 bucket into a user's sessions.</para></example>
    /// <example><code>Get-KasmGroup -Name Ops | New-KasmStorageMapping -StorageProviderName 'Team S3' -Name 'Ops archive' -Target /home/kasm-user/Desktop/Archive -ReadOnly -S3AccessKeyId AKIAEXAMPLE -S3SecretAccessKey $secret -S3Bucket ops-archive</code><para>Mounts a bucket read-only for every member of a group.</para></example>
    /// <example><code>Get-KasmImage -Name Terminal | New-KasmStorageMapping -StorageProviderName 'Team S3' -S3AccessKeyId AKIAEXAMPLE -S3SecretAccessKey $secret -S3Bucket tools -WhatIf</code><para>Shows what would be mapped into a workspace.</para></example>
    /// </summary>
    [Cmdlet(VerbsCommon.New, "KasmStorageMapping", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(KasmStorageMapping))]
    public sealed class NewKasmStorageMappingCommand : KasmBulkCmdlet
    {
        /// <summary>The user whose sessions get the storage; binds from a piped user.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("user_id")]
        public Guid? UserId { get; set; }

        /// <summary>The user, by name (exact match; an unknown name is an error before anything is sent); binds from a UserName property of piped rows (a piped user binds by its id).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmUserNameCompleter))]
        public string? UserName { get; set; }

        /// <summary>The group whose members get the storage; binds from a piped group.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("group_id")]
        public Guid? GroupId { get; set; }

        /// <summary>The group, by name (exact match); binds from a GroupName property of piped rows.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmGroupNameCompleter))]
        public string? GroupName { get; set; }

        /// <summary>The workspace whose sessions get the storage; binds from a piped workspace.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("image_id")]
        public Guid? ImageId { get; set; }

        /// <summary>The workspace, by friendly or Docker image name (exact match); binds from an ImageName property of piped rows.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmImageNameCompleter))]
        public string? ImageName { get; set; }

        /// <summary>The storage provider to mount; binds from a piped provider. Give this or -StorageProviderName.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("storage_provider_id")]
        public Guid? StorageProviderId { get; set; }

        /// <summary>The storage provider, by name (exact match; needs Storage Providers View). Give this or -StorageProviderId.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(KasmStorageProviderNameCompleter))]
        public string? StorageProviderName { get; set; }

        /// <summary>The mapping's name (Kasm uses the provider's name when none is given).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("name")]
        public string? Name { get; set; }

        /// <summary>Mount path inside the session (absolute); when not given, the provider's own mount path (its DefaultTarget).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("target")]
        public string? Target { get; set; }

        /// <summary>Mounts the storage read-only.</summary>
        [Parameter]
        [ApiField("read_only")]
        public SwitchParameter ReadOnly { get; set; }

        /// <summary>Creates the mapping disabled (not mounted until enabled).</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        /// <summary>S3 access key id.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("s3_access_key_id")]
        public string? S3AccessKeyId { get; set; }

        /// <summary>S3 secret access key.</summary>
        [Parameter]
        [ApiField("s3_secret_access_key")]
        public SecureString? S3SecretAccessKey { get; set; }

        /// <summary>S3 bucket.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [ApiField("s3_bucket")]
        public string? S3Bucket { get; set; }

        /// <summary>WebDAV user and password (Nextcloud).</summary>
        [Parameter]
        [Credential]
        public PSCredential? WebdavCredential { get; set; }

        internal override Type[] PipedTypes => new[] { typeof(KasmUser), typeof(KasmGroup), typeof(KasmImage), typeof(KasmStorageProvider) };

        /// <summary>-WebdavCredential as Kasm's webdav_user and webdav_pass (New- and Set-KasmStorageMapping).</summary>
        internal static void AddWebdavCredential(IDictionary<string, object?> fields, PSCredential? credential)
        {
            if (credential == null) return;
            fields["webdav_user"] = credential.UserName;
            fields["webdav_pass"] = credential.GetNetworkCredential().Password;
        }

        /// <summary>Creates one mapping.</summary>
        protected override void ProcessItem()
        {
            var owners = new StorageMappingOwners(this, UserId, UserName, GroupId, GroupName, ImageId, ImageName);
            object? target = owners.Argument;
            var fields = BoundFields();
            fields["enabled"] = !Disabled.IsPresent;
            AddWebdavCredential(fields, WebdavCredential);
            string? problem = owners.Problem("")
                ?? ((StorageProviderId == null) == (StorageProviderName == null)
                    ? "Give the storage provider to mount: -StorageProviderId (or pipe a provider) or -StorageProviderName, not both. Nothing was sent."
                    : KasmClient.StorageMappingProblem(fields, update: false));
            if (problem != null)
            {
                WriteErrorInOrder(InvalidArgument(problem, target));
                return;
            }
            StorageMappingOwner owner = default;
            Guid providerId = StorageProviderId ?? Guid.Empty;
            bool go = false;
            bool resolved = TryInOrder(target, () =>
            {
                var client = Client;
                string shown;
                (owner, shown) = owners.Resolve(client);
                string? providerName = Piped<KasmStorageProvider>() is KasmStorageProvider piped && piped.StorageProviderId == providerId ? piped.Name : null;
                if (StorageProviderName != null)
                {
                    var provider = KasmClient.PickByName(ListOnce(client, c => c.GetStorageProviders(Cancellation)), StorageProviderName,
                        p => new[] { p.Name }, "storage provider", p => $"{p.Name} ({p.StorageProviderId})");
                    (providerId, providerName) = (provider.StorageProviderId, provider.Name);
                }
                go = ShouldProcess(shown, $"Map {Targets.StorageProvider(providerName, providerId)}");
            });
            if (!resolved || !go) return;
            var mapOwner = owner;
            var mapProvider = providerId;
            Send(target, (c, cancel) => c.CreateStorageMapping(mapOwner, mapProvider, fields, cancel), WriteObject);
        }
    }
}
