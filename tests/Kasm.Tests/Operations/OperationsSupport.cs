#nullable enable
using Xunit;
using System.Collections.Concurrent;
using System.Security;
using System.Text.Json.Nodes;
using Kasm.Client;
using Kasm.Emulator.Hosting;

namespace Kasm.Tests.Operations;

/// <summary>
/// One in-process HTTPS emulator per test class and profile. Tests of one class run one at a time, so each test
/// starts from <see cref="Fresh"/>: seeded state, empty request log, no faults, the start settings.
/// </summary>
public abstract class OpsEmulator : IAsyncLifetime
{
    public const int StartDelayMs = 300;
    /// <summary>A destroyed session stays "deleting" until a test makes it go (SetSessionStatus(id, "gone")): no test races it.</summary>
    public const int DestroyDelayMs = 600_000;
    public const int MaxKasmsPerUser = 2;
    public const int LicenseLimit = 5;

    protected OpsEmulator(string profile) { Profile = profile; }

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

    public void Fresh()
    {
        Emulator.ClearFaults();
        Emulator.Reset();
        Emulator.Settings.SessionStartDelayMs = StartDelayMs;
        Emulator.Settings.DestroyDelayMs = DestroyDelayMs;
        Emulator.Settings.MaxKasmsPerUser = MaxKasmsPerUser;
        Emulator.Settings.LicenseLimit = LicenseLimit;
    }

    internal KasmConnection Connect(string keyName = "demo", int retries = 0, int timeoutSec = 10)
    {
        var key = Emulator.Keys.Single(k => k.Name == keyName);
        return new ConnectionSettings
        {
            Server = Emulator.Url.ToString(),
            ApiKey = key.ApiKey,
            ApiKeySecret = Secure(key.ApiKeySecret),
            CertificateThumbprint = new[] { Emulator.CertificateThumbprint },
            MaximumRetryCount = retries,
            RetryIntervalSec = 0.01,
            TimeoutSec = timeoutSec,
        }.CreateConnection();
    }

    /// <summary>The API methods the emulator saw, in order.</summary>
    public string?[] Methods() => Emulator.RequestLog.OrderBy(e => e.Seq).Select(e => e.Method).ToArray();

    public int Count(string method) => Emulator.RequestLog.Count(e => e.Method == method);

    internal static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (char c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }
}

public sealed class Ops115 : OpsEmulator { public Ops115() : base("kasm-1.15") { } }
public sealed class Ops119 : OpsEmulator { public Ops119() : base("kasm-1.19") { } }
public sealed class OpsSeed : OpsEmulator { public OpsSeed() : base("seed") { } }

/// <summary>
/// Keeps the client's Debug lines, which hold each request body (secrets masked), so tests can see what was sent.
/// The emulator's request log records methods and statuses, not bodies.
/// </summary>
internal sealed class BodyLog : IKasmLog
{
    private readonly ConcurrentQueue<string> _debug = new();

    public void Verbose(string message) { }
    public void Debug(string message) => _debug.Enqueue(message);
    public bool IsDebugEnabled => true;

    /// <summary>The bodies sent to <paramref name="method"/>, in order.</summary>
    public List<JsonObject> Bodies(string method)
    {
        string prefix = $"Request to {method} (";
        var result = new List<JsonObject>();
        foreach (var line in _debug.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            int start = line.IndexOf("): ", StringComparison.Ordinal);
            result.Add((JsonObject)JsonNode.Parse(line.Substring(start + 3))!);
        }
        return result;
    }

    public JsonObject Single(string method) => Assert.Single(Bodies(method));
}

/// <summary>Shared plumbing of the operation tests: a fresh emulator per test and connections that get disposed.</summary>
public abstract class OpsTestBase<TFixture> : IClassFixture<TFixture>, IDisposable where TFixture : OpsEmulator
{
    private readonly List<KasmConnection> _connections = new();

    protected OpsTestBase(TFixture fixture)
    {
        F = fixture;
        F.Fresh();
    }

    protected TFixture F { get; }
    internal BodyLog Log { get; } = new();

    internal KasmClient Client(string keyName = "demo", int retries = 0, int timeoutSec = 10)
    {
        var connection = F.Connect(keyName, retries, timeoutSec);
        _connections.Add(connection);
        return new KasmClient(connection, Log);
    }

    protected static string Hex(Guid id) => id.ToString("N");

    protected static string[] Keys(JsonObject o) => o.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    protected static string[] Sorted(params string[] keys) => keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        foreach (var c in _connections) c.Dispose();
        GC.SuppressFinalize(this);
    }
}
