namespace Kasm.Emulator.State;

/// <summary>One known group setting: its catalogue id (fixed, what get_settings_group shows while the group has not set it), type, default, and whether the licence must allow it.</summary>
public sealed record GroupSettingDefinition(Guid Id, string Name, string ValueType, string? Default, string Description, bool Licensed = false);

/// <summary>
/// The group settings the emulator knows (docs/kasm-api.md#group-settings): names, value types and the defaults the
/// 1.15 code assumes when a group has not set them.
/// </summary>
public static class GroupSettingCatalogue
{
    private static GroupSettingDefinition D(int n, string name, string type, string? value, string description, bool licensed = false) =>
        new(Guid.ParseExact($"5e77{n:x4}0000400080000000000000{n:x2}", "N"), name, type, value, description, licensed);

    public static IReadOnlyList<GroupSettingDefinition> All { get; } =
    [
        D(1, "max_kasms_per_user", "int", "2", "How many sessions a member may have at once (0 blocks launching)."),
        D(2, "keepalive_expiration", "int", null, "Seconds a keepalive extends a session."),
        D(3, "session_time_limit", "int", null, "Seconds a session may live at most."),
        D(4, "default_image", "string", null, "The workspace a member gets when none is given."),
        D(5, "allow_zone_selection", "bool", "false", "Members may choose the zone of a session."),
        D(6, "allow_kasm_sharing", "bool", "false", "Members may share their sessions.", licensed: true),
        D(7, "shared_session_full_control", "bool", "false", "Viewers of a shared session may control it."),
        D(8, "allow_kasm_uploads", "bool", "true", "Members may upload files into a session."),
        D(9, "allow_kasm_downloads", "bool", "true", "Members may download files from a session."),
        D(10, "allow_kasm_pause", "bool", "false", "Members may pause their sessions."),
        D(11, "allow_kasm_stop", "bool", "false", "Members may stop their sessions."),
        D(12, "allow_kasm_delete", "bool", "true", "Members may delete their sessions."),
        D(13, "allow_user_storage_mapping", "bool", "false", "Members may map their own storage."),
        D(14, "max_user_storage_mappings", "int", "2", "How many storage mappings a member may have."),
        D(15, "record_sessions", "bool", "false", "Sessions are recorded."),
        D(16, "usage_limit", "json", "false", "Usage budget: false, or {\"type\", \"interval\", \"hours\"}.", licensed: true),
        D(17, "require_2fa", "bool", "false", "Members must use two-factor authentication."),
        D(18, "allow_2fa_self_enrollment", "bool", "false", "Members may enrol their own second factor."),
        D(19, "allow_totp_2fa", "bool", "true", "TOTP is allowed as a second factor."),
        D(20, "allow_webauthn_2fa", "bool", "true", "WebAuthn is allowed as a second factor."),
        D(21, "auto_login_to_kasm", "bool", "false", "Members go straight into their default workspace."),
        D(22, "show_disabled_images", "bool", "false", "Members see disabled workspaces."),
        D(23, "disabled_image_message", "string", null, "The text shown on a disabled workspace."),
        D(24, "inject_ssh_keys", "bool", "false", "The member's SSH keys are put into sessions.", licensed: true),
        D(25, "web_filter_policy", "string", null, "The web filter policy of members' sessions."),
    ];

    public static GroupSettingDefinition? Find(string name) => All.FirstOrDefault(d => d.Name == name);
}

/// <summary>A setting a group has set: its own id, the setting's name, the value as text (as Kasm stores it).</summary>
public sealed class GroupSettingValue
{
    public Guid GroupSettingId { get; set; }
    public string Name { get; set; } = "";
    public string? Value { get; set; }
}
