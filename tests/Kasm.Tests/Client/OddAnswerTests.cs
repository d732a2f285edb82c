#nullable enable
using Xunit;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Tests.Client;

/// <summary>The odd-answers rule (docs/kasm-api.md#odd-answers): unreadable fields are kept, an unreadable id fails the item.</summary>
public class OddAnswerTests : IDisposable
{
    private const string ImageId = "01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b";

    private readonly KasmConnection _connection = new ConnectionSettings
    {
        Server = "https://kasm.example.com:8443",
        ApiKey = "DemoKey00001",
        ApiKeySecret = Secrets.Secure("DemoSecret0000000000000000000001"),
    }.CreateConnection();

    public void Dispose() => _connection.Dispose();

    private T Map<T>(string json) where T : KasmObject, new()
    {
        using var doc = JsonDocument.Parse(json);
        return ModelMapper.Map<T>(doc.RootElement, _connection, "get_images");
    }

    private KasmImage Image(string field, string jsonValue) => Map<KasmImage>($$"""{"image_id":"{{ImageId}}",{{field}}:{{jsonValue}}}""");

    [Theory]
    [InlineData("\"cores\"", "\"lots\"")]
    [InlineData("\"cores\"", "1e400")]
    [InlineData("\"cores\"", "[1]")]
    [InlineData("\"cores\"", "{\"n\":1}")]
    [InlineData("\"cores\"", "true")]
    [InlineData("\"memory\"", "99999999999999999999999")]
    [InlineData("\"memory\"", "2.5")]
    [InlineData("\"memory\"", "\"NaN\"")]
    [InlineData("\"gpu_count\"", "4294967296")]
    [InlineData("\"gpu_count\"", "\"1,5\"")]
    [InlineData("\"enabled\"", "1")]
    [InlineData("\"enabled\"", "\"yes\"")]
    [InlineData("\"enabled\"", "[]")]
    [InlineData("\"friendly_name\"", "42")]
    [InlineData("\"friendly_name\"", "{\"a\":[1,2]}")]
    [InlineData("\"friendly_name\"", "false")]
    [InlineData("\"zone_id\"", "12345")]
    [InlineData("\"zone_id\"", "\"not-a-guid\"")]
    [InlineData("\"categories\"", "[1,2]")]
    [InlineData("\"categories\"", "{\"x\":1}")]
    [InlineData("\"session_time_limit\"", "-1e300")]
    public void Map_keeps_a_field_it_cannot_read_in_AdditionalProperties_and_still_returns_the_object(string field, string value)
    {
        var image = Image(field, value);
        string name = JsonDocument.Parse(field).RootElement.GetString()!;
        Assert.Equal(new Guid(ImageId), image.ImageId);
        Assert.True(image.AdditionalProperties.ContainsKey(name), $"{name} should be kept");
        using var doc = JsonDocument.Parse(value);
        var kept = image.AdditionalProperties[name];
        Assert.Equal(JsonSerializer.Serialize(Plain(ModelMapper.ToPowerShell(doc.RootElement))), JsonSerializer.Serialize(Plain(kept)));
    }

    [Fact]
    public void Map_leaves_the_typed_property_at_its_default_when_the_field_cannot_be_read()
    {
        var image = Map<KasmImage>($$"""{"image_id":"{{ImageId}}","cores":"lots","memory":1e400,"gpu_count":2.5,"enabled":"yes","friendly_name":7,"zone_id":5}""");
        Assert.Equal(0, image.Cores);
        Assert.Equal(0, image.Memory);
        Assert.Equal(0, image.GpuCount);
        Assert.False(image.Enabled);
        Assert.Null(image.FriendlyName);
        Assert.Null(image.ZoneId);
        Assert.Equal("1e400", image.AdditionalProperties["memory"]);
    }

    [Fact]
    public void Map_reads_the_spellings_real_servers_send()
    {
        var image = Map<KasmImage>($$"""
            {"image_id":"{{ImageId}}","cores":"2","memory":"2768000000","gpu_count":"1","enabled":"True","hidden":"false",
             "session_time_limit":"None","zone_id":"null","server_id":null,"available":" true ","name":"None"}
            """);
        Assert.Equal(2.0, image.Cores);
        Assert.Equal(2768000000L, image.Memory);
        Assert.Equal(1, image.GpuCount);
        Assert.True(image.Enabled);
        Assert.False(image.Hidden);
        Assert.True(image.Available);
        Assert.Null(image.SessionTimeLimit);
        Assert.Null(image.ZoneId);
        Assert.Null(image.ServerId);
        // Text fields keep "None" as text: it is a readable string.
        Assert.Equal("None", image.Name);
        Assert.Empty(image.AdditionalProperties);
    }

    [Fact]
    public void Map_reads_a_whole_number_written_with_a_fraction_or_exponent()
    {
        var image = Map<KasmImage>($$"""{"image_id":"{{ImageId}}","memory":2.768e9,"gpu_count":1.0}""");
        Assert.Equal(2768000000L, image.Memory);
        Assert.Equal(1, image.GpuCount);
    }

    [Theory]
    [InlineData("\"image_id\":12")]
    [InlineData("\"image_id\":\"None\"")]
    [InlineData("\"image_id\":null")]
    [InlineData("\"image_id\":\"chrome\"")]
    [InlineData("\"image_id\":[\"01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b\"]")]
    [InlineData("\"friendly_name\":\"no id at all\"")]
    public void Map_fails_an_item_whose_identity_cannot_be_read_with_KasmUnexpectedResponse_naming_the_field(string fields)
    {
        var ex = Assert.Throws<KasmApiException>(() => Map<KasmImage>("{" + fields + "}"));
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
        Assert.Contains("'image_id'", ex.Message);
        Assert.Equal("get_images", ex.Method);
    }

    [Theory]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData("null")]
    public void Map_fails_an_item_that_is_not_an_object_with_KasmUnexpectedResponse(string json)
    {
        var ex = Assert.Throws<KasmApiException>(() => Map<KasmSession>(json));
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
    }

    [Fact]
    public void Map_keeps_groups_it_cannot_read_and_still_returns_the_user()
    {
        var user = Map<KasmUser>("""{"user_id":"9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f","groups":[{"group_id":5},"x"],"locked":"None"}""");
        Assert.Null(user.Groups);
        Assert.False(user.Locked);
        Assert.IsType<object?[]>(user.AdditionalProperties["groups"]);
        Assert.False(user.AdditionalProperties.ContainsKey("locked"));
    }

    [Fact]
    public void ToPowerShell_keeps_numbers_too_large_for_any_type_as_their_text()
    {
        using var doc = JsonDocument.Parse("""[1e400, 12345678901234567890123456, -1e-400, 1.5]""");
        var values = Assert.IsType<object?[]>(ModelMapper.ToPowerShell(doc.RootElement));
        Assert.Equal("1e400", values[0]);
        Assert.Equal(12345678901234567890123456m, values[1]);
        Assert.Equal(1.5, values[3]);
    }

    [Fact]
    public void ToPowerShell_takes_the_last_of_repeated_keys()
    {
        using var doc = JsonDocument.Parse("""{"a":1,"a":2}""");
        var pso = Assert.IsType<PSObject>(ModelMapper.ToPowerShell(doc.RootElement));
        Assert.Equal(2, pso.Properties["a"].Value);
    }

    [Fact]
    public void A_list_answer_with_one_item_without_an_id_reports_that_item_and_returns_the_others()
    {
        var errors = new List<KasmApiException>();
        var log = new ItemErrorLog(errors);
        var body = Encoding.UTF8.GetBytes($$"""{"images":[{"image_id":"{{ImageId}}"},{"image_id":"bad"},{"image_id":"{{Guid.NewGuid():N}}","cores":"x"}]}""");
        using var response = new KasmResponse(KasmEndpoints.GetImages, 200, "application/json", body);
        var images = KasmClient.EnumerateForTest<KasmImage>(new KasmClient(_connection, log), response, "images").ToList();
        Assert.Equal(2, images.Count);
        var error = Assert.Single(errors);
        Assert.Equal(KasmErrorId.UnexpectedResponse, error.ErrorId);
        Assert.Contains("'image_id'", error.Message);
    }

    [Fact]
    public void A_group_workspace_without_its_group_id_or_image_id_is_reported_and_the_others_returned()
    {
        // Remove-KasmGroupImage pipes on both ids, so both are the identity of a KasmGroupImage.
        var errors = new List<KasmApiException>();
        var log = new ItemErrorLog(errors);
        string group = Guid.NewGuid().ToString("N");
        var body = Encoding.UTF8.GetBytes($$"""{"images":[{"group_id":"{{group}}","image_id":"{{ImageId}}"},{"group_id":"{{group}}"},{"image_id":"{{ImageId}}","group_id":"None"},{"group_id":"{{group}}","image_id":"{{Guid.NewGuid():N}}","image_friendly_name":7}]}""");
        using var response = new KasmResponse(KasmEndpoints.GetImagesGroup, 200, "application/json", body);
        var items = KasmClient.EnumerateForTest<KasmGroupImage>(new KasmClient(_connection, log), response, "images").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(Guid.Parse(group), i.GroupId));
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(KasmErrorId.UnexpectedResponse, e.ErrorId));
        Assert.Contains("'image_id'", errors[0].Message);
        Assert.Contains("'group_id'", errors[1].Message);
    }

    public static IEnumerable<object[]> BadBodies()
    {
        yield return new object[] { "not json", Encoding.UTF8.GetBytes("<html>proxy error</html>") };
        yield return new object[] { "truncated", Encoding.UTF8.GetBytes("{\"images\":[{\"image_id\":\"01a6") };
        yield return new object[] { "array", Encoding.UTF8.GetBytes("[1,2,3]") };
        yield return new object[] { "string", Encoding.UTF8.GetBytes("\"images\"") };
        yield return new object[] { "number", Encoding.UTF8.GetBytes("1e400") };
        yield return new object[] { "5000 deep", Encoding.UTF8.GetBytes("{\"images\":" + new string('[', 5000) + new string(']', 5000) + "}") };
        yield return new object[] { "65 deep", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 65)) + "1" + new string('}', 65)) };
        yield return new object[] { "invalid utf-8", new byte[] { (byte)'{', (byte)'"', (byte)'a', (byte)'"', (byte)':', (byte)'"', 0xC3, 0x28, (byte)'"', (byte)'}' } };
        yield return new object[] { "random bytes", Enumerable.Range(0, 256).Select(i => (byte)(i * 37 + 11)).ToArray() };
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public void Classify_calls_a_2xx_body_that_is_not_a_usable_json_object_KasmUnexpectedResponse(string what, byte[] body)
    {
        var failure = ResponseClassifier.Classify(KasmEndpoints.GetImages, 200, "application/json", body, null);
        Assert.True(failure != null, what);
        Assert.Equal(KasmErrorId.UnexpectedResponse, failure!.ErrorId);
        using var response = new KasmResponse(KasmEndpoints.GetImages, 200, "application/json", body);
        if (what is "array" or "string" or "number") return; // valid JSON: Json parses, Classify refuses it
        var ex = Assert.Throws<KasmApiException>(() => response.Json);
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
    }

    private static object? Plain(object? value) => value switch
    {
        PSObject pso => pso.Properties.ToDictionary(p => p.Name, p => Plain(p.Value)),
        object?[] list => list.Select(Plain).ToArray(),
        _ => value,
    };

    private sealed class ItemErrorLog(List<KasmApiException> errors) : IKasmLog, IKasmItemErrors
    {
        public void Verbose(string message) { }
        public void Debug(string message) { }
        public bool IsDebugEnabled => false;
        public void ItemFailed(KasmApiException error) => errors.Add(error);
    }
}
