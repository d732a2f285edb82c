using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>create_user, get_user, get_users, update_user (docs/kasm-api.md#users).</summary>
public class UserTests
{
    private static JsonObject Target(JsonObject user) => new() { ["target_user"] = user };

    [Fact]
    public async Task Create_user_trims_lowercases_and_joins_all_users()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/create_user", Target(new JsonObject
        {
            ["username"] = "  Alice@Example.COM ",
            ["first_name"] = "Alice",
            ["phone"] = new string('5', 80),
        }));
        Assert.Equal(200, reply.Status);
        var user = reply.Json["user"]!.AsObject();
        Assert.Equal("alice@example.com", user["username"]!.GetValue<string>());
        Assert.Matches(Formats.Hex32, user["user_id"]!.GetValue<string>());
        Assert.Equal(64, user["phone"]!.GetValue<string>().Length);
        Assert.Null(user["last_session"]);
        Assert.Equal("local", user["realm"]!.GetValue<string>());
        var group = user["groups"]!.AsArray().Single()!;
        Assert.Equal(Seeded.AllUsersGroupId, group["group_id"]!.GetValue<string>());
        Assert.Equal("All Users", group["name"]!.GetValue<string>());
        Assert.Equal(12, user.Count);
    }

    [Theory]
    [InlineData("kasm-1.15", "api/public/create_user", 400)]
    [InlineData("kasm-1.15", "api/admin/create_user", 200)]
    [InlineData("kasm-1.19", "api/public/create_user", 400)]
    [InlineData("seed", "api/admin/create_user", 400)]
    [InlineData("seed", "api/public/create_user", 400)]
    public async Task Duplicate_user_status_depends_on_mount(string profile, string path, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync(path, Target(new JsonObject { ["username"] = "USER@kasm.local", ["password"] = "Secret-123" }));
        Assert.Equal(status, reply.Status);
        Assert.Contains("already exists", reply.ErrorMessage);
        Assert.Equal(profile == "seed", reply.Json.ContainsKey("status"));
    }

    [Theory]
    [InlineData("kasm-1.15", "api/admin/create_user", false)]
    [InlineData("kasm-1.15", "api/public/create_user", true)]
    [InlineData("seed", "api/admin/create_user", true)]
    public async Task Password_is_required_only_on_the_kasm_admin_mount(string profile, string path, bool created)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync(path, Target(new JsonObject { ["username"] = "nopass@example.com" }));
        Assert.Equal(created, reply.Json.ContainsKey("user"));
        Assert.Equal(created, emu.Emulator.State.Users.Any(u => u.Username == "nopass@example.com"));
    }

    [Fact]
    public async Task Get_users_uses_dashed_ids_and_the_none_string()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/get_users");
        var users = reply.Json["users"]!.AsArray();
        Assert.Equal(2, reply.Json["total"]!.GetValue<int>());
        var plain = users.Single(u => u!["username"]!.GetValue<string>() == "user@kasm.local")!;
        Assert.Equal(Seeded.PlainUserDashed, plain["user_id"]!.GetValue<string>());
        Assert.Equal("None", plain["last_session"]!.GetValue<string>());
        Assert.Matches(Formats.Timestamp, plain["created"]!.GetValue<string>());
        Assert.Equal(2, users.Single(u => u!["username"]!.GetValue<string>() == "admin@kasm.local")!["groups"]!.AsArray().Count);

        await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId });
        var after = (await emu.CallAsync("api/admin/get_users")).Json["users"]!.AsArray()
            .Single(u => u!["username"]!.GetValue<string>() == "user@kasm.local")!;
        Assert.Matches(Formats.Timestamp, after["last_session"]!.GetValue<string>());
        Assert.Single(after["kasms"]!.AsArray());
    }

    [Fact]
    public async Task Get_users_paging()
    {
        await using var emu = await TestEmulator.StartAsync();
        var page = (await emu.CallAsync("api/public/get_users", new JsonObject { ["page"] = 2, ["page_size"] = 1 })).Json;
        Assert.Equal(2, page["page"]!.GetValue<int>());
        Assert.Equal(2, page["total"]!.GetValue<int>());
        Assert.Single(page["users"]!.AsArray());
    }

    [Fact]
    public async Task Get_users_with_nobody_is_an_empty_object_in_1_15()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/get_users", new JsonObject { ["anonymous_only"] = true });
        Assert.Equal("{}", reply.Text);
    }

    [Fact]
    public async Task Get_user_by_id_or_name_id_wins()
    {
        await using var emu = await TestEmulator.StartAsync();
        var byName = await emu.CallAsync("api/public/get_user", Target(new JsonObject { ["username"] = "admin@kasm.local" }));
        Assert.Equal(Seeded.AdminUserId, byName.Json["user"]!["user_id"]!.GetValue<string>());
        var both = await emu.CallAsync("api/public/get_user", Target(new JsonObject { ["user_id"] = Seeded.PlainUserDashed, ["username"] = "admin@kasm.local" }));
        var user = both.Json["user"]!.AsObject();
        Assert.Equal("user@kasm.local", user["username"]!.GetValue<string>());
        Assert.True(user.ContainsKey("kasms"));
        Assert.Matches(Formats.Timestamp, user["created"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("kasm-1.15", 400)]
    [InlineData("seed", 404)]
    public async Task Get_user_unknown(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/get_user", Target(new JsonObject { ["username"] = "ghost@example.com" }));
        Assert.Equal(status, reply.Status);
    }

    [Fact]
    public async Task Update_user_changes_only_the_given_fields()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/update_user", Target(new JsonObject
        {
            ["user_id"] = Seeded.PlainUserId,
            ["username"] = "user@kasm.local",
            ["last_name"] = "Changed",
            ["locked"] = true,
            ["phone"] = null,
        }));
        Assert.Equal(200, reply.Status);
        var user = reply.Json["user"]!.AsObject();
        Assert.Equal("Changed", user["last_name"]!.GetValue<string>());
        Assert.Equal("Demo", user["first_name"]!.GetValue<string>());
        Assert.Equal("Example", user["organization"]!.GetValue<string>());
        Assert.True(user["locked"]!.GetValue<bool>());
        Assert.Equal(12, user.Count);
    }

    [Theory]
    [InlineData("api/public/update_user", 400)]
    [InlineData("api/admin/update_user", 200)]
    public async Task Update_user_without_username(string path, int status)
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync(path, Target(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["last_name"] = "X" }));
        Assert.Equal(status, reply.Status);
        Assert.Equal("Username is not present", reply.ErrorMessage);
        Assert.Equal("User", emu.Emulator.State.Users.Single(u => u.Username == "user@kasm.local").LastName);
    }

    [Fact]
    public async Task Update_user_password_policy_and_unlock()
    {
        await using var emu = await TestEmulator.StartAsync();
        var weak = await emu.CallAsync("api/public/update_user", Target(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["username"] = "user@kasm.local", ["password"] = "short" }));
        Assert.Equal(400, weak.Status);
        await emu.CallAsync("api/public/update_user", Target(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["username"] = "user@kasm.local", ["locked"] = true }));
        var strong = await emu.CallAsync("api/public/update_user", Target(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["username"] = "user@kasm.local", ["password"] = "Longer-Pass1" }));
        Assert.False(strong.Json["user"]!["locked"]!.GetValue<bool>());
    }

    [Fact]
    public async Task User_methods_need_their_permissions()
    {
        await using var emu = await TestEmulator.StartAsync();
        Assert.Equal(401, (await emu.CallAsync("api/public/get_users", keyName: "imagesonly")).Status);
        Assert.Equal(401, (await emu.CallAsync("api/public/create_user", Target(new JsonObject { ["username"] = "x@y.z" }), "imagesonly")).Status);
        Assert.Equal(401, (await emu.CallAsync("api/admin/update_user", Target(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["username"] = "user@kasm.local" }), "imagesonly")).Status);
    }
}
