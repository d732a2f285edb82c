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
    /// <summary>
    /// The status shown while a pause_kasm, stop_kasm or resume_kasm is under way (pausing, stopping, starting), until
    /// <see cref="TransitionEnds"/>; then <see cref="HeldPhase"/>, which the call set to where it leads. Null when none is.
    /// </summary>
    public SessionPhase? Transition { get; set; }
    public DateTime? TransitionEnds { get; set; }
    public DateTime? DestroyRequested { get; set; }
    public int DestroyDelayMs { get; set; }
    public string? ShareId { get; set; }
    /// <summary>Users who joined through the share id (join_kasm); delete_kasm_share_id empties it.</summary>
    public List<Guid> Viewers { get; set; } = [];
    /// <summary>The session permissions (set_session_permissions and the rest), one per user.</summary>
    public List<SessionPermissionRecord> Permissions { get; set; } = [];
    public string ContainerId { get; set; } = "";
    public string ContainerIp { get; set; } = "";
    public double Cores { get; set; }
    public long Memory { get; set; }
    public int Gpus { get; set; }
    public Dictionary<string, string> Environment { get; set; } = [];
    /// <summary>The exec_config of each exec_command_kasm, as JSON, oldest first (for tests; Kasm keeps no such list).</summary>
    public List<string> Commands { get; set; } = [];

    /// <summary>
    /// The state at <paramref name="now"/>: requested → provisioning → assigned → starting → running, or deleting; or the
    /// held state (which may also be paused or stopped).
    /// </summary>
    public SessionPhase PhaseAt(DateTime now)
    {
        if (DestroyRequested is not null) return SessionPhase.Deleting;
        if (Transition is { } moving && TransitionEnds is { } ends && now < ends) return moving;
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

