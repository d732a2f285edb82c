using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>The request log, settings and reset, in-process and over /__emulator/.</summary>
public class ControlTests
{
    [Fact]
    public async Task Request_log_records_api_calls_without_secrets()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.CallAsync("api/public/get_images");
        await emu.CallAsync("api/admin/system_info", keyName: "imagesonly");
        await emu.CallAsync("api/nope");
        await emu.SendAsync(HttpMethod.Get, "__emulator/requests", null, null); // control calls are not logged

        var log = emu.Emulator.RequestLog;
        Assert.Equal(3, log.Count);
        Assert.Equal(("public", "get_images", "DemoKey00001", 200), (log[0].Mount, log[0].Method, log[0].ApiKey, log[0].Status));
        Assert.Equal(("admin", "system_info", "ImagesOnly01", 401), (log[1].Mount, log[1].Method, log[1].ApiKey, log[1].Status));
        Assert.Equal(("client", 404), (log[2].Mount, log[2].Status));
        Assert.True(log[0].Seq < log[1].Seq);

        var overHttp = await emu.SendAsync(HttpMethod.Get, "__emulator/requests", null, null);
        var entries = JsonNode.Parse(overHttp.Text)!.AsArray();
        Assert.Equal(3, entries.Count);
        Assert.Equal("/api/public/get_images", entries[0]!["path"]!.GetValue<string>());
        Assert.Equal("POST", entries[0]!["httpMethod"]!.GetValue<string>());
        Assert.Equal("DemoKey00001", entries[0]!["apiKey"]!.GetValue<string>());
        Assert.DoesNotContain("DemoSecret", overHttp.Text);

        await emu.SendAsync(HttpMethod.Delete, "__emulator/requests", null, null);
        Assert.Empty(emu.Emulator.RequestLog);
        await emu.CallAsync("api/public/get_images");
        emu.Emulator.ClearRequestLog();
        Assert.Empty(emu.Emulator.RequestLog);
    }

    [Fact]
    public async Task Settings_change_limits_at_run_time()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.SendAsync(HttpMethod.Post, "__emulator/settings", """{"maxKasmsPerUser": 1, "sessionStartDelayMs": 0}""", "application/json");
        Assert.Equal(1, JsonNode.Parse(reply.Text)!["maxKasmsPerUser"]!.GetValue<int>());
        Assert.Equal(200, JsonNode.Parse(reply.Text)!["destroyDelayMs"]!.GetValue<int>()); // untouched: partial update
        var request = new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId };
        string kasmId = (await emu.CallAsync("api/public/request_kasm", request)).Json["kasm_id"]!.GetValue<string>();
        // Start delay 0: running at once.
        var status = await emu.CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId });
        Assert.True(status.Json.ContainsKey("kasm"));
        Assert.Contains("limit exceeded", (await emu.CallAsync("api/public/request_kasm", request)).ErrorMessage);
    }

    [Fact]
    public async Task Sessions_endpoint_holds_a_session_in_a_status()
    {
        await using var emu = await TestEmulator.StartAsync();
        var request = new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId };
        string kasmId = (await emu.CallAsync("api/public/request_kasm", request)).Json["kasm_id"]!.GetValue<string>();
        async Task<string> Status() =>
            (await emu.CallAsync("api/public/get_kasms")).Json["kasms"]!.AsArray().Single()!["operational_status"]!.GetValue<string>();

        foreach (var status in new[] { "provisioning", "paused", "stopped", "running", "requested" })
        {
            var reply = await emu.SendAsync(HttpMethod.Post, $"__emulator/sessions/{kasmId}", $$"""{"status": "{{status}}"}""", "application/json");
            Assert.Equal(200, reply.Status);
            Assert.Equal(status, await Status());
        }
        // A paused session answers get_kasm_status with its status and no kasm key.
        await emu.SendAsync(HttpMethod.Post, $"__emulator/sessions/{kasmId}", """{"status": "paused"}""", "application/json");
        var paused = await emu.CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId });
        Assert.Equal("paused", paused.Json["operational_status"]!.GetValue<string>());
        Assert.False(paused.Json.ContainsKey("kasm"));

        Assert.Equal(400, (await emu.SendAsync(HttpMethod.Post, $"__emulator/sessions/{kasmId}", """{"status": "flying"}""", "application/json")).Status);
        Assert.Equal(404, (await emu.SendAsync(HttpMethod.Post, $"__emulator/sessions/{Guid.NewGuid():N}", """{"status": "running"}""", "application/json")).Status);
        Assert.Equal(200, (await emu.SendAsync(HttpMethod.Post, $"__emulator/sessions/{kasmId}", """{"status": "gone"}""", "application/json")).Status);
        Assert.Empty(emu.Emulator.State.Sessions);
        Assert.DoesNotContain(emu.Emulator.RequestLog, e => e.Path.StartsWith("/__emulator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reset_restores_the_seed_and_clears_the_log()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.CallAsync("api/public/create_user", new JsonObject { ["target_user"] = new JsonObject { ["username"] = "temp@example.com" } });
        await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId });
        Assert.Equal(3, emu.Emulator.State.Users.Count);

        Assert.Equal(200, (await emu.SendAsync(HttpMethod.Post, "__emulator/reset", "{}", "application/json")).Status);
        Assert.Equal(2, emu.Emulator.State.Users.Count);
        Assert.Empty(emu.Emulator.State.Sessions);
        Assert.Empty(emu.Emulator.RequestLog);

        await emu.CallAsync("api/public/create_user", new JsonObject { ["target_user"] = new JsonObject { ["username"] = "temp@example.com" } });
        emu.Emulator.Reset();
        Assert.DoesNotContain(emu.Emulator.State.Users, u => u.Username == "temp@example.com");
    }

    [Fact]
    public async Task Unknown_control_path_is_404()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(404, (await emu.SendAsync(HttpMethod.Get, "__emulator/nothing", null, null)).Status);
    }
}
