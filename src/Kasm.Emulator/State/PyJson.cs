using System.Globalization;
using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>Numbers rendered the way Python's json module renders them.</summary>
public static class PyJson
{
    /// <summary>
    /// A float keeps its decimal point (<c>2.0</c>, not <c>2</c>) as a Python float does, so clients see the type
    /// docs/kasm-api.md#answers describes for <c>cores</c>.
    /// </summary>
    public static JsonNode Float(double value)
    {
        string text = value == Math.Floor(value) && Math.Abs(value) < 1e16
            ? value.ToString("0.0", CultureInfo.InvariantCulture)
            : value.ToString("R", CultureInfo.InvariantCulture);
        return JsonNode.Parse(text)!;
    }
}
