namespace Kasm.Emulator.State;

/// <summary>Tunables that can change at run time (POST /__emulator/settings).</summary>
public sealed class EmulatorSettings
{
    public int SessionStartDelayMs { get; set; } = 3000;
    public int DestroyDelayMs { get; set; } = 1000;
    public int MaxKasmsPerUser { get; set; } = 2;
    public int LicenseLimit { get; set; } = 5;

    public EmulatorSettings Clone() => (EmulatorSettings)MemberwiseClone();
}
