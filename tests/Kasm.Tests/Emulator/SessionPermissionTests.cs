using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>The five session-permission methods (docs/kasm-api.md#session-permissions), in every profile.</summary>
public class SessionPermissionTests
{
    private const string Api = "api/public/";

    private static async Task<TestEmulator> StartAsync(string profile) =>
        await TestEmulator.StartAsync(profile, o => o.SessionStartDelayMs = 0);

    private static async Task<string> SessionAsync(TestEmulator emu) =>
        (await emu.CallAsync(Api + "request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId }))
            .Json["kasm_id"]!.GetValue<string>();

    private static JsonObject Wrap(JsonObject target) => new() { ["target_session_permissions"] = target };

    private static JsonObject Grant(string kasmId, string userId, string access) => Wrap(new JsonObject
    {
        ["kasm_id"] = kasmId,
        ["session_permissions"] = new JsonArray(new JsonObject { ["user_id"] = userId, ["access"] = access }),
    });

    private static async Task<JsonArray> ListAsync(TestEmulator emu, string kasmId) =>
        (await emu.CallAsync(Api + "get_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId }))).Json["session_permissions"]!.AsArray();

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Set_replaces_a_users_permission_and_get_finds_it_by_session_user_or_id(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await SessionAsync(emu);
        var set = await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "r"));
        Assert.Equal(200, set.Status);
        var first = set.Json["session_permissions"]![0]!;
        Assert.Equal("r", first["access"]!.GetValue<string>());
        Assert.Equal(Seeded.AdminUserId, first["user_id"]!.GetValue<string>());
        Assert.Equal("admin@kasm.local", first["username"]!.GetValue<string>());
        string permissionId = first["session_permission_id"]!.GetValue<string>();
        Assert.Matches(Formats.Hex32, permissionId);

        await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "rw"));
        var listed = await ListAsync(emu, kasmId);
        var only = Assert.Single(listed);
        Assert.Equal("rw", only!["access"]!.GetValue<string>());
        Assert.Equal(permissionId, only["session_permission_id"]!.GetValue<string>());

        var byUser = await emu.CallAsync(Api + "get_session_permissions", Wrap(new JsonObject { ["user_id"] = Seeded.AdminUserId }));
        Assert.Single(byUser.Json["session_permissions"]!.AsArray());
        var byId = await emu.CallAsync(Api + "get_session_permissions", Wrap(new JsonObject { ["session_permission_id"] = permissionId }));
        Assert.Single(byId.Json["session_permissions"]!.AsArray());
        var otherUser = await emu.CallAsync(Api + "get_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId }));
        Assert.Empty(otherUser.Json["session_permissions"]!.AsArray());

        var readOnly = await emu.CallAsync(Api + "get_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId }), "readonly");
        Assert.Equal(200, readOnly.Status);
        Assert.Equal(401, (await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "r"), "readonly")).Status);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Set_all_changes_only_existing_permissions_and_delete_all_clears_them(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await SessionAsync(emu);
        var none = await emu.CallAsync(Api + "set_all_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId, ["access"] = "rw" }));
        Assert.Equal(200, none.Status);
        Assert.Empty(none.Json["session_permissions"]!.AsArray());

        await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "r"));
        var all = await emu.CallAsync(Api + "set_all_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId, ["access"] = "rw" }));
        Assert.Equal("rw", Assert.Single(all.Json["session_permissions"]!.AsArray())!["access"]!.GetValue<string>());

        var cleared = await emu.CallAsync(Api + "delete_all_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId }));
        Assert.Equal(200, cleared.Status);
        Assert.Empty(cleared.Json);
        Assert.Empty(await ListAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Refusals_are_400_on_the_public_mount_and_a_failed_delete_keeps_everything(string profile)
    {
        await using var emu = await StartAsync(profile);
        string kasmId = await SessionAsync(emu);
        var nothing = await emu.CallAsync(Api + "get_session_permissions", Wrap(new JsonObject()));
        Assert.Equal(400, nothing.Status);
        Assert.Equal("Invalid Request: Missing required parameters", nothing.ErrorMessage);
        Assert.Equal(400, (await emu.CallAsync(Api + "get_session_permissions", new JsonObject())).Status);

        var noUser = await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, "00000000000040008000000000000000", "r"));
        Assert.Equal(400, noUser.Status);
        Assert.Equal("No user found with id: (00000000000040008000000000000000)", noUser.ErrorMessage);
        var noSession = await emu.CallAsync(Api + "set_session_permissions", Grant("00000000000040008000000000000000", Seeded.AdminUserId, "r"));
        Assert.Equal(400, noSession.Status);
        Assert.Equal(400, (await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "x"))).Status);
        Assert.Equal(400, (await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "rr"))).Status);

        var notHeld = await emu.CallAsync(Api + "delete_session_permissions",
            Wrap(new JsonObject { ["kasm_id"] = kasmId, ["user_ids"] = new JsonArray(Seeded.AdminUserId) }));
        Assert.Equal(400, notHeld.Status);

        await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "rw"));
        emu.Emulator.Settings.SessionPermissionVncFails = true;
        var failed = await emu.CallAsync(Api + "delete_session_permissions",
            Wrap(new JsonObject { ["kasm_id"] = kasmId, ["user_ids"] = new JsonArray(Seeded.AdminUserId) }));
        Assert.Equal(500, failed.Status);
        Assert.StartsWith("Failed to delete session_permission_ids", failed.ErrorMessage);
        Assert.Equal(500, (await emu.CallAsync(Api + "delete_all_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId }))).Status);
        Assert.Single(await ListAsync(emu, kasmId));

        emu.Emulator.Settings.SessionPermissionVncFails = false;
        var deleted = await emu.CallAsync(Api + "delete_session_permissions",
            Wrap(new JsonObject { ["kasm_id"] = kasmId, ["user_ids"] = new JsonArray(Seeded.AdminUserId) }));
        Assert.Equal(200, deleted.Status);
        Assert.Empty(await ListAsync(emu, kasmId));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Ending_the_share_drops_view_only_permissions_and_keeps_control(string profile)
    {
        await using var emu = await StartAsync(profile);
        emu.Emulator.Settings.AllowKasmSharing = true;
        string kasmId = await SessionAsync(emu);
        await emu.WaitRunningAsync(kasmId, Seeded.PlainUserId);
        var target = new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId };
        Assert.Null((await emu.CallAsync(Api + "create_kasm_share_id", target)).ErrorMessage);
        await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.AdminUserId, "r"));
        await emu.CallAsync(Api + "set_session_permissions", Grant(kasmId, Seeded.PlainUserId, "rw"));
        Assert.Equal(2, (await ListAsync(emu, kasmId)).Count);

        Assert.Equal(200, (await emu.CallAsync(Api + "delete_kasm_share_id", target.DeepClone().AsObject())).Status);
        var left = Assert.Single(await ListAsync(emu, kasmId));
        Assert.Equal("rw", left!["access"]!.GetValue<string>());
    }

    [Fact]
    public async Task Session_permissions_are_not_on_the_admin_mount()
    {
        await using var emu = await StartAsync("kasm-1.15");
        string kasmId = await SessionAsync(emu);
        var reply = await emu.CallAsync("api/admin/get_session_permissions", Wrap(new JsonObject { ["kasm_id"] = kasmId }));
        Assert.NotEqual(200, reply.Status);
    }
}
