using System.Diagnostics;
using System.Text.Json.Nodes;
using Kasm.Emulator.Faults;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>Fault injection, in-process and through POST /__emulator/faults.</summary>
public class FaultTests
{
    [Theory]
    [InlineData("json", "application/json")]
    [InlineData("html", "text/html")]
    [InlineData("empty", null)]
    public async Task Replacement_bodies(string body, string? contentType)
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 503, Body = body });
        var reply = await emu.CallAsync("api/public/get_images");
        Assert.Equal(503, reply.Status);
        Assert.Equal(contentType, reply.ContentType);
        if (body == "empty") Assert.Equal("", reply.Text);
        if (body == "json") Assert.NotNull(reply.ErrorMessage);
        // Other methods are untouched.
        Assert.Equal(200, (await emu.CallAsync("api/admin/system_info")).Status);
    }

    [Fact]
    public async Task Status_alone_means_a_json_error()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "*", Status = 502 });
        var reply = await emu.CallAsync("api/admin/system_info");
        Assert.Equal(502, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
    }

    [Fact]
    public async Task Truncated_body_is_not_valid_json()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", Body = "truncated" });
        var reply = await emu.CallAsync("api/public/get_images");
        Assert.Equal(200, reply.Status);
        Assert.StartsWith("{\"images\":", reply.Text);
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => JsonNode.Parse(reply.Text));
    }

    [Fact]
    public async Task Drop_aborts_the_connection()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", Drop = true, Count = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => emu.CallAsync("api/public/get_images"));
        Assert.Equal((0, "DemoKey00001"), (emu.Emulator.RequestLog[^1].Status, emu.Emulator.RequestLog[^1].ApiKey));
        Assert.Equal(200, (await emu.CallAsync("api/public/get_images")).Status);
    }

    [Fact]
    public async Task Latency_is_added()
    {
        await using var emu = await TestEmulator.StartAsync();
        await emu.CallAsync("api/public/get_images"); // warm the connection
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", LatencyMs = 300 });
        var watch = Stopwatch.StartNew();
        var reply = await emu.CallAsync("api/public/get_images");
        Assert.Equal(200, reply.Status);
        Assert.True(watch.ElapsedMilliseconds >= 280, $"{watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task Count_limits_how_often_a_fault_fires()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 500, Count = 2 });
        var statuses = new List<int>();
        for (int i = 0; i < 4; i++) statuses.Add((await emu.CallAsync("api/public/get_images")).Status);
        Assert.Equal([500, 500, 200, 200], statuses);
        Assert.Empty(emu.Emulator.Faults);
    }

    [Fact]
    public async Task Rate_zero_never_fires_and_rate_one_always_does()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 500, Rate = 0 });
        for (int i = 0; i < 5; i++) Assert.Equal(200, (await emu.CallAsync("api/public/get_images")).Status);
        emu.Emulator.ClearFaults();
        emu.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 500, Rate = 0.5 });
        var statuses = new List<int>();
        for (int i = 0; i < 60; i++) statuses.Add((await emu.CallAsync("api/public/get_images")).Status);
        Assert.Contains(500, statuses);
        Assert.Contains(200, statuses);
    }

    [Fact]
    public async Task Faults_over_http_and_clearing()
    {
        await using var emu = await TestEmulator.StartAsync();
        var add = await emu.SendAsync(HttpMethod.Post, "__emulator/faults",
            """{"method": "system_info", "status": 418, "body": "html", "count": null}""", "application/json");
        Assert.Equal(200, add.Status);
        Assert.Equal(418, (await emu.CallAsync("api/admin/system_info")).Status);
        var bad = await emu.SendAsync(HttpMethod.Post, "__emulator/faults", """{"method": "x", "body": "weird"}""", "application/json");
        Assert.Equal(400, bad.Status);
        Assert.Equal(200, (await emu.SendAsync(HttpMethod.Delete, "__emulator/faults", null, null)).Status);
        Assert.Equal(200, (await emu.CallAsync("api/admin/system_info")).Status);
    }

    [Fact]
    public async Task Healthcheck_can_be_faulted_too()
    {
        await using var emu = await TestEmulator.StartAsync();
        emu.Emulator.AddFault(new FaultSpec { Method = "__healthcheck", Status = 503, Body = "empty", Count = 1 });
        Assert.Equal(503, (await emu.SendAsync(HttpMethod.Get, "api/__healthcheck", null, null)).Status);
        Assert.Equal(200, (await emu.SendAsync(HttpMethod.Get, "api/__healthcheck", null, null)).Status);
    }

    [Fact]
    public async Task Seed_profile_fault_json_carries_status_error()
    {
        await using var emu = await TestEmulator.StartAsync("seed");
        emu.Emulator.AddFault(new FaultSpec { Method = "*", Body = "json" });
        var reply = await emu.CallAsync("api/public/get_kasms");
        Assert.Equal(500, reply.Status);
        Assert.Equal("error", reply.Json["status"]!.GetValue<string>());
    }
}
