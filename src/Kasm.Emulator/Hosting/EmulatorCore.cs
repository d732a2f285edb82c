using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.Control;
using Kasm.Emulator.Faults;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Hosting;

/// <summary>The parts of one emulator instance, shared by the API pipeline, the control endpoints and <see cref="RunningEmulator"/>.</summary>
internal sealed class EmulatorCore
{
    public EmulatorCore(Profile profile, EmulatorSettings settings, IReadOnlyList<EmulatorKey> keys, TimeProvider clock)
    {
        Profile = profile;
        Keys = keys;
        InitialSettings = settings.Clone();
        State = new EmulatorState(profile.Version, settings, clock);
        Pipeline = new ApiPipeline(this);
        Control = new ControlEndpoints(this);
    }

    public Profile Profile { get; }
    public IReadOnlyList<EmulatorKey> Keys { get; }
    public EmulatorSettings InitialSettings { get; }
    public EmulatorState State { get; }
    public FaultStore Faults { get; } = new();
    public RequestLog Log { get; } = new();
    public ApiPipeline Pipeline { get; }
    public ControlEndpoints Control { get; }

    private int _inFlight;

    /// <summary>API requests being handled now (latency included): 0 once a client has nothing left running here.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    private int _peak;

    /// <summary>The most API requests handled at once since the last <see cref="ResetPeak"/>.</summary>
    public int PeakInFlight => Volatile.Read(ref _peak);

    public void ResetPeak() => Interlocked.Exchange(ref _peak, InFlight);

    internal void Enter()
    {
        int now = Interlocked.Increment(ref _inFlight);
        for (int peak = Volatile.Read(ref _peak); now > peak; peak = Volatile.Read(ref _peak))
            if (Interlocked.CompareExchange(ref _peak, now, peak) == peak) break;
    }

    internal void Leave() => Interlocked.Decrement(ref _inFlight);

    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a client asks the emulator to stop (<c>POST /__emulator/stop</c>); the host stops then.</summary>
    public Task StopRequested => _stopRequested.Task;

    public void RequestStop() => _stopRequested.TrySetResult();

    private Fuzzer? _fuzzer;

    /// <summary>The fuzz mode in force (null = off); see <see cref="Fuzzer"/>.</summary>
    public Fuzzer? Fuzz => Volatile.Read(ref _fuzzer);

    /// <summary>Turns fuzz mode on with a seed (its call counts start again) or off (null).</summary>
    public void SetFuzz(int? seed)
    {
        lock (State.Gate) State.Settings.FuzzSeed = seed;
        Volatile.Write(ref _fuzzer, seed is { } s ? new Fuzzer(s) : null);
    }

    /// <summary>Picks the certificate later TLS handshakes present (<see cref="CertificateFactory"/>).</summary>
    public void SetCertificate(string kind)
    {
        CertificateFactory.Validate(kind);
        lock (State.Gate) State.Settings.Certificate = kind;
    }

    /// <summary>Seeded state again and an empty request log (faults and settings stay).</summary>
    public void Reset()
    {
        State.Reset();
        Log.Clear();
    }
}
