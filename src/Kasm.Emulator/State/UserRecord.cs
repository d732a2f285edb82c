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
    /// <summary>Login tokens issued by get_login (hex); logout_user removes them all.</summary>
    public List<string> LoginTokens { get; set; } = [];
    /// <summary>The user's preferences (get_attributes, update_user_attributes).</summary>
    public UserAttributes Attributes { get; set; } = new();
}

/// <summary>A user's attributes (docs/kasm-api.md#users, get_attributes), with Kasm's defaults for a new user.</summary>
public sealed class UserAttributes
{
    public Guid UserAttributesId { get; set; } = Guid.NewGuid();
    public Guid? DefaultImage { get; set; }
    public bool ShowTips { get; set; } = true;
    public bool? AutoLoginKasm { get; set; }
    public bool ToggleControlPanel { get; set; } = true;
    public string Theme { get; set; } = "Light";
    public bool ChatSfx { get; set; } = true;
    public string SshPublicKey { get; set; } = "";
    public string PreferredLanguage { get; set; } = "Auto";
    public string PreferredTimezone { get; set; } = "Auto";
}
