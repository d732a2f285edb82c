namespace Kasm.Emulator.State;

/// <summary>
/// A session's accounting row, what get_session_history lists (docs/kasm-api.md#session-history): one per session ever
/// made, kept after the session is gone. Rows of sessions made in this run point at their <see cref="Session"/>, whose
/// destroy time becomes the row's.
/// </summary>
public sealed class AccountRecord
{
    public Guid AccountId { get; init; }
    public Guid KasmId { get; init; }
    public Guid UserId { get; init; }
    public string UserName { get; init; } = "";
    public Guid ImageId { get; init; }
    public string ImageName { get; init; } = "";
    public string ImageFriendlyName { get; init; } = "";
    public string ImageSrc { get; init; } = "";
    public DateTime Created { get; init; }
    public DateTime? Destroyed { get; set; }
    public string? DestroyReason { get; set; }
    public List<Guid> GroupIds { get; init; } = [];
    /// <summary>The live session, for rows made by request_kasm in this run; null for fixtures.</summary>
    internal SessionRecord? Session { get; init; }
}
