namespace Kasm.Emulator.State;

/// <summary>Wire names and progress texts for <see cref="SessionPhase"/>.</summary>
public static class SessionPhases
{
    public static string WireName(this SessionPhase phase) => phase.ToString().ToLowerInvariant();

    public static (string Message, int Progress) Progress(this SessionPhase phase) => phase switch
    {
        SessionPhase.Requested => ("Session requested", 0),
        SessionPhase.Provisioning => ("Provisioning resources for the session", 20),
        SessionPhase.Assigned => ("Session assigned to a server", 40),
        SessionPhase.Starting => ("Starting session container", 70),
        SessionPhase.Running => ("Session running", 100),
        SessionPhase.Paused => ("Session paused", 100),
        SessionPhase.Stopped => ("Session stopped", 100),
        SessionPhase.Pausing => ("Pausing session", 50),
        SessionPhase.Stopping => ("Stopping session", 50),
        _ => ("Session is being deleted", 100),
    };

    /// <summary>True once a server has been picked (server fields stay null before, docs/kasm-api.md#sessions).</summary>
    public static bool IsPlaced(this SessionPhase phase) =>
        phase is SessionPhase.Starting or SessionPhase.Running or SessionPhase.Deleting or SessionPhase.Paused or SessionPhase.Stopped
            or SessionPhase.Pausing or SessionPhase.Stopping;

    /// <summary>Parses a wire name ("provisioning"); false for anything else.</summary>
    public static bool TryParse(string? name, out SessionPhase phase) =>
        Enum.TryParse(name, ignoreCase: true, out phase) && Enum.IsDefined(phase) && !int.TryParse(name, out _);
}
