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

    private readonly TaskCompletionSource _stopRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when a client asks the emulator to stop (<c>POST /__emulator/stop</c>); the host stops then.</summary>
    public Task StopRequested => _stopRequested.Task;

    public void RequestStop() => _stopRequested.TrySetResult();

    /// <summary>Seeded state again and an empty request log (faults and settings stay).</summary>
    public void Reset()
    {
        State.Reset();
        Log.Clear();
    }
}
