namespace Kasm.Emulator.Auth;

/// <summary>An API key the emulator accepts.</summary>
public sealed class EmulatorKey
{
    public required string Name { get; init; }
    /// <summary>12 letters/digits (docs/kasm-api.md#transport-and-authentication).</summary>
    public required string ApiKey { get; init; }
    /// <summary>32 letters/digits (docs/kasm-api.md#transport-and-authentication).</summary>
    public required string ApiKeySecret { get; init; }
    public bool ReadOnly { get; init; }
    /// <summary>UTC expiry; null = never.</summary>
    public DateTime? Expires { get; init; }
    /// <summary>UI permission names (docs/kasm-api.md#permissions), e.g. "Global Admin".</summary>
    public required string[] Permissions { get; init; }

    private IReadOnlySet<Permission>? _parsed;

    internal IReadOnlySet<Permission> Granted => _parsed ??= Permissions.Select(Auth.Permissions.Parse).ToHashSet();
}

/// <summary>The fixed keys, deterministic so the README tour can quote them.</summary>
public static class EmulatorKeys
{
    private static readonly string[] Everything = ["Global Admin", "User", "Users Auth Session"];

    public static IReadOnlyList<EmulatorKey> Defaults { get; } =
    [
        new() { Name = "demo", ApiKey = "DemoKey00001", ApiKeySecret = "DemoSecret0000000000000000000001", Permissions = Everything },
        new() { Name = "readonly", ApiKey = "ReadOnlyKey1", ApiKeySecret = "ReadOnlySecret000000000000000001", ReadOnly = true, Permissions = Everything },
        new() { Name = "imagesonly", ApiKey = "ImagesOnly01", ApiKeySecret = "ImagesOnlySecret0000000000000001", Permissions = ["Images View"] },
        // update_image's narrow permission: with it alone a key cannot read a workspace; with Images View it can.
        new() { Name = "resources", ApiKey = "ResourceKey1", ApiKeySecret = "ResourceSecret000000000000000001", Permissions = ["Images Modify Resources"] },
        new()
        {
            Name = "resourcesview", ApiKey = "ResViewKey01", ApiKeySecret = "ResViewSecret0000000000000000001",
            Permissions = ["Images View", "Images Modify Resources"],
        },
        new()
        {
            Name = "expired", ApiKey = "ExpiredKey01", ApiKeySecret = "ExpiredSecret0000000000000000001",
            Expires = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), Permissions = Everything,
        },
    ];
}
