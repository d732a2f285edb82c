#nullable enable
using System.Security;
using Kasm.Client;
using Kasm.Emulator.Auth;
using Kasm.Emulator.Control;
using Kasm.Emulator.Hosting;
using Xunit;

namespace Kasm.Tests;

/// <summary>
/// The shared emulator of the xUnit tests: an in-process emulator over HTTPS per test class and profile (tests of one
/// class run one at a time). Tests of the emulator itself that need their own options start one per test instead
/// (Emulator/TestEmulator.cs). Sessions start after <see cref="StartDelayMs"/>; a destroyed session stays
/// "deleting" until a test makes it go (<c>Emulator.SetSessionStatus(id, "gone")</c>), so no test races a delay.
/// Call <see cref="Fresh"/> (everything back to the start) or <see cref="Quiet"/> (faults and log only) first.
/// </summary>
public abstract class EmulatorFixture : IAsyncLifetime
{
    public const int StartDelayMs = 300;
    public const int DestroyDelayMs = 600_000;
    public const int MaxKasmsPerUser = 2;
    public const int LicenseLimit = 5;

    protected EmulatorFixture(string profile) { Profile = profile; }

    public string Profile { get; }
    public bool IsSeed => Profile == "seed";
    public bool Is115 => Profile == "kasm-1.15";
    public bool Is119 => Profile == "kasm-1.19";

    public RunningEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Port = 0, Profile = Profile, SessionStartDelayMs = StartDelayMs, DestroyDelayMs = DestroyDelayMs,
            MaxKasmsPerUser = MaxKasmsPerUser, LicenseLimit = LicenseLimit,
        });
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    /// <summary>Seeded state, empty request log, no faults, the start settings.</summary>
    public void Fresh()
    {
        Emulator.ClearFaults();
        Emulator.Reset();
        Emulator.Settings.SessionStartDelayMs = StartDelayMs;
        Emulator.Settings.DestroyDelayMs = DestroyDelayMs;
        Emulator.Settings.MaxKasmsPerUser = MaxKasmsPerUser;
        Emulator.Settings.LicenseLimit = LicenseLimit;
        Emulator.Settings.AllowKasmSharing = false;
        Emulator.Settings.NewSessionStatus = null;
        Emulator.Settings.SessionRecordingLicensed = true;
        Emulator.Settings.RecordingLinksFail = false;
        Emulator.Settings.StorageUpdateReplaces = false;
    }

    /// <summary>Clears faults and the request log only.</summary>
    public void Quiet()
    {
        Emulator.ClearFaults();
        Emulator.ClearRequestLog();
    }

    public EmulatorKey Key(string name) => Emulator.Keys.Single(k => k.Name == name);

    /// <summary>Settings for the named key, pinned to the emulator's certificate, two fast retries.</summary>
    internal ConnectionSettings Settings(string keyName = "demo")
    {
        var key = Key(keyName);
        return new ConnectionSettings
        {
            Server = Emulator.Url.ToString(),
            ApiKey = key.ApiKey,
            ApiKeySecret = Secure(key.ApiKeySecret),
            CertificateThumbprint = new[] { Emulator.CertificateThumbprint },
            MaximumRetryCount = 2,
            RetryIntervalSec = 0.01,
            TimeoutSec = 10,
        };
    }

    /// <summary>A connection with <see cref="Settings"/>, changed by <paramref name="configure"/>.</summary>
    internal KasmConnection Connect(string keyName = "demo", Action<ConnectionSettings>? configure = null)
    {
        var settings = Settings(keyName);
        configure?.Invoke(settings);
        return settings.CreateConnection();
    }

    /// <summary>A connection with the given retries and timeout.</summary>
    internal KasmConnection Connect(string keyName, int retries, int timeoutSec = 10) =>
        Connect(keyName, s => { s.MaximumRetryCount = retries; s.TimeoutSec = timeoutSec; });

    /// <summary>The API methods the emulator saw, in order.</summary>
    public string?[] Methods() => Emulator.RequestLog.OrderBy(e => e.Seq).Select(e => e.Method).ToArray();

    public int Count(string method) => Emulator.RequestLog.Count(e => e.Method == method);

    /// <summary>The request log entries for one API method, in order.</summary>
    public IReadOnlyList<RequestLogEntry> Calls(string method) =>
        Emulator.RequestLog.Where(e => e.Method == method).OrderBy(e => e.Seq).ToList();

    internal static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (char c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}

public sealed class Kasm115Fixture : EmulatorFixture { public Kasm115Fixture() : base("kasm-1.15") { } }
public sealed class Kasm119Fixture : EmulatorFixture { public Kasm119Fixture() : base("kasm-1.19") { } }
public sealed class SeedFixture : EmulatorFixture { public SeedFixture() : base("seed") { } }
