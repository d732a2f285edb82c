using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>request_kasm → get_kasm_status → destroy_kasm (docs/kasm-api.md#sessions).</summary>
public class SessionTests
{
    private static JsonObject Request(string userId = Seeded.PlainUserId, string imageId = Seeded.ChromeImageId) =>
        new() { ["user_id"] = userId, ["image_id"] = imageId };

    [Fact]
    public async Task Request_kasm_returns_at_once_with_dashed_and_hex_ids()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/request_kasm", Request());
        Assert.Equal(200, reply.Status);
        var o = reply.Json;
        string kasmId = o["kasm_id"]!.GetValue<string>();
        string token = o["session_token"]!.GetValue<string>();
        Assert.Matches(Formats.Dashed, kasmId);
        Assert.Matches(Formats.Dashed, token);
        Assert.Equal("starting", o["status"]!.GetValue<string>());
        Assert.Equal(Seeded.PlainUserId, o["user_id"]!.GetValue<string>());
        Assert.Equal("user@kasm.local", o["username"]!.GetValue<string>());
        Assert.Equal($"/#/connect/kasm/{kasmId}/{Seeded.PlainUserId}/{token}", o["kasm_url"]!.GetValue<string>());
        Assert.False(o.ContainsKey("share_id")); // 1.15: only with enable_sharing
    }

    [Theory]
    [InlineData("kasm-1.15", false, false, false)]
    [InlineData("kasm-1.15", true, true, true)]
    [InlineData("kasm-1.19", false, false, true)]
    [InlineData("kasm-1.19", true, true, true)]
    [InlineData("seed", false, false, true)]
    [InlineData("seed", true, false, true)]
    public async Task Share_id_presence_per_profile(string profile, bool sharing, bool groupAllows, bool present)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        emu.Emulator.Settings.AllowKasmSharing = groupAllows;
        var body = Request();
        body["enable_sharing"] = sharing;
        var o = (await emu.CallAsync("api/public/request_kasm", body)).Json;
        Assert.Equal(present, o.ContainsKey("share_id"));
        if (sharing) Assert.Matches("^[0-9a-f]{8}$", o["share_id"]!.GetValue<string>());
        else if (present) Assert.Null(o["share_id"]);
        Assert.False(o.ContainsKey("error_message"));
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Sharing_not_allowed_still_creates_the_session_and_says_so_next_to_it(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var body = Request();
        body["enable_sharing"] = true;
        var reply = await emu.CallAsync("api/public/request_kasm", body);
        Assert.Equal(200, reply.Status);
        Assert.Equal("Failed to create Share ID", reply.ErrorMessage);
        string kasmId = reply.Json["kasm_id"]!.GetValue<string>();
        Assert.Equal(profile == "kasm-1.19", reply.Json.ContainsKey("share_id"));
        Assert.Null(reply.Json["share_id"]);
        var session = Assert.Single(emu.Emulator.State.Sessions);
        Assert.Equal(Guid.Parse(kasmId), session.KasmId);
        Assert.Null(session.ShareId);
    }

    [Fact]
    public async Task Session_moves_through_states_to_running()
    {
        await using var emu = await TestEmulator.StartAsync(configure: o => o.SessionStartDelayMs = 600_000);
        var o = (await emu.CallAsync("api/public/request_kasm", Request())).Json;
        string kasmId = o["kasm_id"]!.GetValue<string>();
        var early = await emu.CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId });
        // 1.15 public: only error_message while not running, HTTP 200, no kasm key.
        Assert.Equal(200, early.Status);
        Assert.Matches("^This session is currently (requested|provisioning|assigned|starting)\\.$", early.ErrorMessage);
        Assert.Single(early.Json);

        // The session is driven through its states (no delay to race); get_kasms names each one.
        var seen = new List<string>();
        foreach (var state in new[] { "requested", "provisioning", "assigned", "starting", "running" })
        {
            emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), state);
            var kasms = (await emu.CallAsync("api/public/get_kasms")).Json["kasms"]!.AsArray();
            seen.Add(kasms.Single()!["operational_status"]!.GetValue<string>());
        }
        Assert.Equal(new[] { "requested", "provisioning", "assigned", "starting", "running" }, seen);

        var running = await emu.WaitRunningAsync(kasmId, Seeded.PlainUserId);
        var kasm = running["kasm"]!.AsObject();
        string hex = kasmId.Replace("-", "", StringComparison.Ordinal);
        Assert.Equal(hex, kasm["kasm_id"]!.GetValue<string>());
        Assert.Equal("running", kasm["operational_status"]!.GetValue<string>());
        Assert.Equal(2.0, kasm["cores"]!.GetValue<double>());
        Assert.Equal(2768000000L, kasm["memory"]!.GetValue<long>());
        Assert.Matches(Formats.Hex32, kasm["server_id"]!.GetValue<string>());
        Assert.Equal($"desktop/{kasmId}/vnc", kasm["port_map"]!["vnc"]!["path"]!.GetValue<string>());
        Assert.Equal("kasmweb/chrome:1.15.0", kasm["image"]!["name"]!.GetValue<string>());
        Assert.IsType<JsonObject>(kasm["client_settings"]);
        foreach (var field in new[] { "start_date", "keepalive_date", "expiration_date", "created_date" })
            Assert.Matches(Formats.Timestamp, kasm[field]!.GetValue<string>());
        Assert.Matches(Formats.Timestamp, running["current_time"]!.GetValue<string>());
        string url = running["kasm_url"]!.GetValue<string>();
        Assert.StartsWith($"/#/connect/kasm/{hex}/{Seeded.PlainUserDashed}/", url);
        var again = await emu.WaitRunningAsync(kasmId, Seeded.PlainUserId);
        Assert.NotEqual(url, again["kasm_url"]!.GetValue<string>()); // a fresh token every call
    }

    [Fact]
    public async Task Status_while_starting_includes_operational_fields_in_1_19()
    {
        await using var emu = await TestEmulator.StartAsync("kasm-1.19", o => o.SessionStartDelayMs = 600_000);
        var o = (await emu.CallAsync("api/public/request_kasm", Request())).Json;
        var reply = await emu.CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = o["kasm_id"]!.DeepClone(), ["user_id"] = Seeded.PlainUserId });
        Assert.Equal(200, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
        Assert.False(reply.Json.ContainsKey("kasm"));
        Assert.Contains(reply.Json["operational_status"]!.GetValue<string>(), new[] { "requested", "provisioning" });
        Assert.InRange(reply.Json["operational_progress"]!.GetValue<int>(), 0, 100);
        Assert.NotNull(reply.Json["operational_message"]);
    }

    [Fact]
    public async Task Get_kasm_status_without_user_id_crashes_like_1_15()
    {
        await using var emu = await TestEmulator.StartAsync();
        var o = (await emu.CallAsync("api/public/request_kasm", Request())).Json;
        var reply = await emu.CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = o["kasm_id"]!.DeepClone() });
        Assert.Equal(500, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
    }

    [Fact]
    public async Task Get_kasms_shapes_and_the_empty_quirk()
    {
        await using var emu115 = await TestEmulator.StartAsync();
        var empty = (await emu115.CallAsync("api/public/get_kasms")).Json;
        Assert.Empty(empty["kasms"]!.AsArray());
        Assert.False(empty.ContainsKey("current_time"));

        await emu115.CallAsync("api/public/request_kasm", Request());
        var one = (await emu115.CallAsync("api/admin/get_kasms")).Json;
        var entry = one["kasms"]!.AsArray().Single()!;
        Assert.Equal("user@kasm.local", entry["user"]!["username"]!.GetValue<string>());
        Assert.True(entry["server"]!.AsObject().ContainsKey("hostname"));
        Assert.Matches(Formats.Timestamp, one["current_time"]!.GetValue<string>());

        await using var emu119 = await TestEmulator.StartAsync("kasm-1.19");
        Assert.True((await emu119.CallAsync("api/public/get_kasms")).Json.ContainsKey("current_time"));
    }

    [Fact]
    public async Task Get_kasm_and_get_user_kasms()
    {
        await using var emu = await TestEmulator.StartAsync();
        string kasmId = (await emu.CallAsync("api/public/request_kasm", Request())).Json["kasm_id"]!.GetValue<string>();
        var one = await emu.CallAsync("api/public/get_kasm", new JsonObject { ["target_kasm"] = new JsonObject { ["kasm_id"] = kasmId } });
        Assert.Equal(kasmId.Replace("-", "", StringComparison.Ordinal), one.Json["kasm"]!["kasm_id"]!.GetValue<string>());
        var missing = await emu.CallAsync("api/public/get_kasm", new JsonObject { ["target_kasm"] = new JsonObject { ["kasm_id"] = Guid.NewGuid().ToString("N") } });
        Assert.Equal(200, missing.Status);
        Assert.NotNull(missing.ErrorMessage);
        var mine = await emu.CallAsync("api/public/get_user_kasms", new JsonObject { ["user_id"] = Seeded.PlainUserId });
        Assert.Single(mine.Json["kasms"]!.AsArray());
        var admins = await emu.CallAsync("api/public/get_user_kasms", new JsonObject { ["user_id"] = Seeded.AdminUserId });
        Assert.Empty(admins.Json["kasms"]!.AsArray());
    }

    [Theory]
    [InlineData("kasm-1.15", 400)]
    [InlineData("seed", 404)]
    public async Task Destroy_then_the_kasm_id_is_gone(string profile, int goneStatus)
    {
        await using var emu = await TestEmulator.StartAsync(profile, o => o.DestroyDelayMs = 600_000);
        string kasmId = (await emu.CallAsync("api/public/request_kasm", Request())).Json["kasm_id"]!.GetValue<string>();
        var destroy = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId });
        Assert.Equal(200, destroy.Status);
        Assert.Equal("{}", destroy.Text);

        var kasms = (await emu.CallAsync("api/public/get_kasms")).Json["kasms"]!.AsArray();
        Assert.Equal("deleting", kasms.Single()!["operational_status"]!.GetValue<string>());

        emu.Emulator.SetSessionStatus(Guid.Parse(kasmId), "gone"); // the deletion finishes
        var after = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId });
        Assert.Equal(goneStatus, after.Status);
        Assert.Equal($"Invalid kasm_id ({kasmId})", after.ErrorMessage);
        Assert.Empty(emu.Emulator.State.Sessions);
    }

    [Fact]
    public async Task Destroyed_session_disappears_once_its_destroy_delay_has_passed()
    {
        // Delay 0: the deletion has finished by the next request, whatever the machine's speed.
        await using var emu = await TestEmulator.StartAsync(configure: o => o.DestroyDelayMs = 0);
        string kasmId = (await emu.CallAsync("api/public/request_kasm", Request())).Json["kasm_id"]!.GetValue<string>();
        Assert.Equal("{}", (await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId })).Text);
        Assert.Empty((await emu.CallAsync("api/public/get_kasms")).Json["kasms"]!.AsArray());
        Assert.Empty(emu.Emulator.State.Sessions);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Destroy_without_user_id_is_an_html_500_and_ends_nothing(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        string kasmId = (await emu.CallAsync("api/public/request_kasm", Request())).Json["kasm_id"]!.GetValue<string>();
        // Even the demo key (Global Admin, so Sessions Delete) needs the owner's user_id on real servers.
        var reply = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId });
        Assert.Equal(500, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
        Assert.Null(emu.Emulator.State.Sessions.Single().DestroyRequested);
    }

    [Fact]
    public async Task Seed_destroy_of_someone_elses_session_needs_only_sessions_delete()
    {
        await using var emu = await TestEmulator.StartAsync("seed");
        string kasmId = (await emu.CallAsync("api/public/request_kasm", Request())).Json["kasm_id"]!.GetValue<string>();
        // The seed document's destroy_kasm sends kasm_id alone; the demo key holds Sessions Delete.
        var reply = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId });
        Assert.Equal("{}", reply.Text);
        Assert.NotNull(emu.Emulator.State.Sessions.Single().DestroyRequested);
    }

    [Theory]
    [InlineData("kasm-1.15", true)]
    [InlineData("kasm-1.19", true)]
    [InlineData("seed", false)]
    public async Task Second_destroy_while_deleting(string profile, bool accepted)
    {
        await using var emu = await TestEmulator.StartAsync(profile, o => o.DestroyDelayMs = 60_000);
        string kasmId = (await emu.CallAsync("api/public/request_kasm", Request())).Json["kasm_id"]!.GetValue<string>();
        var body = new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId };
        Assert.Equal("{}", (await emu.CallAsync("api/public/destroy_kasm", body)).Text);
        var again = await emu.CallAsync("api/public/destroy_kasm", body.DeepClone().AsObject());
        Assert.Equal(accepted, again.ErrorMessage is null);
        Assert.NotNull(emu.Emulator.State.Sessions.Single().DestroyRequested);
    }

    [Theory]
    [InlineData("kasm-1.15", 200)]
    [InlineData("seed", 400)]
    public async Task Per_user_limit(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        Assert.Equal(200, (await emu.CallAsync("api/public/request_kasm", Request())).Status);
        Assert.Equal(200, (await emu.CallAsync("api/public/request_kasm", Request(imageId: Seeded.TerminalImageId))).Status);
        var third = await emu.CallAsync("api/public/request_kasm", Request());
        Assert.Equal(status, third.Status);
        Assert.Equal("Kasm limit exceeded for user: (user@kasm.local)", third.ErrorMessage);
        Assert.Equal(2, emu.Emulator.State.Sessions.Count);
    }

    [Fact]
    public async Task Licence_limit_counts_all_users()
    {
        await using var emu = await TestEmulator.StartAsync(configure: o => o.LicenseLimit = 3);
        for (int i = 0; i < 3; i++)
            Assert.Equal(200, (await emu.CallAsync("api/public/request_kasm", new JsonObject { ["image_id"] = Seeded.ChromeImageId })).Status);
        var fourth = await emu.CallAsync("api/public/request_kasm", new JsonObject { ["image_id"] = Seeded.ChromeImageId });
        Assert.Equal(200, fourth.Status);
        Assert.Contains("license limit", fourth.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(3, emu.Emulator.State.Sessions.Count);
    }

    [Fact]
    public async Task Without_user_id_an_anonymous_user_is_created()
    {
        await using var emu = await TestEmulator.StartAsync();
        var o = (await emu.CallAsync("api/public/request_kasm", new JsonObject { ["image_id"] = Seeded.ChromeImageId })).Json;
        Assert.Matches("^anon_[a-z0-9]{16}$", o["username"]!.GetValue<string>());
        var user = emu.Emulator.State.Users.Single(u => u.Anonymous);
        Assert.Equal(o["user_id"]!.GetValue<string>(), user.UserId.ToString("N"));
        // get_users hides anonymous users unless asked.
        var listed = (await emu.CallAsync("api/public/get_users")).Json["users"]!.AsArray();
        Assert.DoesNotContain(listed, u => u!["anonymous"]!.GetValue<bool>());
        var withAnon = (await emu.CallAsync("api/public/get_users", new JsonObject { ["anonymous"] = true })).Json["users"]!.AsArray();
        Assert.Contains(withAnon, u => u!["anonymous"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData(null, "No Default Image Found")]
    [InlineData(Seeded.EdgeDisabledImageId, "Image Not Authorized")]
    [InlineData(Seeded.BlenderUnavailableImageId, "No resources are available")]
    [InlineData("0123456789abcdef0123456789abcdef", "Unknown image_id")]
    public async Task Image_problems_are_200_errors(string? imageId, string expected)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = new JsonObject { ["user_id"] = Seeded.PlainUserId };
        if (imageId is not null) body["image_id"] = imageId;
        var reply = await emu.CallAsync("api/public/request_kasm", body);
        Assert.Equal(200, reply.Status);
        Assert.Contains(expected, reply.ErrorMessage);
        Assert.Empty(emu.Emulator.State.Sessions);
    }

    [Fact]
    public async Task Request_kasm_needs_user_permission()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/request_kasm", new JsonObject { ["image_id"] = Seeded.ChromeImageId }, "imagesonly");
        Assert.Equal(401, reply.Status);
    }
}
