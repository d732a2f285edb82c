using System.Text;
using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>The auth order of docs/kasm-api.md#transport-and-authentication, per profile.</summary>
public class AuthTests
{
    [Theory]
    [InlineData("kasm-1.15", 403)]
    [InlineData("kasm-1.19", 403)]
    [InlineData("seed", 401)]
    public async Task Unknown_key_or_wrong_secret(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var unknown = await emu.PostAsync("api/public/get_images", new JsonObject { ["api_key"] = "NoSuchKey001", ["api_key_secret"] = "x" });
        var wrongSecret = await emu.PostAsync("api/public/get_images", new JsonObject { ["api_key"] = TestEmulator.DemoKey, ["api_key_secret"] = "wrong" });
        Assert.Equal(status, unknown.Status);
        Assert.Equal(status, wrongSecret.Status);
        Assert.Equal("application/json", wrongSecret.ContentType);
        Assert.False(string.IsNullOrEmpty(wrongSecret.ErrorMessage));
        Assert.Equal(profile == "seed", wrongSecret.Json.ContainsKey("status"));
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    [InlineData("seed")]
    public async Task Expired_key_is_401(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/get_images", keyName: "expired");
        Assert.Equal(401, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    [InlineData("seed")]
    public async Task Read_only_key_may_read_but_not_write(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var read = await emu.CallAsync("api/public/get_images", keyName: "readonly");
        var write = await emu.CallAsync("api/public/create_user",
            new JsonObject { ["target_user"] = new JsonObject { ["username"] = "ro@example.com" } }, keyName: "readonly");
        Assert.Equal(200, read.Status);
        Assert.Equal(401, write.Status);
        Assert.DoesNotContain(emu.Emulator.State.Users, u => u.Username == "ro@example.com");
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 401)]
    [InlineData("seed", 403)]
    public async Task User_id_without_users_auth_session(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        // Step 5 runs for every method, even one that ignores user_id.
        var reply = await emu.CallAsync("api/public/get_images", new JsonObject { ["user_id"] = Seeded.PlainUserId }, keyName: "imagesonly");
        Assert.Equal(status, reply.Status);
        Assert.Contains("imagesonly", reply.ErrorMessage);
    }

    [Theory]
    [InlineData("kasm-1.15", 400)]
    [InlineData("kasm-1.19", 400)]
    [InlineData("seed", 404)]
    public async Task Unknown_user_id_and_kasm_id(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var user = await emu.CallAsync("api/public/get_images", new JsonObject { ["user_id"] = Guid.NewGuid().ToString("N") });
        var kasm = await emu.CallAsync("api/public/get_images", new JsonObject { ["kasm_id"] = Guid.NewGuid().ToString() });
        Assert.Equal(status, user.Status);
        Assert.StartsWith("Invalid user_id (", user.ErrorMessage);
        Assert.Equal(status, kasm.Status);
        Assert.StartsWith("Invalid kasm_id (", kasm.ErrorMessage);
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)]
    [InlineData("seed", 403)]
    public async Task Missing_permission(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/admin/system_info", keyName: "imagesonly");
        Assert.Equal(status, reply.Status);
        Assert.Equal("Unauthorized", reply.ErrorMessage);
        Assert.Equal(200, (await emu.CallAsync("api/public/get_images", keyName: "imagesonly")).Status);
    }

    [Fact]
    public void Global_admin_grants_everything_from_200_but_not_user()
    {
        var held = new HashSet<Permission> { Permission.GlobalAdmin };
        Assert.False(Permissions.Satisfies(held, Permission.User));
        Assert.True(Permissions.Satisfies(held, Permission.SystemView));
        Assert.True(Permissions.Satisfies(held, Permission.UsersAuthSession));
        Assert.Equal(Permission.ImagesModifyResources, Permissions.Parse("Images Modify Resources"));
    }

    [Theory]
    [InlineData("kasm-1.15", 400)]
    [InlineData("kasm-1.19", 400)]
    [InlineData("seed", 401)]
    public async Task No_credentials(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var none = await emu.PostAsync("api/public/get_images", []);
        var keyOnly = await emu.PostAsync("api/public/get_images", new JsonObject { ["api_key"] = TestEmulator.DemoKey, ["api_secret"] = TestEmulator.DemoSecret });
        Assert.Equal(status, none.Status);
        Assert.Equal(status, keyOnly.Status);
    }

    [Theory]
    [InlineData("user_id")]
    [InlineData("kasm_id")]
    public async Task Malformed_uuid_is_500_html_in_kasm_profiles(string field)
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/get_images", new JsonObject { [field] = "not-a-uuid" });
        Assert.Equal(500, reply.Status);
        Assert.Equal("text/html", reply.ContentType);
    }

    [Fact]
    public async Task Headers_are_accepted_and_win_over_the_body()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = new JsonObject { ["api_key"] = "NoSuchKey001", ["api_key_secret"] = "nope" };
        var reply = await emu.PostAsync("api/public/get_images", body, r =>
        {
            r.Headers.Add("api-key", TestEmulator.DemoKey);
            r.Headers.Add("api-key-secret", TestEmulator.DemoSecret);
        });
        Assert.Equal(200, reply.Status);
        Assert.Equal(TestEmulator.DemoKey, emu.Emulator.RequestLog[^1].ApiKey);
    }

    [Theory]
    [InlineData("kasm-1.15", 400)] // no released Kasm reads Authorization: no credentials at all
    [InlineData("kasm-1.19", 400)]
    [InlineData("seed", 200)]
    public async Task Basic_auth_per_profile(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        string basic = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{TestEmulator.DemoKey}:{TestEmulator.DemoSecret}"));
        var reply = await emu.PostAsync("api/public/get_images", [], r => r.Headers.Authorization = new("Basic", basic));
        Assert.Equal(status, reply.Status);
    }

    [Fact]
    public async Task Uuids_are_accepted_dashed_or_hex()
    {
        await using var emu = await TestEmulator.StartAsync();
        var hex = await emu.CallAsync("api/public/get_images", new JsonObject { ["user_id"] = Seeded.PlainUserId });
        var dashed = await emu.CallAsync("api/public/get_images", new JsonObject { ["user_id"] = Seeded.PlainUserDashed.ToUpperInvariant() });
        Assert.Equal(200, hex.Status);
        Assert.Equal(200, dashed.Status);
    }
}
