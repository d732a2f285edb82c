using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>A user group (docs/kasm-api.md#groups). The seed has the two built-in groups.</summary>
public sealed class GroupRecord
{
    /// <summary>The "All Users" group id, the same in every Kasm installation (docs/kasm-api.md#users).</summary>
    public static readonly Guid AllUsersId = Guid.ParseExact("68d557ac4cac42cca9f31c7c853de0f3", "N");

    /// <summary>The emulator's fixed "Administrators" group id.</summary>
    public static readonly Guid AdministratorsId = Guid.ParseExact("8ccd2fb1e4a54b5e9d2d6a5c3b0f7e21", "N");

    /// <summary>The emulator's fixed "Ops" group id (a plain group with user@kasm.local in it).</summary>
    public static readonly Guid OpsId = Guid.ParseExact("5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b", "N");

    public Guid GroupId { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    /// <summary>1 to 4095; lower wins where a user's groups disagree.</summary>
    public int Priority { get; set; } = 100;
    /// <summary>The built-in groups.</summary>
    public bool IsSystem { get; set; }
    /// <summary>group_metadata as last sent (an object or null).</summary>
    public JsonNode? Metadata { get; set; }
    /// <summary>The workspaces the group's members may launch (get_images_group), oldest first.</summary>
    public List<GroupImageLink> Images { get; set; } = [];
    /// <summary>The group settings the group has set (get_settings_group), in the order they were set.</summary>
    public List<GroupSettingValue> Settings { get; set; } = [];
}

/// <summary>One workspace a group may launch: the link's own id and the workspace.</summary>
public sealed class GroupImageLink
{
    public Guid GroupImageId { get; set; }
    public Guid ImageId { get; set; }
}
