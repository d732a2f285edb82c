using System;
using System.Collections;

namespace Kasm.Models
{
    /// <summary>A storage provider (the catalogue entry that storage mappings use).</summary>
    public sealed class KasmStorageProvider : KasmObject
    {
        /// <summary>The provider id.</summary>
        [KasmIdentity]
        public Guid StorageProviderId { get; set; }
        /// <summary>Its name.</summary>
        public string? Name { get; set; }
        /// <summary>Google Drive, OneDrive, Dropbox, S3, Nextcloud, Custom.</summary>
        [KasmField("storage_provider_type")]
        public string? Type { get; set; }
        /// <summary>Whether it may be used.</summary>
        public bool Enabled { get; set; }
        /// <summary>OAuth client id.</summary>
        public string? ClientId { get; set; }
        /// <summary>OAuth authorisation URL.</summary>
        public string? AuthUrl { get; set; }
        /// <summary>OAuth token URL.</summary>
        public string? TokenUrl { get; set; }
        /// <summary>OAuth redirect URL.</summary>
        public string? RedirectUrl { get; set; }
        /// <summary>WebDAV URL (Nextcloud).</summary>
        public string? WebdavUrl { get; set; }
        /// <summary>OAuth scopes.</summary>
        public string[]? Scope { get; set; }
        /// <summary>Root drive URL.</summary>
        public string? RootDriveUrl { get; set; }
        /// <summary>Mount path inside the session container.</summary>
        public string? DefaultTarget { get; set; }
        /// <summary>rclone volume driver options.</summary>
        public Hashtable? VolumeConfig { get; set; }
        /// <summary>Mount options.</summary>
        public Hashtable? MountConfig { get; set; }
        /// <summary>Extra query options for the OAuth authorisation URL.</summary>
        public Hashtable? AuthUrlOptions { get; set; }

        /// <summary>The name.</summary>
        public override string ToString() => Name ?? StorageProviderId.ToString();
    }
}
