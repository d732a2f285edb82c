using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>
/// A storage provider bound to one user, group or workspace (docs/kasm-api.md#storage-mappings). Exactly one of
/// <see cref="UserId"/>, <see cref="GroupId"/> and <see cref="ImageId"/> is set. The secrets are kept as sent and
/// only ever shown masked.
/// </summary>
public sealed class StorageMappingRecord
{
    public Guid StorageMappingId { get; set; }
    public string? Name { get; set; }
    public Guid? UserId { get; set; }
    public Guid? GroupId { get; set; }
    public Guid? ImageId { get; set; }
    public Guid StorageProviderId { get; set; }
    public bool Enabled { get; set; } = true;
    public bool ReadOnly { get; set; }
    /// <summary>Where the storage is mounted inside the session.</summary>
    public string? Target { get; set; }
    /// <summary>rclone options of the mapping itself (admin only).</summary>
    public JsonObject Config { get; set; } = [];
    public string? S3AccessKeyId { get; set; }
    public string? S3SecretAccessKey { get; set; }
    public string? S3Bucket { get; set; }
    public string? WebdavUser { get; set; }
    public string? WebdavPass { get; set; }
    /// <summary>The token an OAuth sign-in left (Google Drive, OneDrive, Dropbox); set only by the OAuth callback.</summary>
    public string? OauthToken { get; set; }
}
