namespace Kasm.Emulator.State;

/// <summary>What a state file holds.</summary>
internal sealed class StateSnapshot
{
    public List<UserRecord> Users { get; set; } = [];
    public List<ImageRecord> Images { get; set; } = [];
    public List<SessionRecord> Sessions { get; set; } = [];
    public List<StorageProviderRecord> StorageProviders { get; set; } = [];
}
