namespace Kasm.Emulator.State;

/// <summary>
/// A session ("kasm"). Its operational status is computed from elapsed time, so no timers run, unless a test holds it
/// in one status (<see cref="HeldPhase"/>): tests drive a session through its states instead of racing a delay.
/// </summary>
public sealed class SessionRecord
{
    public Guid KasmId { get; set; }
    public Guid UserId { get; set; }
    public Guid ImageId { get; set; }
    public Guid ServerId { get; set; }
    public DateTime Created { get; set; }
    public DateTime KeepaliveDate { get; set; }
    public DateTime ExpirationDate { get; set; }
    /// <summary>Start delay captured at request time, so a later settings change does not move running sessions.</summary>
    public int StartDelayMs { get; set; }
    /// <summary>A status the session stays in until changed (set through the control surface); null follows the delay.</summary>
    public SessionPhase? HeldPhase { get; set; }
    public DateTime? DestroyRequested { get; set; }
    public int DestroyDelayMs { get; set; }
    public string? ShareId { get; set; }
    public string ContainerId { get; set; } = "";
    public string ContainerIp { get; set; } = "";
    public double Cores { get; set; }
    public long Memory { get; set; }
    public int Gpus { get; set; }
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>
    /// The state at <paramref name="now"/>: requested → provisioning → assigned → starting → running, or deleting; or the
    /// held state (which may also be paused or stopped).
    /// </summary>
    public SessionPhase PhaseAt(DateTime now)
    {
        if (DestroyRequested is not null) return SessionPhase.Deleting;
        if (HeldPhase is { } held) return held;
        double elapsed = (now - Created).TotalMilliseconds;
        if (StartDelayMs <= 0 || elapsed >= StartDelayMs) return SessionPhase.Running;
        double share = elapsed / StartDelayMs;
        return share switch
        {
            < 0.10 => SessionPhase.Requested,
            < 0.35 => SessionPhase.Provisioning,
            < 0.50 => SessionPhase.Assigned,
            _ => SessionPhase.Starting,
        };
    }

    /// <summary>When a destroyed session's row disappears.</summary>
    public DateTime? GoneAt => DestroyRequested?.AddMilliseconds(DestroyDelayMs);
}

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
        _ => ("Session is being deleted", 100),
    };

    /// <summary>True once a server has been picked (server fields stay null before, docs/kasm-api.md#sessions).</summary>
    public static bool IsPlaced(this SessionPhase phase) =>
        phase is SessionPhase.Starting or SessionPhase.Running or SessionPhase.Deleting or SessionPhase.Paused or SessionPhase.Stopped;

    /// <summary>Parses a wire name ("provisioning"); false for anything else.</summary>
    public static bool TryParse(string? name, out SessionPhase phase) =>
        Enum.TryParse(name, ignoreCase: true, out phase) && Enum.IsDefined(phase) && !int.TryParse(name, out _);
}
