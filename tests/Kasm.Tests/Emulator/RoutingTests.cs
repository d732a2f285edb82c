using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

public class RoutingTests
{
    [Fact]
    public async Task Healthcheck_answers_ok_without_auth()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.SendAsync(HttpMethod.Get, "api/__healthcheck", null, null);
        Assert.Equal(200, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        Assert.True(reply.Json["ok"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("api/public/no_such_method")]
    [InlineData("api/get_images")] // get_images is not a ClientApi method: unknown under /api/ (docs/kasm-api.md#transport-and-authentication)
    [InlineData("somewhere/else")]
    public async Task Unknown_method_is_404_html(string path)
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync(path);
        Assert.Equal(404, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
        Assert.Equal("An error has occurred 404 Not Found - see logs for details", reply.Text);
    }

    [Fact]
    public async Task Method_is_resolved_by_last_segment_on_every_mount()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(200, (await emu.CallAsync("api/admin/get_images")).Status);
        Assert.Equal(200, (await emu.CallAsync("api/public/get_images")).Status);
        var client = await emu.CallAsync("api/get_user", new JsonObject { ["target_user"] = new JsonObject { ["username"] = "user@kasm.local" } });
        Assert.Equal(200, client.Status);
        Assert.Equal(Seeded.PlainUserId, client.Json["user"]!["user_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Wrong_content_type_is_415_html()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.SendAsync(HttpMethod.Post, "api/public/get_images", emu.Body().ToJsonString(), "text/plain");
        Assert.Equal(415, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
        Assert.Contains("415 Unsupported Media Type", reply.Text);
    }

    [Fact]
    public async Task Text_javascript_is_accepted_like_json()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.SendAsync(HttpMethod.Post, "api/public/get_images", emu.Body().ToJsonString(), "text/javascript");
        Assert.Equal(200, reply.Status);
    }

    [Fact]
    public async Task Malformed_json_is_400_html()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.SendAsync(HttpMethod.Post, "api/public/get_images", "{\"api_key\": ", "application/json");
        Assert.Equal(400, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
        Assert.Contains("400 Bad Request", reply.Text);
    }

    [Fact]
    public async Task Get_on_a_method_is_500_html()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.SendAsync(HttpMethod.Get, "api/public/get_images", null, null);
        Assert.Equal(500, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
        Assert.Contains("An unhandled exception occurred", reply.Text);
    }

    [Theory]
    [InlineData("api/public/no_such_method", 404)]
    [InlineData("GET api/public/get_images", 500)]
    public async Task Seed_profile_answers_framework_errors_with_json(string what, int status)
    {
        await using var emu = await TestEmulator.StartAsync("seed");
        var reply = what.StartsWith("GET ", StringComparison.Ordinal)
            ? await emu.SendAsync(HttpMethod.Get, what[4..], null, null)
            : await emu.CallAsync(what);
        Assert.Equal(status, reply.Status);
        Assert.Equal("application/json", reply.ContentType);
        Assert.Equal("error", reply.Json["status"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(reply.ErrorMessage));
    }

    [Fact]
    public async Task Seed_profile_415_and_bad_json_are_json()
    {
        await using var emu = await TestEmulator.StartAsync("seed");
        var wrongType = await emu.SendAsync(HttpMethod.Post, "api/public/get_images", emu.Body().ToJsonString(), "text/plain");
        var badJson = await emu.SendAsync(HttpMethod.Post, "api/public/get_images", "{", "application/json");
        Assert.Equal((415, "application/json"), (wrongType.Status, wrongType.ContentType));
        Assert.Equal((400, "application/json"), (badJson.Status, badJson.ContentType));
        Assert.Equal("error", badJson.Json["status"]!.GetValue<string>());
    }
}
