namespace Kasm.Emulator.Api;

/// <summary>
/// Every behaviour that differs between the emulated server flavours, in one place. <c>seed</c> follows the seed
/// document; <c>kasm-1.15</c> and <c>kasm-1.19</c> follow docs/kasm-api.md (authentication, answers, and the table of the emulator's profiles).
/// </summary>
internal sealed class Profile
{
    public const string Seed = "seed";
    public const string Kasm115 = "kasm-1.15";
    public const string Kasm119 = "kasm-1.19";

    public required string Name { get; init; }

    /// <summary>Seed: JSON errors with <c>"status": "error"</c> and REST-like codes; no HTML anywhere.</summary>
    public bool IsSeed { get; init; }

    /// <summary>No released Kasm (1.15–1.19) reads <c>Authorization: Basic</c>; only the seed document accepts it.</summary>
    public bool AcceptsBasicAuth { get; init; }

    /// <summary>
    /// The behaviours of a real 1.15 server that the first notes got wrong (docs/kasm-api.md: the "1.15-corrected" facts and the table of the emulator's profiles),
    /// kept by kasm-1.19 where nothing newer is known: update_image resets unsent fields; request_kasm with
    /// enable_sharing answers a partial success unless the group allows sharing; destroy_kasm without user_id is an
    /// HTML 500 and a second destroy is re-run; storage providers are validated per type with scope as text;
    /// update_user's status sets locked; a null user_id is a 400. The seed profile keeps the seed document's behaviour.
    /// </summary>
    public bool RealServerRules { get; init; }

    /// <summary>Missing permission: 401 in 1.15, 403 in 1.19 [live] (docs/kasm-api.md#transport-and-authentication notes), 403 in the seed.</summary>
    public int PermissionFailureStatus { get; init; }

    /// <summary>request_kasm: 1.19 always returns <c>share_id</c> (null unless sharing); 1.15 only when sharing (docs/kasm-api.md#sessions).</summary>
    public bool ShareIdAlways { get; init; }

    /// <summary>get_kasm_status while not running: 1.15 public gives only error_message; later also operational_* (docs/kasm-api.md#sessions).</summary>
    public bool StatusShowsOperational { get; init; }

    /// <summary>1.15: get_kasms with no sessions → <c>{"kasms": []}</c>, get_users with no users → <c>{}</c> (docs/kasm-api.md#sessions, docs/kasm-api.md#users).</summary>
    public bool Quirks115 { get; init; }

    /// <summary>get_kasm_screenshot: 1.15's public wrapper swaps width and height before asking KasmVNC (docs/kasm-api.md#sessions).</summary>
    public bool ScreenshotSwapsSize { get; init; }

    /// <summary>The first three parts of <c>system_info.api.build_id</c> and of seeded image tags.</summary>
    public required string Version { get; init; }

    public string BuildId => Version + ".a7b3c9e";

    public static Profile Get(string name) => name switch
    {
        Seed => new Profile
        {
            Name = Seed, IsSeed = true, AcceptsBasicAuth = true, PermissionFailureStatus = 403,
            ShareIdAlways = true, StatusShowsOperational = true, Version = "1.15.0",
            // The seed document has no screenshot method; the profile reports 1.15, so it answers as 1.15 does.
            ScreenshotSwapsSize = true,
        },
        Kasm115 => new Profile
        {
            Name = Kasm115, PermissionFailureStatus = 401, Quirks115 = true, RealServerRules = true, Version = "1.15.0",
            ScreenshotSwapsSize = true,
        },
        Kasm119 => new Profile
        {
            Name = Kasm119, PermissionFailureStatus = 403, ShareIdAlways = true, RealServerRules = true,
            StatusShowsOperational = true, Version = "1.19.0",
        },
        _ => throw new ArgumentException($"Unknown profile '{name}' (expected {Seed}, {Kasm115} or {Kasm119}).", nameof(name)),
    };
}
