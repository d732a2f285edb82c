using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kasm.Emulator.Api;

/// <summary>
/// A list answer's array whose entries are built only when the answer is written: either all at once into the answer
/// (<see cref="Fill"/>, for a small list, or when a fault or the fuzzer needs the whole body), or a chunk at a time
/// while the answer is streamed (<see cref="WriteAsync"/>), so a client sees the first entries before the server has
/// built the last. The records are the ones the handler chose under the state lock; each chunk's entries are built
/// under the lock again, so a record is never read while another request changes it.
/// </summary>
internal sealed class LazyList
{
    /// <summary>Entries built per lock and flushed per write: about 100-200 KB of get_users.</summary>
    private const int Chunk = 256;

    private readonly JsonObject _answer;
    private readonly string _key;
    private readonly int _count;
    private readonly Func<int, JsonNode> _entry;
    private readonly object _gate;
    private bool _filled;

    private LazyList(JsonObject answer, string key, int count, Func<int, JsonNode> entry, object gate)
    {
        _answer = answer;
        _key = key;
        _count = count;
        _entry = entry;
        _gate = gate;
    }

    public int Count => _count;

    /// <summary>Puts an empty array under <paramref name="key"/> now (so the answer's key order is the handler's) and the entries later.</summary>
    public static LazyList Create<T>(JsonObject answer, string key, IReadOnlyList<T> items, Func<T, JsonNode> entry, object gate)
    {
        answer[key] = new JsonArray();
        return new LazyList(answer, key, items.Count, i => entry(items[i]), gate);
    }

    /// <summary>The whole answer, entries and all (what <see cref="ApiResponse.Json"/> would have been given).</summary>
    public JsonObject Fill()
    {
        if (_filled) return _answer;
        var array = (JsonArray)_answer[_key]!;
        lock (_gate)
        {
            for (int i = 0; i < _count; i++) array.Add(_entry(i));
        }
        _filled = true;
        return _answer;
    }

    /// <summary>
    /// Writes the answer to <paramref name="body"/> as <see cref="ApiResponse.Json"/> would serialize the filled
    /// answer, byte for byte (same encoder, no indentation), flushing after every chunk of entries.
    /// </summary>
    public async Task WriteAsync(Stream body, JsonSerializerOptions options, CancellationToken cancel)
    {
        await using var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder });
        writer.WriteStartObject();
        foreach (var (name, value) in _answer)
        {
            writer.WritePropertyName(name);
            if (name != _key || _filled)
            {
                if (value is null) writer.WriteNullValue();
                else value.WriteTo(writer, options);
                continue;
            }
            writer.WriteStartArray();
            for (int start = 0; start < _count; start += Chunk)
            {
                int end = Math.Min(_count, start + Chunk);
                lock (_gate)
                {
                    for (int i = start; i < end; i++) _entry(i).WriteTo(writer, options);
                }
                await writer.FlushAsync(cancel);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
        await writer.FlushAsync(cancel);
    }
}
