namespace Kasm.Emulator.State;

/// <summary>A Kasm user as the emulator stores it.</summary>
public sealed class UserRecord
{
    public Guid UserId { get; set; }
    public string Username { get; set; } = "";
    public string? FirstName { get; set; }
    public string? LastName { get; set; }
    public string? Phone { get; set; }
    public string? Organization { get; set; }
    public string? Notes { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? Country { get; set; }
    public string? Email { get; set; }
    public string? CustomAttribute1 { get; set; }
    public string? CustomAttribute2 { get; set; }
    public string? CustomAttribute3 { get; set; }
    public string Realm { get; set; } = "local";
    public bool Locked { get; set; }
    public bool Disabled { get; set; }
    public bool Anonymous { get; set; }
    /// <summary>Never returned; kept so a state file round-trips. Stored as given: the emulator is no vault.</summary>
    public string? Password { get; set; }
    public DateTime Created { get; set; }
    public DateTime? PasswordSetDate { get; set; }
    public DateTime? LastSession { get; set; }
    public List<Guid> GroupIds { get; set; } = [];
}
