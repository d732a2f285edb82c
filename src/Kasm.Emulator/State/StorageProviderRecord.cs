using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>A storage provider (docs/kasm-api.md#storage-providers).</summary>
public sealed class StorageProviderRecord
{
    public Guid StorageProviderId { get; set; }
    public string? Name { get; set; }
    public string StorageProviderType { get; set; } = "";
    public bool Enabled { get; set; } = true;
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    public string? AuthUrl { get; set; }
    public string? TokenUrl { get; set; }
    public string? WebdavUrl { get; set; }
    public List<string> Scope { get; set; } = [];
    public string? RedirectUrl { get; set; }
    public JsonObject AuthUrlOptions { get; set; } = [];
    public JsonObject VolumeConfig { get; set; } = [];
    public JsonObject MountConfig { get; set; } = [];
    public string? RootDriveUrl { get; set; }
    public string? DefaultTarget { get; set; }
}
