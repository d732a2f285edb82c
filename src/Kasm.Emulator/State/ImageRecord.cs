using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>
/// An image ("workspace"). Its fields are kept as the JSON object a server returns (docs/kasm-api.md#workspaces-images): the set is
/// wide and update_image changes any of them, so a schema table (see <see cref="ImageFields"/>) beats 45 properties.
/// </summary>
public sealed class ImageRecord
{
    public Guid ImageId { get; set; }
    public JsonObject Fields { get; set; } = [];

    public string? Name => Fields["name"]?.GetValue<string>();
    public string FriendlyName => Fields["friendly_name"]?.GetValue<string>() ?? "";
    public bool Enabled => Fields["enabled"]?.GetValue<bool>() ?? true;
    public bool Available => Fields["available"]?.GetValue<bool>() ?? false;
    public double Cores => NumberOf(Fields["cores"]) ?? 1;
    public long Memory => (long)(NumberOf(Fields["memory"]) ?? 768000000);
    public int GpuCount => (int)(NumberOf(Fields["gpu_count"]) ?? 0);

    /// <summary>Reads a number whatever CLR type the node was built from (seeded, updated or loaded from a file).</summary>
    private static double? NumberOf(JsonNode? node) =>
        node is JsonValue ? double.Parse(node.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : null;
}
