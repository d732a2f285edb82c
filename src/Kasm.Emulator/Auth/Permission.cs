namespace Kasm.Emulator.Auth;

/// <summary>API-key permissions with the ids of docs/kasm-api.md#permissions (only those the emulated methods use, plus their siblings).</summary>
public enum Permission
{
    User = 100,
    GlobalAdmin = 200,
    UsersView = 300,
    UsersModify = 301,
    UsersCreate = 302,
    UsersDelete = 303,
    UsersModifyAdmin = 351,
    UsersAuthSession = 352,
    GroupsView = 400,
    GroupsModify = 401,
    GroupsCreate = 402,
    GroupsDelete = 403,
    AgentsView = 500,
    SessionsView = 800,
    SessionsModify = 801,
    SessionsDelete = 803,
    SessionRecordingsView = 850,
    ImagesView = 900,
    ImagesModify = 901,
    ImagesCreate = 902,
    ImagesDelete = 903,
    ImagesModifyResources = 904,
    DevapiView = 1000,
    SettingsView = 1300,
    LicensesView = 1500,
    SystemView = 1600,
    // docs/kasm-api.md#permissions gives the range 1800…3003 for these families without exact ids; Storage Providers is the last (3000–3003).
    // Thirteen families at x00 steps from Managers (1800) put Zones at 1900 and Servers at 2300 (inferred).
    ZonesView = 1900,
    ServersView = 2300,
    StorageProvidersView = 3000,
    StorageProvidersModify = 3001,
    StorageProvidersCreate = 3002,
    StorageProvidersDelete = 3003,
}

/// <summary>UI names of <see cref="Permission"/> and the Global Admin rule.</summary>
public static class Permissions
{
    private static readonly Dictionary<string, Permission> ByName = Enum.GetValues<Permission>()
        .ToDictionary(NameOf, p => p, StringComparer.OrdinalIgnoreCase);

    /// <summary>The UI name, e.g. "Users Auth Session".</summary>
    public static string NameOf(Permission permission) => permission switch
    {
        Permission.GlobalAdmin => "Global Admin",
        _ => string.Concat(permission.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? " " + c : c.ToString())),
    };

    public static Permission Parse(string name) =>
        ByName.TryGetValue(name.Trim(), out var p) ? p : throw new ArgumentException($"Unknown permission '{name}'.", nameof(name));

    /// <summary>
    /// True when <paramref name="held"/> satisfies <paramref name="required"/>: the permission itself, or Global Admin
    /// for anything numbered 200 or more. Global Admin never grants User (100) (docs/kasm-api.md#permissions).
    /// </summary>
    public static bool Satisfies(IReadOnlySet<Permission> held, Permission required) =>
        held.Contains(required) || ((int)required >= 200 && held.Contains(Permission.GlobalAdmin));

    /// <summary>Holding any one of <paramref name="anyOf"/> is enough (docs/kasm-api.md#permissions).</summary>
    public static bool SatisfiesAny(IReadOnlySet<Permission> held, IEnumerable<Permission> anyOf) =>
        anyOf.Any(p => Satisfies(held, p));
}
