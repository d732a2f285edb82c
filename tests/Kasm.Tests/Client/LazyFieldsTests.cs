#nullable enable
using Xunit;
using System.Management.Automation;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Tests.Client;

/// <summary>
/// Lists keep the unmodelled fields in the answer and read them on first use of AdditionalProperties
/// (docs/design.md#8-output-objects): what comes out must be what eager mapping gives, odd answers included.
/// </summary>
public class LazyFieldsTests : IDisposable
{
    private readonly KasmConnection _connection = new ConnectionSettings
    {
        Server = "https://kasm.example.com:8443",
        ApiKey = "DemoKey00001",
        ApiKeySecret = Secrets.Secure("DemoSecret0000000000000000000001"),
    }.CreateConnection();

    public void Dispose() => _connection.Dispose();

    private const string Sessions = """
        {"kasms":[
          {"kasm_id":"0f1e2d3c4b5a49687766554433221100","user_id":"9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f","operational_status":"running","status":"also here",
           "user":{"username":"alice@example.com"},"new_field":{"deep":[1,"two",null]},"cores":"not a number","container_ip":"10.0.0.5","extra":null},
          {"kasm_id":"1f1e2d3c4b5a49687766554433221100","user_id":"9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f","status":"starting","x":1,"x":2}
        ]}
        """;

    private static List<T> Listed<T>(KasmClient client, string json, string key) where T : KasmObject, new()
    {
        var response = new KasmResponse(KasmEndpoints.GetKasms, 200, "application/json", Encoding.UTF8.GetBytes(json));
        return KasmClient.EnumerateForTest<T>(client, response, key).ToList();
    }

    private static IDictionary<string, object?>? Materialised(KasmObject o) =>
        (IDictionary<string, object?>?)typeof(KasmObject).GetField("_additional", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(o);

    [Fact]
    public void A_listed_object_keeps_the_same_additional_properties_as_eager_mapping()
    {
        var listed = Listed<KasmSession>(new KasmClient(_connection, NullKasmLog.Instance), Sessions, "kasms");
        using var doc = JsonDocument.Parse(Sessions);
        var eager = doc.RootElement.GetProperty("kasms").EnumerateArray().Select(e => ModelMapper.Map<KasmSession>(e, _connection)).ToList();
        Assert.Equal(2, listed.Count);
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(eager[i].KasmId, listed[i].KasmId);
            Assert.Equal(eager[i].Status, listed[i].Status);
            Assert.Equal(eager[i].AdditionalProperties.Keys.OrderBy(k => k), listed[i].AdditionalProperties.Keys.OrderBy(k => k));
        }
        var first = listed[0].AdditionalProperties;
        // A later name of a field already read (status after operational_status) and a field that could not be read
        // as its type (cores) are kept, as eager mapping keeps them; the modelled ones are not.
        Assert.Equal("also here", first["status"]);
        Assert.Equal("not a number", first["cores"]);
        Assert.Null(first["extra"]);
        Assert.True(first.ContainsKey("extra"));
        Assert.False(first.ContainsKey("kasm_id"));
        var deep = Assert.IsType<PSObject>(first["new_field"]);
        Assert.Equal(new object?[] { 1, "two", null }, (object?[])deep.Properties["deep"].Value);
        Assert.Equal(2, listed[1].AdditionalProperties["x"]);
    }

    [Fact]
    public void Additional_properties_are_read_only_when_asked_for_and_then_kept()
    {
        var listed = Listed<KasmSession>(new KasmClient(_connection, NullKasmLog.Instance), Sessions, "kasms");
        Assert.All(listed, s => Assert.Null(Materialised(s)));
        var table = listed[0].AdditionalProperties;
        Assert.Same(table, Materialised(listed[0]));
        Assert.Same(table, listed[0].AdditionalProperties);
        Assert.Null(Materialised(listed[1]));
        // It is an ordinary dictionary from then on.
        table["mine"] = 5;
        Assert.Equal(5, listed[0].AdditionalProperties["mine"]);
    }

    [Fact]
    public void A_listed_workspace_size_is_read_without_reading_the_other_fields_and_leaves_the_additional_ones()
    {
        const string images = """{"images":[{"image_id":"01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b","uncompressed_size_mb":1200,"other":"kept"},{"image_id":"11a6c1f2b3d44e5f8a9b0c1d2e3f4a5b","uncompressed_size_mb":"lots"}]}""";
        var response = new KasmResponse(KasmEndpoints.GetImages, 200, "application/json", Encoding.UTF8.GetBytes(images));
        var listed = new KasmClient(_connection, NullKasmLog.Instance).GetImagesForTest(response).ToList();
        Assert.Equal(1_200_000_000L, listed[0].UncompressedSize);
        Assert.Null(Materialised(listed[0]));
        Assert.Equal(new[] { "other" }, listed[0].AdditionalProperties.Keys);
        // Unreadable: kept as it came (docs/kasm-api.md#odd-answers).
        Assert.Equal("lots", listed[1].AdditionalProperties["uncompressed_size_mb"]);
    }
}
