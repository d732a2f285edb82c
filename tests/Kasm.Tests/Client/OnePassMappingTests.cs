#nullable enable
using System.Collections;
using System.Globalization;
using System.Net.Http;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Kasm.Client;
using Kasm.Models;
using Xunit;

namespace Kasm.Tests.Client;

/// <summary>
/// Streamed list items are mapped in one pass of a reader (ModelMapper.MapItem, issue 9) where the document-based
/// mapper (ModelMapper.Map) had built a document per item. The one-pass way must give what Map gives on every item,
/// odd answers included (docs/kasm-api.md#odd-answers): the same property values, the same AdditionalProperties, and
/// the same error for an item without a readable id. Each case here is mapped both ways and compared.
/// </summary>
public class OnePassMappingTests
{
    private static readonly KasmConnection Connection = new ConnectionSettings
    {
        Server = "https://kasm.example.com:8443",
        ApiKey = "DemoKey00001",
        ApiKeySecret = Secrets.Secure("DemoSecret0000000000000000000001"),
    }.CreateConnection();

    private static readonly Type[] OnePassTypes = typeof(KasmObject).Assembly.GetTypes()
        .Where(t => !t.IsAbstract && typeof(KasmObject).IsAssignableFrom(t) && t.GetConstructor(Type.EmptyTypes) != null && ModelMapper.MapsInOnePass(t))
        .ToArray();

    /// <summary>JSON values to try for a property of each type: readable ones first (the first is the usual one), then odd ones.</summary>
    private static string[] Variants(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        string[] odd = { "null", "\"\"", "\"None\"", "\"null\"", "\"  \"", "5", "true", "{}", "[]", "{\"a\":[1,{\"b\":null}]}" };
        string[] own;
        if (t == typeof(string)) own = new[] { "\"text\"", "\"esc\\u0041\\n\\\"q\\\"\"", "\"caf\u00e9 \u2713\"" };
        else if (t == typeof(Guid)) own = new[] { "\"68d557ac4cac42cca9f31c7c853de0f3\"", "\"4d3f5a1b-2c6e-4f70-8192-a3b4c5d6e7f8\"", "\"68D557AC4CAC42CCA9F31C7C853DE0F3\"",
            "\" 68d557ac4cac42cca9f31c7c853de0f3 \"", "\"68d557ac4cac42cca9f31c7c853de0f\\u0033\"", "\"{68d557ac-4cac-42cc-a9f3-1c7c853de0f3}\"", "\"not-a-guid\"",
            "\"68d557ac4cac42cca9f31c7c853de0fz\"", "\"4d3f5a1b-2c6e-4f70-8192+a3b4c5d6e7f8\"" };
        else if (t == typeof(DateTime)) own = new[] { "\"2024-03-05 22:18:50.063048\"", "\"2024-03-05T22:18:50\"", "\"2024-03-05\"", "\"2024-03-05T22:18:50Z\"",
            "\"2024-03-05T22:18:50+02:00\"", "\"2024-02-30 10:00:00\"", "\"2024-03-05 22:18:50.12345678\"", "\"2024-03-05 22:18:50 \"", "\" 2024-03-05 22:18:50\"",
            "\"2024-03-05 22:18:5\u0663\"", "\"2024-03-05 22:18:50.1\"", "\"2024-03-05 22:18:50\\u002E5\"", "\"9999-12-31 23:59:59.9999999\"" };
        else if (t == typeof(bool)) own = new[] { "true", "false", "\"true\"", "\" False \"", "\"yes\"", "1" };
        else if (t == typeof(int) || t == typeof(long) || t == typeof(double)) own = new[] { "5", "-3", "4.0", "4.5", "1e2", "99999999999", "-0", "\"7\"", "\" 8 \"", "1e400", "\"x\"" };
        else if (t == typeof(Uri)) own = new[] { "\"/#/connect/x\"", "\"https://a.example/c\"", "\"ftp://x\"", "\"http://[bad\"" };
        else if (t == typeof(string[])) own = new[] { "[\"a\",null,\"b\"]", "[1]", "\"a\\nb\"" };
        else if (t == typeof(Hashtable)) own = new[] { "{\"a\":1,\"B\":[true]}", "\"{\\\"a\\\":1}\"", "\"not json\"" };
        else if (t.IsArray && typeof(KasmObject).IsAssignableFrom(t.GetElementType()))
        {
            var element = t.GetElementType()!;
            string good = Item(element, null, null), other = Item(element, null, null, extra: ",\"more\":1");
            own = new[] { $"[{good}]", $"[{good},{good}]", $"[{other}]", $"[{good},1]", $"[{Item(element, FirstIdentity(element), null)}]", "[[]]" }
                .Concat(Fields(element).Select(f => $"[{Item(element, f.Name, "{}")}]")).ToArray();
        }
        else own = new[] { "\"x\"", "1" };
        return own.Concat(odd).ToArray();
    }

    private static PropertyInfo[] Fields(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.GetCustomAttribute<KasmIgnoreAttribute>() == null).ToArray();

    private static string ApiName(PropertyInfo p) => p.GetCustomAttribute<KasmFieldAttribute>()?.Names[0] ?? ModelMapper.SnakeCase(p.Name);

    private static string? FirstIdentity(Type type) => Fields(type).FirstOrDefault(p => p.GetCustomAttribute<KasmIdentityAttribute>() != null)?.Name;

    /// <summary>An item with every field at its usual value, one of them at <paramref name="value"/> (or left out when null).</summary>
    private static string Item(Type type, string? property, string? value, string extra = "", Func<string, string>? name = null)
    {
        var parts = new List<string>();
        foreach (var p in Fields(type))
        {
            string v = p.Name == property ? value! : Variants(p.PropertyType)[0];
            if (p.Name == property && value == null) continue;
            parts.Add($"\"{(name != null && p.Name == property ? name(ApiName(p)) : ApiName(p))}\":{v}");
        }
        return "{" + string.Join(",", parts) + extra + "}";
    }

    private static IEnumerable<string> Cases(Type type)
    {
        {
            yield return Item(type, null, null);
            yield return Item(type, null, null, extra: ",\"new_field\":{\"deep\":[1,\"two\",null]},\"x\":1,\"x\":2,\"n\":null");
            yield return "{}";
            yield return "[1,2]";
            yield return "\"text\"";
            foreach (var p in Fields(type))
            {
                yield return Item(type, p.Name, null);
                foreach (var v in Variants(p.PropertyType)) yield return Item(type, p.Name, v);
                // The field twice (the second odd, then the second readable), under an escaped name, and after unknown ones.
                var usual = Variants(p.PropertyType)[0];
                yield return Item(type, null, null, extra: $",\"{ApiName(p)}\":\"odd\"");
                yield return Item(type, p.Name, "\"odd\"", extra: $",\"{ApiName(p)}\":{usual}");
                yield return Item(type, p.Name, usual, name: n => "\\u00" + ((int)n[0]).ToString("x2", CultureInfo.InvariantCulture) + n.Substring(1));
                yield return Item(type, p.Name, usual, name: n => n.ToUpperInvariant());
            }
        }
    }

    [Fact]
    public void The_list_types_are_read_in_one_pass()
    {
        // The large listings: users, groups and images are the ones a bulk pipeline reads by the thousand.
        Assert.Contains(typeof(KasmUser), OnePassTypes);
        Assert.Contains(typeof(KasmGroupMembership), OnePassTypes);
        Assert.True(OnePassTypes.Length >= 5, string.Join(", ", OnePassTypes.Select(t => t.Name)));
    }

    public static TheoryData<string> TypeNames()
    {
        var data = new TheoryData<string>();
        foreach (var type in OnePassTypes) data.Add(type.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void One_pass_gives_what_the_document_mapper_gives(string typeName)
    {
        var type = OnePassTypes.Single(t => t.Name == typeName);
        var mapItem = typeof(ModelMapper).GetMethod(nameof(ModelMapper.MapItem))!.MakeGenericMethod(type);
        var differ = new List<string>();
        int count = 0;
        foreach (var json in Cases(type))
        {
            count++;
            // The item sits inside a larger buffer, as it does in the list reader's.
            var padded = Encoding.UTF8.GetBytes("[" + json + "]");
            var item = new ArraySegment<byte>(padded, 1, padded.Length - 2);
            var bytes = item.ToArray();
            // Each case is well-formed JSON (the list reader only ever hands those on) and passes the item check.
            using (JsonDocument.Parse(bytes)) { }
            Assert.True(ResponseClassifier.TryCheckItem(item, out var checkError), checkError?.Message);
            object expected;
            using (var doc = JsonDocument.Parse(bytes))
                expected = Capture(() => ModelMapper.Map(type, doc.RootElement, Connection, "get_things", lazy: true, itemBytes: bytes));
            var actual = Capture(() => (KasmObject)mapItem.Invoke(null, new object?[] { item, Connection, "get_things" })!);
            // The buffer is reused for the next item once MapItem returns: nothing may still point into it.
            Array.Fill(padded, (byte)' ');
            string e = Canon(expected), a = Canon(actual);
            if (e != a) differ.Add($"{json}\n  Map:     {e}\n  MapItem: {a}");
        }
        Assert.True(count > 20, $"only {count} cases");
        Assert.True(differ.Count == 0, $"{differ.Count} of {count} items differ:\n" + string.Join("\n", differ.Take(10)));
    }

    /// <summary>A body that arrives a few bytes per read, as a slow server sends it.</summary>
    private sealed class Trickle : Stream
    {
        private readonly byte[] _data;
        private readonly int _chunk;
        private int _at;
        public Trickle(byte[] data, int chunk) { _data = data; _chunk = chunk; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int n = Math.Min(Math.Min(count, _chunk), _data.Length - _at);
            Buffer.BlockCopy(_data, _at, buffer, offset, n);
            _at += n;
            return n;
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _at; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory]
    [InlineData(nameof(KasmUser), 1)]
    [InlineData(nameof(KasmUser), 7)]
    [InlineData(nameof(KasmUser), 5000)]
    [InlineData(nameof(KasmImage), 3)]
    [InlineData(nameof(KasmStorageMapping), 11)]
    public void Items_streamed_through_the_list_reader_map_as_the_document_mapper_maps_them(string typeName, int chunk)
    {
        // Every case as one list answer, cut into reads of a few bytes: the reader's buffer moves and grows under the
        // items, and each item's additional fields are read only after the whole answer (and the buffer) is gone.
        var type = OnePassTypes.Single(t => t.Name == typeName);
        var cases = Cases(type).ToList();
        var body = Encoding.UTF8.GetBytes("{\"things\": [ " + string.Join(" ,\n ", cases) + " ] , \"after\": 1}");
        var message = new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new StreamContent(new Trickle(body, chunk)) };
        var stream = new ResponseStream(message, new CancellationTokenSource(), CancellationToken.None, TimeSpan.FromMinutes(1), KasmEndpoints.GetUsers,
            Connection, NullKasmLog.Instance, System.Diagnostics.Stopwatch.StartNew());
        var reader = new ListReader(new KasmResponse(KasmEndpoints.GetUsers, 200, "application/json", stream), "things");
        Assert.True(reader.Start(out _));
        var mapItem = typeof(ModelMapper).GetMethod(nameof(ModelMapper.MapItem))!.MakeGenericMethod(type);
        var actual = new List<object>();
        while (reader.Next(out var item)) actual.Add(Capture(() => (KasmObject)mapItem.Invoke(null, new object?[] { item, Connection, "get_things" })!));
        stream.Dispose();

        using var doc = JsonDocument.Parse(body);
        var expected = doc.RootElement.GetProperty("things").EnumerateArray().Select(e =>
        {
            var bytes = Encoding.UTF8.GetBytes(e.GetRawText());
            using var one = JsonDocument.Parse(bytes);
            return Capture(() => ModelMapper.Map(type, one.RootElement, Connection, "get_things", lazy: true, itemBytes: bytes));
        }).ToList();
        Assert.Equal(cases.Count, actual.Count);
        var differ = Enumerable.Range(0, cases.Count).Where(n => Canon(expected[n]) != Canon(actual[n]))
            .Select(n => $"{cases[n]}\n  Map:     {Canon(expected[n])}\n  MapItem: {Canon(actual[n])}").ToList();
        Assert.True(differ.Count == 0, $"{differ.Count} of {cases.Count} items differ:\n" + string.Join("\n", differ.Take(5)));
    }

    [Fact]
    public void A_usual_user_is_read_in_one_pass_and_keeps_only_its_unmodelled_fields()
    {
        // The one-pass path must not quietly fall back to the document mapper for the usual item: the object keeps the
        // text of the two unmodelled fields only, not the whole item.
        const string json = """{"user_id":"4d3f5a1b-2c6e-4f70-8192-a3b4c5d6e7f8","username":"alice","locked":false,"groups":[{"name":"All Users","group_id":"68d557ac4cac42cca9f31c7c853de0f3"}],"kasms":[],"realm":"local","company":{},"created":"2024-03-05 22:18:50.063048"}""";
        var bytes = Encoding.UTF8.GetBytes(json);
        var user = ModelMapper.MapItem<KasmUser>(new ArraySegment<byte>(bytes), Connection, "get_users");
        var source = typeof(KasmObject).GetField("_source", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(user)!;
        var kept = (byte[])source.GetType().GetField("_bytes", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(source)!;
        Assert.Equal("""{"kasms":[],"company":{}}""", Encoding.UTF8.GetString(kept));
        Assert.Equal(new[] { "company", "kasms" }, user.AdditionalProperties.Keys.OrderBy(k => k, StringComparer.Ordinal));
        Assert.Equal("All Users", Assert.Single(user.Groups!).Name);
        Assert.Equal(new DateTime(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc).AddTicks(630480), user.Created);
    }

    public sealed class TwoOnOneName : KasmObject
    {
        [KasmIdentity] public Guid ThingId { get; set; }
        [KasmField("name")] public string? Label { get; set; }
        public string? Name { get; set; }
    }

    [Fact]
    public void A_type_with_two_properties_on_one_field_is_mapped_from_a_document()
    {
        // The one pass finds one property per field name; Map sets both. No model has such a pair today.
        Assert.False(ModelMapper.MapsInOnePass(typeof(TwoOnOneName)));
        var bytes = Encoding.UTF8.GetBytes("""{"thing_id":"68d557ac4cac42cca9f31c7c853de0f3","name":"x"}""");
        var thing = ModelMapper.MapItem<TwoOnOneName>(new ArraySegment<byte>(bytes), Connection, "get_things");
        Assert.Equal("x", thing.Label);
        Assert.Equal("x", thing.Name);
    }

    [Theory]
    [InlineData("{\"a\":\"\\ud83d\\ude00\"}", true)]   // an escaped pair
    [InlineData("{\"a\":\"\\ud83d\"}", false)]             // a lone high surrogate in a value
    [InlineData("{\"\\uDC00\":1}", false)]                   // a lone low surrogate in a name
    [InlineData("{\"a\":\"\\\\ud800\"}", true)]           // an escaped backslash, then text
    public void The_item_check_refuses_lone_surrogates_only(string json, bool usable)
    {
        var bytes = Encoding.UTF8.GetBytes("xx" + json + "yy");
        Assert.Equal(usable, ResponseClassifier.TryCheckItem(new ArraySegment<byte>(bytes, 2, bytes.Length - 4), out var error));
        Assert.Equal(usable, error == null);
    }

    [Fact]
    public void The_item_check_refuses_bytes_that_are_not_UTF8_inside_the_item_only()
    {
        var bad = Encoding.UTF8.GetBytes("{\"a\":\"?\"}");
        bad[6] = 0xFF;
        Assert.False(ResponseClassifier.TryCheckItem(new ArraySegment<byte>(bad), out var error));
        Assert.NotNull(error);
        // Bad bytes (and a surrogate escape) just outside the segment are not the item's.
        var around = Encoding.UTF8.GetBytes("?{\"a\":1}\\ud800?");
        around[0] = 0xFF;
        around[^1] = 0xC3;
        Assert.True(ResponseClassifier.TryCheckItem(new ArraySegment<byte>(around, 1, 7), out _));
    }

    private static object Capture(Func<KasmObject> map)
    {
        try { return map(); }
        catch (TargetInvocationException ex) when (ex.InnerException is KasmApiException api) { return $"error {api.ErrorId}: {api.Message}"; }
        catch (KasmApiException api) { return $"error {api.ErrorId}: {api.Message}"; }
    }

    /// <summary>Everything an object shows, as text: its properties, its connection, and its additional properties.</summary>
    private static string Canon(object? value)
    {
        switch (value)
        {
            case null: return "null";
            case string s: return JsonSerializer.Serialize(s);
            case KasmObject o:
                var sb = new StringBuilder(o.GetType().Name + "{");
                foreach (var p in o.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name))
                {
                    if (p.Name == nameof(KasmObject.Connection)) { sb.Append(ReferenceEquals(o.Connection, Connection) ? "conn;" : "other-conn;"); continue; }
                    if (p.Name == nameof(KasmObject.AdditionalProperties))
                    {
                        sb.Append("+{");
                        foreach (var kv in o.AdditionalProperties.OrderBy(k => k.Key, StringComparer.Ordinal)) sb.Append(kv.Key).Append('=').Append(Canon(kv.Value)).Append(';');
                        sb.Append("};");
                        continue;
                    }
                    sb.Append(p.Name).Append('=').Append(Canon(p.GetValue(o))).Append(';');
                }
                return sb.Append('}').ToString();
            case PSObject pso:
                return "pso{" + string.Join(";", pso.Properties.Select(p => p.Name + "=" + Canon(p.Value))) + "}";
            case Hashtable h:
                return "ht{" + string.Join(";", h.Keys.Cast<object>().Select(k => k.ToString()!).OrderBy(k => k, StringComparer.Ordinal).Select(k => k + "=" + Canon(h[k]))) + "}";
            case Array a:
                return a.GetType().GetElementType()!.Name + "[" + string.Join(",", a.Cast<object?>().Select(Canon)) + "]";
            case DateTime d: return d.ToString("o", CultureInfo.InvariantCulture) + d.Kind;
            case IFormattable f: return value.GetType().Name + ":" + f.ToString(null, CultureInfo.InvariantCulture);
            default: return value.GetType().Name + ":" + value;
        }
    }
}
