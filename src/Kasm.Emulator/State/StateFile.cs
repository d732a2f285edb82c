using System.Text.Json;

namespace Kasm.Emulator.State;

/// <summary>Loads and saves <see cref="StateSnapshot"/> as indented JSON.</summary>
internal static class StateFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    public static void LoadIfPresent(EmulatorState state, string? path)
    {
        if (string.IsNullOrEmpty(path) || !File.Exists(path)) return;
        var snapshot = JsonSerializer.Deserialize<StateSnapshot>(File.ReadAllText(path), Options)
            ?? throw new InvalidDataException($"State file {path} is empty.");
        state.Load(snapshot);
    }

    public static void Save(EmulatorState state, string? path)
    {
        if (string.IsNullOrEmpty(path)) return;
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        string temp = full + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(state.ToSnapshot(), Options));
        File.Move(temp, full, overwrite: true);
    }
}
