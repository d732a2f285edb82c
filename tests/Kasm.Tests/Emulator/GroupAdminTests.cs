using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>create_group, update_group, delete_group, get_users_group, add_user_group, remove_user_group, get/add/remove_images_group (docs/kasm-api.md#groups), per profile.</summary>
public class GroupAdminTests
{
    private const string OpsGroupId = "5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b";

    private static JsonObject Group(JsonObject fields) => new() { ["target_group"] = fields };

    private static JsonObject Membership(string userId, string groupId) => new()
    {
        ["target_user"] = new JsonObject { ["user_id"] = userId },
        ["target_group"] = new JsonObject { ["group_id"] = groupId },
    };

    [Theory]
    [InlineData("seed", 400)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Create_group_needs_a_priority_in_range_and_a_new_name(string profile, int errorStatus)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var made = await emu.CallAsync("api/public/create_group", Group(new JsonObject { ["name"] = "Sales", ["priority"] = 10 }));
        Assert.Equal(200, made.Status);
        Assert.Matches(Formats.Hex32, made.Json["group"]!["group_id"]!.GetValue<string>());
        Assert.Empty(made.Json["group_mappings"]!.AsArray());
        var again = await emu.CallAsync("api/public/create_group", Group(new JsonObject { ["name"] = "sales", ["priority"] = 10 }));
        Assert.Equal(errorStatus, again.Status);
        Assert.NotNull(again.ErrorMessage);
        var badPriority = await emu.CallAsync("api/public/create_group", Group(new JsonObject { ["name"] = "X", ["priority"] = 5000 }));
        Assert.NotNull(badPriority.ErrorMessage);
        var noPriority = await emu.CallAsync("api/public/create_group", Group(new JsonObject { ["name"] = "Y" }));
        Assert.NotNull(noPriority.ErrorMessage);
        Assert.Equal(4, (await emu.CallAsync("api/public/get_groups")).Json["groups"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("seed")]
    public async Task Update_group_changes_what_is_sent(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/update_group", Group(new JsonObject { ["group_id"] = OpsGroupId, ["priority"] = 7 }));
        Assert.Equal(7, reply.Json["group"]!["priority"]!.GetValue<int>());
        Assert.Equal("Ops", reply.Json["group"]!["name"]!.GetValue<string>());
        Assert.NotNull((await emu.CallAsync("api/public/update_group", Group(new JsonObject { ["group_id"] = Guid.NewGuid().ToString("N"), ["priority"] = 7 }))).ErrorMessage);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Delete_group_protects_built_in_groups_and_needs_force_for_members(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        Assert.NotNull((await emu.CallAsync("api/public/delete_group", new JsonObject { ["target_group"] = new JsonObject { ["group_id"] = Seeded.AllUsersGroupId }, ["force"] = true })).ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/delete_group", Group(new JsonObject { ["group_id"] = OpsGroupId }))).ErrorMessage);
        var forced = await emu.CallAsync("api/public/delete_group", new JsonObject { ["target_group"] = new JsonObject { ["group_id"] = OpsGroupId }, ["force"] = true });
        Assert.Equal(200, forced.Status);
        Assert.Empty(forced.Json);
        Assert.DoesNotContain(emu.Emulator.State.Users.Single(u => u.UserId == Guid.Parse(Seeded.PlainUserId)).GroupIds, g => g == Guid.Parse(OpsGroupId));
    }

    [Theory]
    [InlineData("seed", 400)]
    [InlineData("kasm-1.15", 400)]
    [InlineData("kasm-1.19", 400)]
    public async Task Membership_calls_change_get_users_group_and_refuse_a_repeat_with_400_on_public(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var members = (await emu.CallAsync("api/public/get_users_group", Group(new JsonObject { ["group_id"] = OpsGroupId }))).Json;
        Assert.Equal(1, members["total"]!.GetValue<int>());
        Assert.Equal(200, (await emu.CallAsync("api/public/add_user_group", Membership(Seeded.AdminUserId, OpsGroupId), "readonly")).Status);
        Assert.Equal(status, (await emu.CallAsync("api/public/add_user_group", Membership(Seeded.AdminUserId, OpsGroupId))).Status);
        Assert.Equal(2, (await emu.CallAsync("api/public/get_users_group", Group(new JsonObject { ["group_id"] = OpsGroupId }))).Json["total"]!.GetValue<int>());
        Assert.Equal(200, (await emu.CallAsync("api/public/remove_user_group", Membership(Seeded.PlainUserId, OpsGroupId))).Status);
        Assert.Equal(status, (await emu.CallAsync("api/public/remove_user_group", Membership(Seeded.PlainUserId, OpsGroupId))).Status);
        var after = (await emu.CallAsync("api/public/get_users_group", Group(new JsonObject { ["group_id"] = OpsGroupId }))).Json["users"]!.AsArray();
        Assert.Equal(Guid.Parse(Seeded.AdminUserId), Guid.Parse(Assert.Single(after)!["user_id"]!.GetValue<string>()));
    }

    private static JsonObject GroupImage(string groupId, string imageId) => new()
    {
        ["target_group"] = new JsonObject { ["group_id"] = groupId },
        ["target_image"] = new JsonObject { ["image_id"] = imageId },
    };

    private static async Task<string[]> GroupImageIdsAsync(TestEmulator emu, string groupId) =>
        [.. (await emu.CallAsync("api/public/get_images_group", Group(new JsonObject { ["group_id"] = groupId }))).Json["images"]!.AsArray()
            .Select(i => i!["image_id"]!.GetValue<string>()).Order()];

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Images_group_calls_list_add_and_remove_a_groups_workspaces(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var listed = (await emu.CallAsync("api/public/get_images_group", Group(new JsonObject { ["group_id"] = OpsGroupId }), "readonly")).Json["images"]!.AsArray();
        var terminal = Assert.Single(listed)!;
        Assert.Equal(Seeded.TerminalImageId, terminal["image_id"]!.GetValue<string>());
        Assert.Equal("Ops", terminal["group_name"]!.GetValue<string>());
        Assert.Equal("Terminal", terminal["image_friendly_name"]!.GetValue<string>());
        Assert.Matches(Formats.Hex32, terminal["group_image_id"]!.GetValue<string>());
        Assert.Equal(200, (await emu.CallAsync("api/public/add_images_group", GroupImage(OpsGroupId, Seeded.ChromeImageId))).Status);
        Assert.Equal(new[] { Seeded.ChromeImageId, Seeded.TerminalImageId }.Order(), await GroupImageIdsAsync(emu, OpsGroupId));
        Assert.Equal(200, (await emu.CallAsync("api/public/remove_images_group", GroupImage(OpsGroupId, Seeded.TerminalImageId))).Status);
        Assert.Equal([Seeded.ChromeImageId], await GroupImageIdsAsync(emu, OpsGroupId));
        Assert.Equal(401, (await emu.CallAsync("api/public/add_images_group", GroupImage(OpsGroupId, Seeded.TerminalImageId), "readonly")).Status);
    }

    [Theory]
    [InlineData("seed", 404)]
    [InlineData("kasm-1.15", 200)]
    public async Task Images_group_calls_refuse_an_unknown_group_or_workspace(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/add_images_group", GroupImage(OpsGroupId, Guid.NewGuid().ToString("N")));
        Assert.Equal(status, reply.Status);
        Assert.NotNull(reply.ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/get_images_group", Group(new JsonObject { ["group_id"] = Guid.NewGuid().ToString("N") }))).ErrorMessage);
    }
}
