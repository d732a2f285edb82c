#nullable enable
using Xunit;
using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Kasm.Client;

namespace Kasm.Tests.Client;

public class EndpointAndPayloadTests
{
    [Theory]
    [InlineData("get_kasms", "api/public/get_kasms", true)]
    [InlineData("public/get_kasms", "api/public/get_kasms", true)]
    [InlineData("/api/public/get_kasms/", "api/public/get_kasms", true)]
    [InlineData("admin/system_info", "api/admin/system_info", true)]
    [InlineData("system_info", "api/admin/system_info", true)]
    [InlineData("request_kasm", "api/public/request_kasm", false)]
    [InlineData("create_user", "api/public/create_user", false)]
    [InlineData("get_users", "api/public/get_users", true)]
    [InlineData("get_managers", "api/public/get_managers", false)]
    [InlineData("client/get_managers", "api/get_managers", false)]
    [InlineData("admin/get_kasms", "api/admin/get_kasms", true)]
    public void Resolve_paths_and_retry_rules(string given, string path, bool retrySafe)
    {
        var e = KasmEndpoints.Resolve(given);
        Assert.Equal(path, e.RelativePath);
        Assert.Equal(retrySafe, e.RetrySafe);
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET_KASMS")]
    [InlineData("other/get_kasms")]
    [InlineData("get-kasms")]
    [InlineData("get_kasms?x=1")]
    [InlineData("../admin/system_info")]
    public void Resolve_rejects_bad_names(string given) => Assert.Throws<ArgumentException>(() => KasmEndpoints.Resolve(given));

    [Fact]
    public void Every_known_endpoint_names_a_permission_and_creators_are_not_retried()
    {
        foreach (var e in KasmEndpoints.All)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Permission), e.Name);
            if (e.Name.StartsWith("create_", StringComparison.Ordinal) || e.Name == "request_kasm") Assert.False(e.RetrySafe, e.Name);
            // Reads are resent, except get_login, which mints a login token per call (a resend makes a second credential).
            if (e.Name.StartsWith("get_", StringComparison.Ordinal)) Assert.Equal(e.Name != "get_login", e.RetrySafe);
        }
    }

    [Fact]
    public void Every_endpoint_names_its_cmdlets_and_the_cmdlet_map_names_only_endpoints()
    {
        foreach (var e in KasmEndpoints.All) Assert.NotEmpty(KasmEndpointCmdlets.Of(e.Name));
        Assert.Equal(KasmEndpoints.All.Select(e => e.Name).OrderBy(n => n, StringComparer.Ordinal),
            KasmEndpointCmdlets.Methods.OrderBy(n => n, StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("1.15.0", true)]
    [InlineData("1.15.3", true)]
    [InlineData("1.16.0", false)]
    [InlineData("1.19.0", false)]
    [InlineData(null, false)]
    public void ScreenshotSwapsSize_only_for_1_15(string? version, bool swaps) =>
        Assert.Equal(swaps, KasmClient.ScreenshotSwapsSize(version == null ? null : new Version(version)));

    [Fact]
    public void IsJpeg_reads_the_start_of_image_marker_not_the_content_type()
    {
        Assert.True(KasmClient.IsJpeg(new byte[] { 0xFF, 0xD8, 0xFF, 0xDB, 0x00 }));
        Assert.False(KasmClient.IsJpeg(System.Text.Encoding.UTF8.GetBytes("{\"error_message\": \"x\"}")));
        Assert.False(KasmClient.IsJpeg(new byte[0]));
    }

    [Fact]
    public void Payload_converts_powershell_values()
    {
        var table = new Hashtable
        {
            ["id"] = new Guid("9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f"),
            ["when"] = new DateTime(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc),
            ["switch"] = new SwitchParameter(true),
            ["list"] = new object[] { 1, "a", null! },
            ["nested"] = new Hashtable { ["n"] = 2L },
            ["wrapped"] = PSObject.AsPSObject(5),
            ["auth"] = KasmAuthentication.Basic,
        };
        var json = JsonPayload.FromDictionary(table);
        Assert.Equal("9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f", json["id"]!.GetValue<string>());
        Assert.Equal("2024-03-05 22:18:50.000000", json["when"]!.GetValue<string>());
        Assert.True(json["switch"]!.GetValue<bool>());
        Assert.Equal("[1,\"a\",null]", json["list"]!.ToJsonString());
        Assert.Equal(2L, json["nested"]!["n"]!.GetValue<long>());
        Assert.Equal(5, json["wrapped"]!.GetValue<int>());
        Assert.Equal("Basic", json["auth"]!.GetValue<string>());
    }

    [Fact]
    public void Payload_refuses_a_SecureString_and_runaway_nesting()
    {
        Assert.Throws<ArgumentException>(() => JsonPayload.FromDictionary(new Hashtable { ["password"] = Secrets.Secure("x") }));
        var deep = new Hashtable();
        var current = deep;
        for (int i = 0; i < 40; i++) { var next = new Hashtable(); current["x"] = next; current = next; }
        Assert.Throws<ArgumentException>(() => JsonPayload.FromDictionary(deep));
        Assert.Empty(JsonPayload.FromDictionary(null));
        Assert.IsType<JsonObject>(JsonPayload.ToNode(PSObject.AsPSObject(new PSObject())));
    }
}
