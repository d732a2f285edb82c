using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>pause_kasm, resume_kasm, stop_kasm, keepalive, exec_command_kasm, get_kasm_screenshot, the share-id calls and join_kasm (docs/kasm-api.md#sessions), per profile.</summary>
public class SessionLifecycleTests
{
    private static readonly EmulatorKey SessionUser = new()
    {
        Name = "sessionuser", ApiKey = "SessionUser1", ApiKeySecret = "SessionUserSecret000000000000001",
        Permissions = ["User", "Users Auth Session"],
    };

    private static Task<TestEmulator> StartAsync(string profile, int lifecycleDelayMs = 0)
    {
        return Start();
        async Task<TestEmulator> Start()
        {
            var emu = await TestEmulator.StartAsync(profile, o => { o.SessionStartDelayMs = 0; o.AdditionalKeys = [SessionUser]; });
            emu.Emulator.Settings.LifecycleDelayMs = lifecycleDelayMs;
            return emu;
        }
    }

    private static async Task<string> RunningSessionAsync(TestEmulator emu, string userId = Seeded.PlainUserId) =>
        (await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = userId, ["image_id"] = Seeded.ChromeImageId })).Json["kasm_id"]!.GetValue<string>();

    private static JsonObject Target(string kasmId, string userId = Seeded.PlainUserId) => new() { ["kasm_id"] = kasmId, ["user_id"] = userId };

    private static async Task<string> ListedStatusAsync(TestEmulator emu, string kasmId)
    {
        var kasms = (await emu.CallAsync("api/public/get_kasms")).Json["kasms"]!.AsArray();
        return kasms.Single(k => Guid.Parse(k!["kasm_id"]!.GetValue<string>()) == Guid.Parse(kasmId))!["operational_status"]!.GetValue<string>();
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Pause_kasm_answers_at_once_and_the_session_shows_pausing_until_the_delay_passes(string profile)
    {
        await using var emu = await StartAsync(profile, lifecycleDelayMs: 3_600_000);
        string kasmId = await RunningSessionAsync(emu);
        var reply = await emu.CallAsync("api/public/pause_kasm", Target(kasmId));
        Assert.Equal(200, reply.Status);
        Assert.Empty(reply.Json);
        Assert.Equal("pausing", await ListedStatusAsync(emu, kasmId));
        // The test moves it on: the pause completes.
        emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), "paused");
        Assert.Equal("paused", await ListedStatusAsync(emu, kasmId));
        var status = await emu.CallAsync("api/public/get_kasm_status", Target(kasmId));
        Assert.Equal("paused", status.Json["operational_status"]!.GetValue<string>());
        Assert.False(status.Json.ContainsKey("kasm"));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Stop_then_resume_leads_to_stopped_then_running(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        Assert.Equal(200, (await emu.CallAsync("api/public/stop_kasm", Target(kasmId))).Status);
        Assert.Equal("stopped", await ListedStatusAsync(emu, kasmId));
        Assert.Equal(200, (await emu.CallAsync("api/public/resume_kasm", Target(kasmId))).Status);
        Assert.Equal("running", await ListedStatusAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("seed", 400)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Resume_kasm_of_a_running_session_is_refused(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var reply = await emu.CallAsync("api/public/resume_kasm", Target(kasmId));
        Assert.Equal(status, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
        Assert.Equal("running", await ListedStatusAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("kasm-1.15", "pause_kasm")]
    [InlineData("kasm-1.19", "stop_kasm")]
    [InlineData("seed", "pause_kasm")]
    public async Task Without_sessions_modify_the_group_setting_decides(string profile, string method)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var refused = await emu.CallAsync($"api/public/{method}", Target(kasmId), "sessionuser");
        Assert.NotNull(refused.ErrorMessage);
        Assert.Equal("running", await ListedStatusAsync(emu, kasmId));

        emu.Emulator.Settings.AllowKasmPause = true;
        emu.Emulator.Settings.AllowKasmStop = true;
        var allowed = await emu.CallAsync($"api/public/{method}", Target(kasmId), "sessionuser");
        Assert.Equal(200, allowed.Status);
        Assert.Null(allowed.ErrorMessage);
        Assert.NotEqual("running", await ListedStatusAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("seed")]
    public async Task Without_sessions_modify_only_the_owner_may_pause(string profile)
    {
        await using var emu = await StartAsync(profile);
        emu.Emulator.Settings.AllowKasmPause = true;
        string kasmId = await RunningSessionAsync(emu);
        var refused = await emu.CallAsync("api/public/pause_kasm", Target(kasmId, Seeded.AdminUserId), "sessionuser");
        Assert.NotNull(refused.ErrorMessage);
        Assert.Equal("running", await ListedStatusAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("seed", "pause_kasm")]
    [InlineData("kasm-1.15", "resume_kasm")]
    [InlineData("kasm-1.19", "stop_kasm")]
    public async Task Lifecycle_calls_refuse_a_read_only_key(string profile, string method)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var reply = await emu.CallAsync($"api/public/{method}", Target(kasmId), "readonly");
        Assert.Equal(401, reply.Status);
        Assert.Equal("running", await ListedStatusAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Keepalive_moves_the_expiry_and_a_read_only_key_may_send_it(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var session = emu.Emulator.State.Sessions.Single();
        session.ExpirationDate = session.ExpirationDate.AddMinutes(-30);
        var before = session.ExpirationDate;
        var reply = await emu.CallAsync("api/public/keepalive", new JsonObject { ["kasm_id"] = kasmId }, "readonly");
        Assert.Equal(200, reply.Status);
        Assert.False(reply.Json["usage_reached"]!.GetValue<bool>());
        Assert.True(emu.Emulator.State.Sessions.Single().ExpirationDate > before);
    }

    [Fact]
    public async Task Keepalive_with_the_usage_budget_spent_extends_nothing()
    {
        await using var emu = await StartAsync("kasm-1.15");
        string kasmId = await RunningSessionAsync(emu);
        emu.Emulator.Settings.UsageReached = true;
        var before = emu.Emulator.State.Sessions.Single().ExpirationDate;
        var reply = await emu.CallAsync("api/public/keepalive", new JsonObject { ["kasm_id"] = kasmId });
        Assert.True(reply.Json["usage_reached"]!.GetValue<bool>());
        Assert.Equal(before, emu.Emulator.State.Sessions.Single().ExpirationDate);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Keepalive_of_a_session_being_deleted_is_400_on_public_and_absent_on_the_admin_mount(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), "deleting");
        var reply = await emu.CallAsync("api/public/keepalive", new JsonObject { ["kasm_id"] = kasmId });
        Assert.Equal(400, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
        Assert.Equal(404, (await emu.CallAsync("api/admin/keepalive", new JsonObject { ["kasm_id"] = kasmId })).Status);
    }

    private static JsonObject Exec(string kasmId, string userId = Seeded.PlainUserId, string? cmd = "touch /tmp/x")
    {
        var body = Target(kasmId, userId);
        if (cmd is not null) body["exec_config"] = new JsonObject { ["cmd"] = cmd, ["user"] = "root" };
        return body;
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Exec_command_kasm_answers_the_session_and_no_output(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var reply = await emu.CallAsync("api/public/exec_command_kasm", Exec(kasmId));
        Assert.Equal(200, reply.Status);
        Assert.Equal(["current_time", "kasm"], reply.Json.Select(p => p.Key).Order());
        Assert.Equal(Guid.Parse(kasmId), Guid.Parse(reply.Json["kasm"]!["kasm_id"]!.GetValue<string>()));
        var command = JsonNode.Parse(Assert.Single(emu.Emulator.State.Sessions.Single().Commands))!;
        Assert.Equal("touch /tmp/x", command["cmd"]!.GetValue<string>());
        Assert.Equal(404, (await emu.CallAsync("api/admin/exec_command_kasm", Exec(kasmId))).Status);
    }

    [Theory]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    [InlineData("seed", 400)]
    public async Task Exec_command_kasm_refuses_a_missing_command_another_user_and_a_session_not_running(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var noCommand = await emu.CallAsync("api/public/exec_command_kasm", Exec(kasmId, cmd: null));
        Assert.Equal(status, noCommand.Status);
        Assert.NotNull(noCommand.ErrorMessage);
        var notOwner = await emu.CallAsync("api/public/exec_command_kasm", Exec(kasmId, Seeded.AdminUserId));
        Assert.Equal(status, notOwner.Status);
        Assert.NotNull(notOwner.ErrorMessage);
        emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), "paused");
        var paused = await emu.CallAsync("api/public/exec_command_kasm", Exec(kasmId));
        Assert.Equal(status, paused.Status);
        Assert.NotNull(paused.ErrorMessage);
        Assert.Empty(emu.Emulator.State.Sessions.Single().Commands);
    }

    [Fact]
    public async Task Exec_command_kasm_needs_sessions_modify()
    {
        await using var emu = await StartAsync("kasm-1.19");
        string kasmId = await RunningSessionAsync(emu);
        var reply = await emu.CallAsync("api/public/exec_command_kasm", Exec(kasmId), "sessionuser");
        Assert.Equal(403, reply.Status);
        Assert.Empty(emu.Emulator.State.Sessions.Single().Commands);
    }

    private static async Task<(int Status, string? ContentType, byte[] Body)> ScreenshotAsync(TestEmulator emu, JsonObject fields, string key = "demo")
    {
        using var content = new StringContent(emu.Body(key, fields).ToJsonString(), System.Text.Encoding.UTF8, "application/json");
        using var response = await emu.Http.PostAsync("api/public/get_kasm_screenshot", content);
        return ((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        for (int i = 2; i < jpeg.Length - 9; i++)
            if (jpeg[i] == 0xFF && jpeg[i + 1] == 0xC0) return (jpeg[i + 7] << 8 | jpeg[i + 8], jpeg[i + 5] << 8 | jpeg[i + 6]);
        throw new InvalidOperationException("no SOF0");
    }

    [Theory]
    [InlineData("kasm-1.15", 1280, 720, 720, 405)] // 1.15 swaps width and height: the picture fits a 720 x 1280 box
    [InlineData("kasm-1.19", 1280, 720, 1280, 720)]
    [InlineData("kasm-1.19", 300, 300, 300, 169)]
    [InlineData("kasm-1.19", 4000, 4000, 1280, 720)] // never larger than the desktop
    public async Task Get_kasm_screenshot_answers_raw_jpeg_fitted_to_the_box(string profile, int width, int height, int gotWidth, int gotHeight)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var fields = Target(kasmId);
        fields["width"] = width;
        fields["height"] = height;
        var (status, type, body) = await ScreenshotAsync(emu, fields, "readonly");
        Assert.Equal(200, status);
        Assert.Equal("image/jpg", type);
        Assert.Equal([0xFF, 0xD8, 0xFF], body.Take(3));
        Assert.Equal([0xFF, 0xD9], body.TakeLast(2));
        Assert.Equal((gotWidth, gotHeight), JpegSize(body));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_kasm_screenshot_is_404_with_an_empty_body_for_another_user_or_a_session_not_running_and_400_without_kasm_id(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await RunningSessionAsync(emu);
        var notOwner = await ScreenshotAsync(emu, Target(kasmId, Seeded.AdminUserId));
        Assert.Equal(404, notOwner.Status);
        Assert.Empty(notOwner.Body);
        emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), "stopped");
        var stopped = await ScreenshotAsync(emu, Target(kasmId));
        Assert.Equal(404, stopped.Status);
        Assert.Empty(stopped.Body);
        var missing = await ScreenshotAsync(emu, new JsonObject { ["user_id"] = Seeded.PlainUserId });
        Assert.Equal(400, missing.Status);
        Assert.Empty(missing.Body);
    }

    [Theory]
    [InlineData("kasm-1.15", false, false)]
    [InlineData("kasm-1.19", false, false)]
    [InlineData("kasm-1.15", true, true)]
    [InlineData("seed", false, true)]
    public async Task Create_kasm_share_id_follows_the_group_setting_on_real_servers(string profile, bool groupAllows, bool shared)
    {
        await using var emu = await StartAsync(profile);
        emu.Emulator.Settings.AllowKasmSharing = groupAllows;
        string kasmId = await RunningSessionAsync(emu);
        var reply = await emu.CallAsync("api/public/create_kasm_share_id", Target(kasmId));
        Assert.Equal(shared, reply.ErrorMessage is null);
        var read = await emu.CallAsync("api/public/get_kasm_share_id", Target(kasmId), "readonly");
        if (shared)
        {
            Assert.Matches("^[0-9a-f]{8}$", reply.Json["share_id"]!.GetValue<string>());
            Assert.Equal(reply.Json["share_id"]!.GetValue<string>(), read.Json["share_id"]!.GetValue<string>());
        }
        else Assert.Null(read.Json["share_id"]);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    [InlineData("seed")]
    public async Task A_second_share_id_is_refused_and_another_users_session_is_access_denied(string profile)
    {
        await using var emu = await StartAsync(profile);
        emu.Emulator.Settings.AllowKasmSharing = true;
        string kasmId = await RunningSessionAsync(emu);
        Assert.Null((await emu.CallAsync("api/public/create_kasm_share_id", Target(kasmId))).ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/create_kasm_share_id", Target(kasmId))).ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/get_kasm_share_id", Target(kasmId, Seeded.AdminUserId))).ErrorMessage);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    [InlineData("seed")]
    public async Task Join_kasm_gives_a_viewer_link_and_delete_kasm_share_id_ends_it(string profile)
    {
        await using var emu = await StartAsync(profile);
        emu.Emulator.Settings.AllowKasmSharing = true;
        string kasmId = await RunningSessionAsync(emu);
        string shareId = (await emu.CallAsync("api/public/create_kasm_share_id", Target(kasmId))).Json["share_id"]!.GetValue<string>();

        var named = (await emu.CallAsync("api/public/join_kasm", new JsonObject { ["share_id"] = shareId, ["user_id"] = Seeded.AdminUserId })).Json;
        Assert.Equal(Seeded.AdminUserId, named["user_id"]!.GetValue<string>());
        Assert.Equal("admin@kasm.local", named["username"]!.GetValue<string>());
        Assert.Equal("user@kasm.local", named["kasm"]!["user"]!["username"]!.GetValue<string>());
        Assert.Equal(shareId, named["kasm"]!["share_id"]!.GetValue<string>());
        Assert.False(named["kasm"]!.AsObject().ContainsKey("port_map") && named["kasm"]!["port_map"]!.AsObject().ContainsKey("uploads"));
        string token = named["session_token"]!.GetValue<string>();
        Assert.Equal($"/#/connect/join/{shareId}/{Seeded.AdminUserId}/{token}", named["kasm_url"]!.GetValue<string>());

        var anonymous = (await emu.CallAsync("api/public/join_kasm", new JsonObject { ["share_id"] = shareId })).Json;
        Assert.StartsWith("anon_", anonymous["username"]!.GetValue<string>());
        Assert.Equal(2, emu.Emulator.State.Sessions.Single().Viewers.Count);

        var deleted = await emu.CallAsync("api/public/delete_kasm_share_id", Target(kasmId));
        Assert.True(deleted.Json.ContainsKey("share_id"));
        Assert.Null(deleted.Json["share_id"]);
        Assert.Empty(emu.Emulator.State.Sessions.Single().Viewers);
        Assert.NotNull((await emu.CallAsync("api/public/join_kasm", new JsonObject { ["share_id"] = shareId })).ErrorMessage);
    }

    [Fact]
    public async Task Join_kasm_refuses_a_session_that_is_not_running()
    {
        await using var emu = await StartAsync("kasm-1.15");
        emu.Emulator.Settings.AllowKasmSharing = true;
        string kasmId = await RunningSessionAsync(emu);
        string shareId = (await emu.CallAsync("api/public/create_kasm_share_id", Target(kasmId))).Json["share_id"]!.GetValue<string>();
        emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), "paused");
        var reply = await emu.CallAsync("api/public/join_kasm", new JsonObject { ["share_id"] = shareId });
        Assert.Equal(200, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
        Assert.Empty(emu.Emulator.State.Sessions.Single().Viewers);
    }
}
