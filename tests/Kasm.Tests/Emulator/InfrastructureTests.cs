using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_zones, get_servers, get_licenses, get_api_configs, get_settings (docs/kasm-api.md#infrastructure).</summary>
public class InfrastructureTests
{
    private static readonly EmulatorKey AgentsOnly = new()
    {
        Name = "agentsonly", ApiKey = "AgentsOnly01", ApiKeySecret = "AgentsOnlySecret0000000000000001", Permissions = ["Agents View"],
    };

    private static readonly EmulatorKey ServersOnly = new()
    {
        Name = "serversonly", ApiKey = "ServersOnly1", ApiKeySecret = "ServersOnlySecret000000000000001", Permissions = ["Servers View"],
    };

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_zones_lists_the_default_zone_with_servers_unless_brief(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var full = (await emu.CallAsync("api/admin/get_zones")).Json["zones"]!.AsArray().Single()!;
        Assert.Equal("default", full["zone_name"]!.GetValue<string>());
        Assert.Matches(Formats.Hex32, full["zone_id"]!.GetValue<string>());
        Assert.Equal(2, full["servers"]!.AsArray().Count);
        Assert.Equal(0, full["num_kasms"]!.GetValue<int>());
        var brief = (await emu.CallAsync("api/public/get_zones", new JsonObject { ["brief"] = true })).Json["zones"]!.AsArray().Single()!;
        Assert.False(brief.AsObject().ContainsKey("servers"));
        Assert.Equal("least_load", brief["load_strategy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("seed", 403)]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)]
    public async Task Infrastructure_reads_need_their_view_permission(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        foreach (var method in new[] { "get_zones", "get_servers", "get_licenses", "get_api_configs", "get_settings" })
            Assert.Equal(status, (await emu.CallAsync($"api/admin/{method}", keyName: "imagesonly")).Status);
    }

    [Fact]
    public async Task Infrastructure_reads_answer_read_only_keys()
    {
        await using var emu = await TestEmulator.StartAsync();
        foreach (var method in new[] { "get_zones", "get_servers", "get_licenses", "get_api_configs", "get_settings" })
            Assert.Equal(200, (await emu.CallAsync($"api/admin/{method}", keyName: "readonly")).Status);
    }

    [Fact]
    public async Task Get_servers_shows_agents_with_agents_view_and_fixed_servers_with_servers_view()
    {
        await using var emu = await TestEmulator.StartAsync("kasm-1.15", o => o.AdditionalKeys = [AgentsOnly, ServersOnly]);
        string[] Types(JsonObject json) => [.. json["servers"]!.AsArray().Select(s => s!["server_type"]!.GetValue<string>())];
        Assert.Equal(["host", "Desktop"], Types((await emu.CallAsync("api/admin/get_servers")).Json));
        Assert.Equal(["host"], Types((await emu.CallAsync("api/admin/get_servers", keyName: "agentsonly")).Json));
        Assert.Equal(["Desktop"], Types((await emu.CallAsync("api/admin/get_servers", keyName: "serversonly")).Json));
    }

    [Fact]
    public async Task Get_servers_masks_connection_secrets_and_narrows_to_one_id()
    {
        await using var emu = await TestEmulator.StartAsync();
        var target = new JsonObject { ["target_server"] = new JsonObject { ["server_id"] = "b2c3d4e5f6a74829a3b4c5d6e7f8091a" } };
        var desktop = (await emu.CallAsync("api/admin/get_servers", target)).Json["servers"]!.AsArray().Single()!;
        Assert.Equal("**********", desktop["connection_password"]!.GetValue<string>());
        Assert.Equal("**********", desktop["connection_private_key"]!.GetValue<string>());
        Assert.Equal("RDP", desktop["connection_type"]!.GetValue<string>());
        var bad = await emu.CallAsync("api/admin/get_servers", new JsonObject { ["target_server"] = new JsonObject { ["server_id"] = "nope" } });
        Assert.Equal("Invalid Request: server_id must be a uuid", bad.ErrorMessage);
    }

    [Fact]
    public async Task Get_api_configs_lists_the_fixed_keys_without_secrets()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/get_api_configs");
        var configs = reply.Json["api_configs"]!.AsArray();
        Assert.Equal(EmulatorKeys.Defaults.Select(k => k.Name), configs.Select(c => c!["name"]!.GetValue<string>()));
        Assert.DoesNotContain("Secret", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("api_key_secret", reply.Text, StringComparison.Ordinal);
        var readOnly = configs.Single(c => c!["name"]!.GetValue<string>() == "readonly")!;
        Assert.True(readOnly["read_only"]!.GetValue<bool>());
        Assert.Equal("ReadOnlyKey1", readOnly["api_key"]!.GetValue<string>());
        Assert.Matches(Formats.Timestamp, configs.Single(c => c!["name"]!.GetValue<string>() == "expired")!["expires"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_licenses_and_get_settings_answer_their_lists()
    {
        await using var emu = await TestEmulator.StartAsync();
        var licence = (await emu.CallAsync("api/admin/get_licenses")).Json["licenses"]!.AsArray().Single()!;
        Assert.Equal("Example Corp", licence["issued_to"]!.GetValue<string>());
        Assert.True(licence["features"]!["developer_api"]!.GetValue<bool>());
        var settings = (await emu.CallAsync("api/admin/get_settings")).Json["settings"]!.AsArray();
        var lifetime = settings.Single(s => s!["name"]!.GetValue<string>() == "session_lifetime")!;
        Assert.Equal("auth", lifetime["category"]!.GetValue<string>());
        Assert.Equal("86400", lifetime["value"]!.GetValue<string>());
    }
}
