using Kasm.Emulator.Auth;
using Kasm.Emulator.Control;
using Kasm.Emulator.Faults;
using Kasm.Emulator.State;
using Microsoft.AspNetCore.Builder;

namespace Kasm.Emulator.Hosting;

/// <summary>A started emulator. Dispose to stop it (and write the state file, if one was given).</summary>
public sealed class RunningEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly EmulatorCore _core;
    private readonly string? _stateFile;
    private int _disposed;

    internal RunningEmulator(WebApplication app, EmulatorCore core, Uri url, string thumbprint, string? stateFile)
    {
        _app = app;
        _core = core;
        _stateFile = stateFile;
        Url = url;
        CertificateThumbprint = thumbprint;
    }

    /// <summary>Base address with a trailing slash, e.g. <c>https://127.0.0.1:54321/</c>.</summary>
    public Uri Url { get; }

    /// <summary>"seed", "kasm-1.15" or "kasm-1.19".</summary>
    public string Profile => _core.Profile.Name;

    /// <summary>The API keys this emulator accepts.</summary>
    public IReadOnlyList<EmulatorKey> Keys => _core.Keys;

    /// <summary>SHA-1 of the served certificate, upper-case hex; empty when serving plain HTTP.</summary>
    public string CertificateThumbprint { get; }

    /// <summary>Snapshot of the API requests seen so far (control endpoints excluded).</summary>
    public IReadOnlyList<RequestLogEntry> RequestLog => _core.Log.Snapshot();

    /// <summary>The live state, for tests to inspect.</summary>
    public EmulatorState State => _core.State;

    /// <summary>The live settings (start/destroy delays, limits); changes apply to later requests.</summary>
    public EmulatorSettings Settings => _core.State.Settings;

    /// <summary>The faults currently armed.</summary>
    public IReadOnlyList<FaultSpec> Faults => _core.Faults.Snapshot();

    /// <summary>Completes when a client asked the emulator to stop (<c>POST /__emulator/stop</c>).</summary>
    public Task StopRequested => _core.StopRequested;

    /// <summary>API requests being handled now (GET /__emulator/inflight).</summary>
    public int InFlight => _core.InFlight;

    /// <summary>Adds <paramref name="count"/> users (POST /__emulator/users/bulk).</summary>
    public int AddUsers(int count, string prefix = "bulk") => _core.State.AddUsers(count, prefix);

    public void ClearRequestLog() => _core.Log.Clear();

    /// <summary>Arms a fault (same as <c>POST /__emulator/faults</c>).</summary>
    public void AddFault(FaultSpec fault) => _core.Faults.Add(fault);

    public void ClearFaults() => _core.Faults.Clear();

    /// <summary>Fuzz mode on with a seed (same as the <c>fuzzSeed</c> setting), or off with null.</summary>
    public void SetFuzz(int? seed) => _core.SetFuzz(seed);

    /// <summary>The certificate later handshakes present (same as the <c>certificate</c> setting).</summary>
    public void SetCertificate(string kind) => _core.SetCertificate(kind);

    /// <summary>The SHA-1 thumbprint of a certificate kind (same as <c>GET /__emulator/certificates</c>).</summary>
    public static string ThumbprintOf(string kind) => CertificateFactory.Get(kind).Thumbprint;

    /// <summary>Holds a session in a status (same as <c>POST /__emulator/sessions/&lt;kasm_id&gt;</c>); see <see cref="EmulatorState.SetSessionStatus"/>.</summary>
    public void SetSessionStatus(Guid kasmId, string status) => _core.State.SetSessionStatus(kasmId, status);

    /// <summary>Back to the seeded state, request log cleared (same as <c>POST /__emulator/reset</c>).</summary>
    public void Reset() => _core.Reset();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
            await _app.StopAsync(timeout.Token);
        StateFile.Save(_core.State, _stateFile);
        await _app.DisposeAsync();
    }
}
