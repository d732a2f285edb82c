namespace Kasm.Emulator.State;

/// <summary>Session states the emulator models: a subset of the operational_status values Kasm documents (docs/kasm-api.md).</summary>
public enum SessionPhase
{
    Requested,
    Provisioning,
    Assigned,
    Starting,
    Running,
    Deleting,
    /// <summary>Reached only by holding a session there (pause_kasm is not emulated yet).</summary>
    Paused,
    /// <summary>Reached only by holding a session there (stop_kasm is not emulated yet).</summary>
    Stopped,
}
