using System.Text.Json.Nodes;

namespace Kasm.Emulator.Api;

/// <summary>Lenient readers for request JSON, the way Python's <c>dict.get</c> behaves.</summary>
internal static class JsonRead
{
    public static bool Has(this JsonObject o, string name) => o.TryGetPropertyValue(name, out var v) && v is not null;

    /// <summary>A string field, numbers/bools rendered as text; null when absent or JSON null.</summary>
    public static string? Str(this JsonObject o, string name) => o[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v => v.ToJsonString(),
        var other => other.ToJsonString(),
    };

    public static bool? Bool(this JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        JsonValue v when v.TryGetValue<string>(out var s) && bool.TryParse(s, out var b) => b,
        _ => null,
    };

    public static double? Number(this JsonObject o, string name) => o[name] switch
    {
        JsonValue v when v.TryGetValue<double>(out var d) => d,
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var d) => d,
        _ => null,
    };
}
