using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>Checks that only show with keys narrower than the fixed ones (ownership, internal and target-level checks).</summary>
public class NarrowKeyTests
{
    private static readonly EmulatorKey SessionUser = new()
    {
        Name = "sessionuser", ApiKey = "SessionUser1", ApiKeySecret = "SessionUserSecret000000000000001",
        Permissions = ["User", "Users Auth Session"],
    };

    private static readonly EmulatorKey UserModifier = new()
    {
        Name = "usermodifier", ApiKey = "UserModify01", ApiKeySecret = "UserModifySecret0000000000000001",
        Permissions = ["User", "Users View", "Users Modify"],
    };

    private static readonly EmulatorKey UsersViewOnly = new()
    {
        Name = "usersview", ApiKey = "UsersView001", ApiKeySecret = "UsersViewSecret00000000000000001",
        Permissions = ["Users View"],
    };

    private static Task<TestEmulator> StartAsync(string profile = "kasm-1.15") =>
        TestEmulator.StartAsync(profile, o => o.AdditionalKeys = [SessionUser, UserModifier, UsersViewOnly]);

    [Theory]
    [InlineData("kasm-1.15", 200)]
    [InlineData("seed", 403)]
    public async Task Destroying_someone_elses_session_needs_sessions_delete(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        var request = new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId };
        string kasmId = (await emu.CallAsync("api/public/request_kasm", request, "sessionuser")).Json["kasm_id"]!.GetValue<string>();

        var notOwner = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.AdminUserId }, "sessionuser");
        Assert.Equal(status, notOwner.Status);
        Assert.Equal("Unauthorized attempt to delete session", notOwner.ErrorMessage);
        var noUser = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId }, "sessionuser");
        // Real servers fail without user_id with an HTML 500 (the seed document answers its 403).
        Assert.Equal(profile == "seed" ? status : 500, noUser.Status);
        Assert.Null(emu.Emulator.State.Sessions.Single().DestroyRequested);

        var owner = await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId }, "sessionuser");
        Assert.Equal("{}", owner.Text);
    }

    [Fact]
    public async Task Get_kasm_status_of_another_users_session_is_denied()
    {
        await using var emu = await StartAsync();
        string kasmId = (await emu.CallAsync("api/public/request_kasm",
            new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId })).Json["kasm_id"]!.GetValue<string>();
        var reply = await emu.CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.AdminUserId }, "sessionuser");
        Assert.Equal(200, reply.Status);
        Assert.Equal("Access Denied", reply.ErrorMessage);
    }

    [Fact]
    public async Task Modifying_an_administrator_needs_users_modify_admin()
    {
        await using var emu = await StartAsync();
        var admin = await emu.CallAsync("api/public/update_user", new JsonObject
        {
            ["target_user"] = new JsonObject { ["user_id"] = Seeded.AdminUserId, ["username"] = "admin@kasm.local", ["notes"] = "x" },
        }, "usermodifier");
        Assert.Equal(401, admin.Status);
        var plain = await emu.CallAsync("api/public/update_user", new JsonObject
        {
            ["target_user"] = new JsonObject { ["user_id"] = Seeded.PlainUserId, ["username"] = "user@kasm.local", ["notes"] = "x" },
        }, "usermodifier");
        Assert.Equal("x", plain.Json["user"]!["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task Admin_mount_get_user_is_the_client_variant()
    {
        await using var emu = await StartAsync();
        var target = new JsonObject { ["target_user"] = new JsonObject { ["username"] = "user@kasm.local" } };
        // /api/public/get_user needs Users View only.
        Assert.Equal(200, (await emu.CallAsync("api/public/get_user", target, "usersview")).Status);
        // /api/admin/get_user: the decorator asks for User (missing here) ...
        Assert.Equal(401, (await emu.CallAsync("api/admin/get_user", target, "usersview")).Status);
        // ... and then checks Users View internally.
        Assert.Equal(401, (await emu.CallAsync("api/admin/get_user", target, "sessionuser")).Status);
        Assert.Equal(200, (await emu.CallAsync("api/admin/get_user", target, "usermodifier")).Status);
    }

    [Fact]
    public async Task Get_users_hides_groups_and_kasms_without_their_view_permissions()
    {
        await using var emu = await StartAsync();
        var users = (await emu.CallAsync("api/public/get_users", keyName: "usersview")).Json["users"]!.AsArray();
        Assert.All(users, u => Assert.Empty(u!["groups"]!.AsArray()));
        var full = (await emu.CallAsync("api/public/get_users")).Json["users"]!.AsArray();
        Assert.All(full, u => Assert.NotEmpty(u!["groups"]!.AsArray()));
    }
}
