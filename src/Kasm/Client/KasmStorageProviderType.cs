namespace Kasm.Client
{
    /// <summary>The storage provider types Kasm knows. Cmdlets also accept the names Kasm's UI shows ('Google Drive').</summary>
    public enum KasmStorageProviderType
    {
        /// <summary>Nextcloud over WebDAV.</summary>
        Nextcloud,
        /// <summary>Amazon S3 or compatible.</summary>
        S3,
        /// <summary>Google Drive (OAuth).</summary>
        GoogleDrive,
        /// <summary>Microsoft OneDrive (OAuth).</summary>
        OneDrive,
        /// <summary>Dropbox (OAuth).</summary>
        Dropbox,
        /// <summary>Any rclone volume driver configuration.</summary>
        Custom,
    }
}
