using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;

namespace Kasm.Emulator.Faults;

/// <summary>
/// Fuzz mode (setting <c>fuzzSeed</c>, command line <c>--fuzz SEED</c>): every API answer is replaced by a seeded
/// mutation of itself. The n-th answer to a method since the seed was set is mutated by a generator seeded with
/// (seed, method, n), so the same seed and the same calls give the same answers, whatever the other methods did.
/// Mutations of the real answer: wrong types, nulls, "None", numbers as text, missing keys, huge numbers, odd strings
/// (control characters, NUL, lone surrogates, right-to-left marks, 10,000 characters), deep nesting, a list key that is
/// no list. Whole bodies: random bytes, truncated, the wrong JSON kind at the top level, nested thousands deep, or very
/// large. Inferred: what proxies, restarts and newer versions can produce (docs/kasm-api.md#odd-answers).
/// </summary>
internal sealed class Fuzzer
{
    private readonly int _seed;
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);

    public Fuzzer(int seed) => _seed = seed;

    public int Seed => _seed;

    /// <summary>A placeholder written as a JSON string, swapped for a lone-surrogate escape in the bytes.</summary>
    private const string LoneSurrogate = "\u0001__lone_surrogate__\u0001";

    public ApiResponse Mutate(string method, ApiResponse real)
    {
        int n = _calls.AddOrUpdate(method, 1, (_, c) => c + 1);
        var rng = new Random(HashCode(_seed, method, n));
        int roll = rng.Next(100);
        if (roll < 70 && real.ContentType == "application/json" && TryParse(real.Body) is JsonNode root)
        {
            int edits = 1 + rng.Next(4);
            for (int i = 0; i < edits; i++) root = MutateTree(root, rng);
            return Json(real.Status, root);
        }
        return WholeBody(real, rng);
    }

    private static int HashCode(int seed, string method, int n)
    {
        // Stable across processes (string.GetHashCode is randomised per process).
        unchecked
        {
            int h = seed * 16777619 ^ 2166136261u.GetHashCode();
            foreach (char c in method) h = (h ^ c) * 16777619;
            return (h ^ n) * 16777619;
        }
    }

    private static JsonNode? TryParse(byte[] body)
    {
        try { return JsonNode.Parse(body); }
        catch (JsonException) { return null; }
    }

    private static ApiResponse Json(int status, JsonNode root)
    {
        string text = root.ToJsonString(new JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping, MaxDepth = 2000 });
        text = text.Replace(JsonSerializer.Serialize(LoneSurrogate).Trim('"'), "\\ud800");
        return new ApiResponse(status, "application/json", Encoding.UTF8.GetBytes(text));
    }

    private static ApiResponse WholeBody(ApiResponse real, Random rng)
    {
        byte[] body;
        switch (rng.Next(7))
        {
            case 0:
                body = new byte[1 + rng.Next(2000)];
                rng.NextBytes(body);
                break;
            case 1:
                body = real.Body.Length == 0 ? [] : real.Body[..rng.Next(real.Body.Length)];
                break;
            case 2:
                body = Encoding.UTF8.GetBytes(rng.Next(5) switch
                {
                    0 => "[" + Encoding.UTF8.GetString(real.Body) + "]",
                    1 => JsonSerializer.Serialize(Encoding.UTF8.GetString(real.Body)),
                    2 => "12345678901234567890123456789e999",
                    3 => "null",
                    _ => "true",
                });
                break;
            case 3:
                int depth = 1000 + rng.Next(9000);
                body = Encoding.UTF8.GetBytes(rng.Next(2) == 0
                    ? new string('[', depth) + new string(']', depth)
                    : string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth));
                break;
            case 4:
                // Very large: the real answer with a 1-4 MB field added (or padded with spaces when not an object).
                var big = new string('x', (1 + rng.Next(4)) * 1_000_000);
                body = TryParse(real.Body) is JsonObject o
                    ? Encoding.UTF8.GetBytes(With(o, "padding", big).ToJsonString())
                    : Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(real.Body) + new string(' ', big.Length));
                break;
            case 5:
                body = Encoding.UTF8.GetBytes("<html><body><h1>502 Bad Gateway</h1></body></html>");
                return new ApiResponse(real.Status, "text/html", body);
            default:
                body = [];
                break;
        }
        return real with { Body = body };
    }

    private static JsonObject With(JsonObject o, string key, string value)
    {
        o[key] = value;
        return o;
    }

    /// <summary>One edit at a random place in the tree; returns the (possibly new) root.</summary>
    private static JsonNode MutateTree(JsonNode root, Random rng)
    {
        var places = new List<(JsonNode Parent, string? Key, int Index)>();
        Collect(root, places);
        if (places.Count == 0) return OddValue(rng) ?? JsonValue.Create("None")!;
        var (parent, key, index) = places[rng.Next(places.Count)];
        var current = key != null ? parent[key] : parent[index];
        if (parent is JsonObject obj && key != null)
        {
            switch (rng.Next(10))
            {
                case 0: obj.Remove(key); break;
                case 1: obj[key] = Nested(rng.Next(2) == 0 ? 10 + rng.Next(40) : 70 + rng.Next(200)); break;
                default: obj[key] = Replacement(current, rng); break;
            }
        }
        else if (parent is JsonArray array)
        {
            if (rng.Next(6) == 0) array.RemoveAt(index);
            else array[index] = Replacement(current, rng);
        }
        return root;
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> places)
    {
        if (places.Count > 5000) return;
        if (node is JsonObject o)
            foreach (var p in o.ToList())
            {
                places.Add((o, p.Key, -1));
                if (p.Value is not null) Collect(p.Value, places);
            }
        else if (node is JsonArray a)
            for (int i = 0; i < a.Count; i++)
            {
                places.Add((a, null, i));
                if (a[i] is not null) Collect(a[i]!, places);
            }
    }

    /// <summary>A value of another kind, or an odd one of the same kind.</summary>
    private static JsonNode? Replacement(JsonNode? current, Random rng)
    {
        if (rng.Next(3) == 0 && current is JsonValue v)
        {
            // Same meaning, other spelling: numbers and booleans as text, text as a number.
            if (v.TryGetValue<double>(out var d)) return rng.Next(2) == 0 ? d.ToString(System.Globalization.CultureInfo.InvariantCulture) : "None";
            if (v.TryGetValue<bool>(out var b)) return rng.Next(2) == 0 ? (b ? "true" : "false") : (b ? 1 : 0);
            if (v.TryGetValue<string>(out var s)) return s.Length > 0 && rng.Next(2) == 0 ? s.ToUpperInvariant() + " " : 4;
        }
        return OddValue(rng);
    }

    private static JsonNode? OddValue(Random rng) => rng.Next(24) switch
    {
        0 => null,
        1 => "None",
        2 => "null",
        3 => "",
        4 => "   ",
        5 => JsonNode.Parse("1e400"),
        6 => JsonNode.Parse("99999999999999999999999999999"),
        7 => JsonNode.Parse("-9223372036854775809"),
        8 => 4294967296L,
        9 => -1,
        10 => 2.5,
        11 => true,
        12 => false,
        13 => new JsonArray(),
        14 => new JsonObject(),
        15 => new JsonArray(1, "two", null, new JsonObject { ["x"] = "y" }),
        16 => "a\0b\u0007\u001b[31mred\r\n",
        17 => LoneSurrogate,
        18 => "\u202egnp.exe\u200b",
        19 => new string('A', 10_000),
        20 => "01a6c1f2-b3d4-4e5f-8a9b-0c1d2e3f4a5bX",
        21 => "2024-13-45 99:99:99",
        22 => "'; DROP TABLE users; --<script>alert(1)</script>",
        _ => "NaN",
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create(1)!;
        for (int i = 0; i < depth; i++) node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        return node;
    }
}
