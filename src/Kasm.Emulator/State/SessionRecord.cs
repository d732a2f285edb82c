namespace Kasm.Emulator.State;

/// <summary>A session ("kasm"). Its operational status is computed from elapsed time, so no timers run.</summary>
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
    public DateTime? DestroyRequested { get; set; }
    public int DestroyDelayMs { get; set; }
    public string? ShareId { get; set; }
    public string ContainerId { get; set; } = "";
    public string ContainerIp { get; set; } = "";
    public double Cores { get; set; }
    public long Memory { get; set; }
    public int Gpus { get; set; }
    public Dictionary<string, string> Environment { get; set; } = [];

    /// <summary>The state at <paramref name="now"/>: requested → provisioning → assigned → starting → running, or deleting.</summary>
    public SessionPhase PhaseAt(DateTime now)
    {
        if (DestroyRequested is not null) return SessionPhase.Deleting;
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

/// <summary>Session states the emulator models (a subset of kasm-api.md §4.1's list).</summary>
public enum SessionPhase
{
    Requested,
    Provisioning,
    Assigned,
    Starting,
    Running,
    Deleting,
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
        _ => ("Session is being deleted", 100),
    };

    /// <summary>True once a server has been picked (server fields stay null before, §4.1).</summary>
    public static bool IsPlaced(this SessionPhase phase) => phase is SessionPhase.Starting or SessionPhase.Running or SessionPhase.Deleting;
}
