using System;
using System.Collections;

namespace Kasm.Models
{
    /// <summary>A storage mapping: a storage provider mounted into the sessions of one user, one group's members or one workspace.</summary>
    public sealed class KasmStorageMapping : KasmObject
    {
        /// <summary>The mapping id.</summary>
        [KasmIdentity]
        public Guid StorageMappingId { get; set; }
        /// <summary>Its name.</summary>
        public string? Name { get; set; }
        /// <summary>The user it is mapped for (empty for a group's or a workspace's mapping).</summary>
        public Guid? UserId { get; set; }
        /// <summary>The group it is mapped for (empty for a user's or a workspace's mapping).</summary>
        public Guid? GroupId { get; set; }
        /// <summary>The workspace it is mapped into (empty for a user's or a group's mapping).</summary>
        public Guid? ImageId { get; set; }
        /// <summary>The storage provider it mounts.</summary>
        public Guid StorageProviderId { get; set; }
        /// <summary>The provider's type: Google Drive, OneDrive, Dropbox, S3, Nextcloud, Custom.</summary>
        public string? StorageProviderType { get; set; }
        /// <summary>Whether it is mounted.</summary>
        public bool Enabled { get; set; }
        /// <summary>Whether it is mounted read-only.</summary>
        public bool ReadOnly { get; set; }
        /// <summary>Mount path inside the session; empty means the provider's default target.</summary>
        public string? Target { get; set; }
        /// <summary>S3 access key id.</summary>
        [KasmField("s3_access_key_id")]
        public string? S3AccessKeyId { get; set; }
        /// <summary>S3 secret: *** when one is stored (Kasm shows it only masked), empty when none.</summary>
        [KasmField("s3_secret_access_key")]
        public string? S3SecretAccessKey { get; set; }
        /// <summary>S3 bucket.</summary>
        [KasmField("s3_bucket")]
        public string? S3Bucket { get; set; }
        /// <summary>WebDAV user (Nextcloud).</summary>
        public string? WebdavUser { get; set; }
        /// <summary>WebDAV password: *** when one is stored, empty when none.</summary>
        [KasmField("webdav_pass")]
        public string? WebdavPassword { get; set; }
        /// <summary>OAuth token (Google Drive, OneDrive, Dropbox): *** when one is stored, empty when none.</summary>
        public string? OauthToken { get; set; }
        /// <summary>Extra mount options (admin only).</summary>
        public Hashtable? Config { get; set; }

        /// <summary>What the mapping is for: "user", "group" or "workspace".</summary>
        [KasmIgnore]
        public string Scope => UserId != null ? "user" : GroupId != null ? "group" : ImageId != null ? "workspace" : "";

        /// <summary>The name.</summary>
        public override string ToString() => Name ?? StorageMappingId.ToString();
    }
}
