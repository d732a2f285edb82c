namespace Kasm.Emulator.State;

/// <summary>A session recording: one stored video of a (past or live) session (docs/kasm-api.md#session-recordings).</summary>
public sealed class RecordingRecord
{
    public Guid RecordingId { get; init; }
    /// <summary>The accounting row of the session the recording belongs to.</summary>
    public Guid AccountId { get; init; }
    public Guid KasmId { get; init; }
    public double DurationSeconds { get; init; }
    public DateTime Created { get; init; }
}
