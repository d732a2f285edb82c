namespace Kasm.Emulator.Hosting;

/// <summary>How to start an emulator.</summary>
public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 lets the OS pick a free one.</summary>
    public int Port { get; set; }

    /// <summary>"seed", "kasm-1.15" (default) or "kasm-1.19".</summary>
    public string Profile { get; set; } = Api.Profile.Kasm115;

    /// <summary>Serve plain HTTP instead of HTTPS.</summary>
    public bool Http { get; set; }

    /// <summary>Time from requested to running for a new session.</summary>
    public int SessionStartDelayMs { get; set; } = 3000;

    /// <summary>Time a destroyed session stays in "deleting" before it disappears.</summary>
    public int DestroyDelayMs { get; set; } = 1000;

    /// <summary>Live sessions one user may hold (Kasm's max_kasms_per_user default is 2).</summary>
    public int MaxKasmsPerUser { get; set; } = 2;

    /// <summary>Concurrent sessions the licence allows (Community Edition: 5).</summary>
    public int LicenseLimit { get; set; } = 5;

    /// <summary>Fuzz mode from the start (<c>--fuzz SEED</c>); null = off.</summary>
    public int? FuzzSeed { get; set; }

    /// <summary>The certificate to present: self-signed (default), expired, wrong-host or other (<c>--certificate</c>).</summary>
    public string Certificate { get; set; } = "self-signed";

    /// <summary>JSON file loaded at start when it exists and written when the emulator stops.</summary>
    public string? StateFile { get; set; }

    /// <summary>Keys accepted besides the fixed ones (EmulatorKeys.Defaults) (tests use it for narrow permission sets).</summary>
    internal IReadOnlyList<Auth.EmulatorKey> AdditionalKeys { get; set; } = [];
}
