using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>delete_user, logout_user, get_login, get_attributes, update_user_attributes (docs/kasm-api.md#users), per profile.</summary>
public class UserAdminTests
{
    private static readonly EmulatorKey Deleter = new()
    {
        Name = "deleter", ApiKey = "UserDelete01", ApiKeySecret = "UserDeleteSecret0000000000000001",
        Permissions = ["Users Delete", "Users View", "Users Modify"],
    };

    private static Task<TestEmulator> StartAsync(string profile = "kasm-1.15") =>
        TestEmulator.StartAsync(profile, o => { o.SessionStartDelayMs = 0; o.AdditionalKeys = [Deleter]; });

    private static JsonObject TargetUser(string userId) => new() { ["target_user"] = new JsonObject { ["user_id"] = userId } };

    private static async Task StartSessionAsync(TestEmulator emu, string userId = Seeded.PlainUserId) =>
        Assert.Equal(200, (await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = userId, ["image_id"] = Seeded.ChromeImageId })).Status);

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Delete_user_needs_force_for_a_user_with_sessions_and_then_ends_them(string profile)
    {
        await using var emu = await StartAsync(profile);
        await StartSessionAsync(emu);
        var refused = await emu.CallAsync("api/public/delete_user", new JsonObject { ["target_user"] = new JsonObject { ["user_id"] = Seeded.PlainUserId }, ["force"] = false });
        Assert.Equal(400, refused.Status);
        Assert.Single(emu.Emulator.State.Sessions);
        var forced = await emu.CallAsync("api/public/delete_user", new JsonObject { ["target_user"] = new JsonObject { ["user_id"] = Seeded.PlainUserId }, ["force"] = true });
        Assert.Equal(200, forced.Status);
        Assert.Empty(forced.Json);
        Assert.Empty(emu.Emulator.State.Sessions);
        Assert.DoesNotContain(emu.Emulator.State.Users, u => u.UserId == Guid.Parse(Seeded.PlainUserId));
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)] // the in-handler refusal answers as a missing permission does (ErrorMapper)
    public async Task Delete_user_force_without_sessions_delete_or_an_admin_without_modify_admin_is_unauthorized(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        await StartSessionAsync(emu);
        var body = TargetUser(Seeded.PlainUserId);
        body["force"] = true;
        Assert.Equal(status, (await emu.CallAsync("api/public/delete_user", body, "deleter")).Status);
        Assert.Equal(status, (await emu.CallAsync("api/public/delete_user", TargetUser(Seeded.AdminUserId), "deleter")).Status);
        Assert.Equal(2, emu.Emulator.State.Users.Count(u => !u.Anonymous));
    }

    [Fact]
    public async Task Delete_user_refuses_a_force_that_is_not_a_boolean()
    {
        await using var emu = await StartAsync();
        var body = TargetUser(Seeded.PlainUserId);
        body["force"] = "true";
        var reply = await emu.CallAsync("api/public/delete_user", body);
        Assert.NotNull(reply.ErrorMessage);
        Assert.Contains(emu.Emulator.State.Users, u => u.UserId == Guid.Parse(Seeded.PlainUserId));
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_login_makes_an_https_link_on_the_request_host_and_logout_user_removes_every_token(string profile)
    {
        await using var emu = await StartAsync(profile);
        var first = await emu.CallAsync("api/public/get_login", TargetUser(Seeded.PlainUserId), "readonly");
        Assert.Equal(200, first.Status);
        string url = first.Json["url"]!.GetValue<string>();
        Assert.Matches($"^https://{System.Text.RegularExpressions.Regex.Escape(emu.Emulator.Url.Authority)}/#/connect/login/dash/{Seeded.PlainUserId}/[0-9a-f-]{{36}}$", url);
        await emu.CallAsync("api/public/get_login", TargetUser(Seeded.PlainUserId));
        var user = emu.Emulator.State.Users.Single(u => u.UserId == Guid.Parse(Seeded.PlainUserId));
        Assert.Equal(2, user.LoginTokens.Count);
        var logout = await emu.CallAsync("api/public/logout_user", TargetUser(Seeded.PlainUserId));
        Assert.Equal(200, logout.Status);
        Assert.Empty(user.LoginTokens);
        Assert.Equal(404, (await emu.CallAsync("api/admin/get_login", TargetUser(Seeded.PlainUserId))).Status);
    }

    [Theory]
    [InlineData("kasm-1.15", 400)]
    [InlineData("seed", 404)]
    public async Task Logout_user_and_get_login_refuse_an_unknown_user(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        string unknown = Guid.NewGuid().ToString("N");
        Assert.Equal(status, (await emu.CallAsync("api/public/logout_user", TargetUser(unknown))).Status);
        Assert.Equal(status, (await emu.CallAsync("api/public/get_login", TargetUser(unknown))).Status);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Update_user_attributes_changes_only_what_is_sent_and_a_read_only_key_may_call_it(string profile)
    {
        await using var emu = await StartAsync(profile);
        var update = new JsonObject
        {
            ["target_user_attributes"] = new JsonObject { ["user_id"] = Seeded.PlainUserId, ["default_image"] = Seeded.ChromeImageId, ["theme"] = "Dark" },
        };
        var reply = await emu.CallAsync("api/public/update_user_attributes", update, "readonly");
        Assert.Equal(200, reply.Status);
        Assert.Empty(reply.Json);
        var a = (await emu.CallAsync("api/public/get_attributes", TargetUser(Seeded.PlainUserId))).Json["user_attributes"]!;
        Assert.Equal(Seeded.ChromeImageId, a["default_image"]!.GetValue<string>());
        Assert.Equal("Dark", a["theme"]!.GetValue<string>());
        Assert.Equal("Auto", a["preferred_language"]!.GetValue<string>());
        Assert.True(a["show_tips"]!.GetValue<bool>());

        var clear = new JsonObject { ["target_user_attributes"] = new JsonObject { ["user_id"] = Seeded.PlainUserId, ["default_image"] = null } };
        Assert.Equal(200, (await emu.CallAsync("api/public/update_user_attributes", clear)).Status);
        Assert.Null((await emu.CallAsync("api/public/get_attributes", TargetUser(Seeded.PlainUserId))).Json["user_attributes"]!["default_image"]);
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)]
    public async Task Attributes_of_an_administrator_need_users_modify_admin_and_get_attributes_reads_by_username(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        var update = new JsonObject { ["target_user_attributes"] = new JsonObject { ["user_id"] = Seeded.AdminUserId, ["theme"] = "Dark" } };
        Assert.Equal(status, (await emu.CallAsync("api/public/update_user_attributes", update, "deleter")).Status);
        var byName = await emu.CallAsync("api/public/get_attributes", new JsonObject { ["target_user"] = new JsonObject { ["username"] = "admin@kasm.local" } });
        Assert.Equal(Seeded.AdminUserId, byName.Json["user_attributes"]!["user_id"]!.GetValue<string>());
        Assert.Equal("Light", byName.Json["user_attributes"]!["theme"]!.GetValue<string>());
    }
}
