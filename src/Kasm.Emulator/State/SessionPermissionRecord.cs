namespace Kasm.Emulator.State;

/// <summary>
/// Who other than the owner may view or control a session (docs/kasm-api.md#session-permissions): an access string of
/// r (view), w (control) and o (owner), and the VNC user name KasmVNC knows the user by.
/// </summary>
public sealed class SessionPermissionRecord
{
    public Guid SessionPermissionId { get; set; }
    public Guid KasmId { get; set; }
    public Guid UserId { get; set; }
    public string Access { get; set; } = "r";
    public string VncUsername { get; set; } = "";
}
