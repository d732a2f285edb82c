#nullable enable
using Xunit;
using System.Management.Automation;
using System.Text.Json;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Tests.Client;

public class ModelMapperTests : IDisposable
{
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
        return ModelMapper.Map<T>(doc.RootElement, _connection);
    }

    [Fact]
    public void Hex32_and_dashed_ids_map_to_the_same_guid()
    {
        var a = Map<KasmSession>("""{"kasm_id":"0f1e2d3c4b5a49687766554433221100","user_id":"9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f"}""");
        var b = Map<KasmSession>("""{"kasm_id":"0f1e2d3c-4b5a-4968-7766-554433221100","user_id":"9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f"}""");
        Assert.Equal(new Guid("0f1e2d3c-4b5a-4968-7766-554433221100"), a.KasmId);
        Assert.Equal(a.KasmId, b.KasmId);
        Assert.Equal(a.UserId, b.UserId);
        Assert.Same(_connection, a.Connection);
    }

    [Fact]
    public void Kasm_timestamps_become_utc_datetimes()
    {
        var s = Map<KasmSession>("""{"kasm_id":"0f1e2d3c4b5a49687766554433221100","start_date":"2024-03-05 22:18:50.063048","keepalive_date":"2024-03-05 22:18:50"}""");
        Assert.Equal(new DateTime(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc).AddTicks(630480), s.StartDate);
        Assert.Equal(DateTimeKind.Utc, s.StartDate!.Value.Kind);
        Assert.Equal(DateTimeKind.Utc, s.KeepaliveDate!.Value.Kind);
    }

    [Fact]
    public void None_becomes_null()
    {
        var s = Map<KasmSession>("""{"kasm_id":"0f1e2d3c4b5a49687766554433221100","start_date":"None","expiration_date":null,"server_id":"None"}""");
        Assert.Null(s.StartDate);
        Assert.Null(s.ExpirationDate);
        Assert.Null(s.ServerId);
        Assert.False(s.AdditionalProperties.ContainsKey("expiration_date"));
    }

    [Fact]
    public void None_in_a_modelled_field_does_not_land_in_AdditionalProperties()
    {
        var s = Map<KasmSession>("""{"kasm_id":"0f1e2d3c4b5a49687766554433221100","start_date":"None","server_id":"None"}""");
        Assert.Null(s.StartDate);
        Assert.False(s.AdditionalProperties.ContainsKey("start_date"));
        Assert.False(s.AdditionalProperties.ContainsKey("server_id"));
    }

    [Fact]
    public void Relative_kasm_url_becomes_absolute_on_the_connection_server()
    {
        var s = Map<KasmSession>("""{"kasm_id":"0f1e2d3c4b5a49687766554433221100","kasm_url":"/#/connect/kasm/0f1e2d3c/9c1e2d3f/tok"}""");
        Assert.NotNull(s.KasmUrl);
        Assert.True(s.KasmUrl!.IsAbsoluteUri);
        Assert.Equal("https://kasm.example.com:8443/#/connect/kasm/0f1e2d3c/9c1e2d3f/tok", s.KasmUrl.AbsoluteUri);
    }

    [Fact]
    public void Absolute_kasm_url_is_kept()
    {
        var s = Map<KasmSession>("""{"kasm_id":"0f1e2d3c4b5a49687766554433221100","kasm_url":"https://other.example.com/#/connect/kasm/x"}""");
        Assert.Equal("https://other.example.com/#/connect/kasm/x", s.KasmUrl!.AbsoluteUri);
    }

    [Fact]
    public void Unknown_fields_land_in_AdditionalProperties_as_powershell_values()
    {
        var image = Map<KasmImage>("""
            {"image_id":"01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b","friendly_name":"Chrome","memory":2768000000,
             "brand_new_field":{"nested":[1,"two",true,null,2.5]},"another":"x","big":9000000000}
            """);
        Assert.Equal("Chrome", image.FriendlyName);
        Assert.Equal(2768000000L, image.Memory);
        Assert.False(image.AdditionalProperties.ContainsKey("friendly_name"));
        Assert.False(image.AdditionalProperties.ContainsKey("memory"));
        Assert.Equal("x", image.AdditionalProperties["another"]);
        Assert.Equal(9000000000L, image.AdditionalProperties["big"]);
        var nested = Assert.IsType<PSObject>(image.AdditionalProperties["brand_new_field"]);
        var list = Assert.IsType<object?[]>(nested.Properties["nested"].Value);
        Assert.Equal(new object?[] { 1, "two", true, null, 2.5 }, list);
    }

    [Fact]
    public void Mixed_value_types_convert()
    {
        var image = Map<KasmImage>("""
            {"image_id":"01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b","cores":"1.5","enabled":"true","gpu_count":"2",
             "categories":"Browser\nPrivacy","image_src":"img/chrome.png","zone_id":"None"}
            """);
        Assert.Equal(1.5, image.Cores);
        Assert.True(image.Enabled);
        Assert.Equal(2, image.GpuCount);
        Assert.Equal(new[] { "Browser", "Privacy" }, image.Categories);
        Assert.Equal("img/chrome.png", image.ImageSource);
        Assert.Null(image.ZoneId);
    }

    [Fact]
    public void Nested_paths_and_arrays_of_objects_map()
    {
        var user = Map<KasmUser>("""
            {"user_id":"9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f","username":"alice@example.com",
             "groups":[{"group_id":"68d557ac-4cac-42cc-a9f3-1c7c853de0f3","name":"All Users"}],"created":"2024-01-02 03:04:05.000006"}
            """);
        Assert.Equal("alice@example.com", user.UserName);
        var g = Assert.Single(user.Groups!);
        Assert.Equal(new Guid("68d557ac4cac42cca9f31c7c853de0f3"), g.GroupId);
        Assert.Same(_connection, g.Connection);
        Assert.Equal(DateTimeKind.Utc, user.Created!.Value.Kind);

        var info = Map<KasmSystemInfo>("""{"api":{"build_id":"1.15.0.abc","server_id":"None"},"license":{"status":{"limit":5,"features":["a","b"]}}}""");
        Assert.Equal("1.15.0.abc", info.BuildId);
        Assert.Equal(5, info.LicenseLimit);
        Assert.Equal(new[] { "a", "b" }, info.Features);
        Assert.Null(info.ServerId);
    }

    [Fact]
    public void Unconvertible_value_is_kept_not_dropped()
    {
        // (An unreadable image_id fails the item instead: OddAnswerTests.)
        var image = Map<KasmImage>("""{"image_id":"01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b","zone_id":"not-a-guid","friendly_name":"X"}""");
        Assert.Null(image.ZoneId);
        Assert.Equal("not-a-guid", image.AdditionalProperties["zone_id"]);
    }
}
