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
    /// <summary>After pause_kasm, or held there.</summary>
    Paused,
    /// <summary>After stop_kasm, or held there.</summary>
    Stopped,
    /// <summary>Between pause_kasm and paused (the settings' lifecycle delay), or held there.</summary>
    Pausing,
    /// <summary>Between stop_kasm and stopped (the settings' lifecycle delay), or held there.</summary>
    Stopping,
}
