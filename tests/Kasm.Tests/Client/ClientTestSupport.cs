#nullable enable
using Xunit;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security;
using Kasm.Client;
using Kasm.Emulator.Auth;
using Kasm.Emulator.Control;
using Kasm.Emulator.Hosting;

namespace Kasm.Tests.Client;

/// <summary>An IKasmLog that keeps every line, with Debug on, so tests can look for leaked secrets.</summary>
internal sealed class RecordingLog : IKasmLog
{
    public ConcurrentQueue<string> VerboseLines { get; } = new();
    public ConcurrentQueue<string> DebugLines { get; } = new();
    public bool IsDebugEnabled { get; set; } = true;

    public void Verbose(string message) => VerboseLines.Enqueue(message);
    public void Debug(string message) => DebugLines.Enqueue(message);

    public IEnumerable<string> AllLines => VerboseLines.Concat(DebugLines);
}

internal static class Secrets
{
    public static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (char c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>Every message in an exception chain, plus its ToString (stack and all).</summary>
    public static string Describe(Exception ex)
    {
        var parts = new List<string> { ex.ToString() };
        for (var e = ex; e != null; e = e.InnerException) parts.Add(e.Message);
        if (ex is KasmApiException k && k.ServerMessage != null) parts.Add(k.ServerMessage);
        return string.Join("\n", parts);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

/// <summary>One in-process emulator over HTTPS per test class (xUnit class fixture).</summary>
public abstract class EmulatorFixture : IAsyncLifetime
{
    private readonly string _profile;

    protected EmulatorFixture(string profile) { _profile = profile; }

    public RunningEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Emulator = await EmulatorHost.StartAsync(new EmulatorOptions
        {
            Port = 0, Profile = _profile, SessionStartDelayMs = 200, DestroyDelayMs = 100,
        });
    }

    public async Task DisposeAsync() => await Emulator.DisposeAsync();

    public EmulatorKey Key(string name) => Emulator.Keys.Single(k => k.Name == name);

    /// <summary>Clears faults and the request log; call at the start of each test (tests of one class run one at a time).</summary>
    public void Quiet()
    {
        Emulator.ClearFaults();
        Emulator.ClearRequestLog();
    }

    /// <summary>Settings for the named key, pinned to the emulator's certificate, fast retries.</summary>
    internal ConnectionSettings Settings(string keyName = "demo")
    {
        var key = Key(keyName);
        return new ConnectionSettings
        {
            Server = Emulator.Url.ToString(),
            ApiKey = key.ApiKey,
            ApiKeySecret = Secrets.Secure(key.ApiKeySecret),
            CertificateThumbprint = new[] { Emulator.CertificateThumbprint },
            MaximumRetryCount = 2,
            RetryIntervalSec = 0.01,
            TimeoutSec = 10,
        };
    }

    internal KasmConnection Connect(string keyName = "demo", Action<ConnectionSettings>? configure = null)
    {
        var settings = Settings(keyName);
        configure?.Invoke(settings);
        return settings.CreateConnection();
    }

    /// <summary>The request log entries for one API method, in order.</summary>
    public IReadOnlyList<RequestLogEntry> Calls(string method) =>
        Emulator.RequestLog.Where(e => e.Method == method).OrderBy(e => e.Seq).ToList();
}

public sealed class Kasm115Fixture : EmulatorFixture { public Kasm115Fixture() : base("kasm-1.15") { } }
public sealed class Kasm119Fixture : EmulatorFixture { public Kasm119Fixture() : base("kasm-1.19") { } }
public sealed class SeedFixture : EmulatorFixture { public SeedFixture() : base("seed") { } }
