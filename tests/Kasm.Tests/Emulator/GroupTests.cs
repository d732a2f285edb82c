using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_groups (docs/kasm-api.md#groups).</summary>
public class GroupTests
{
    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_groups_lists_the_built_in_groups(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/get_groups");
        Assert.Equal(200, reply.Status);
        var groups = reply.Json["groups"]!.AsArray();
        Assert.Equal(3, groups.Count); // All Users, Administrators, Ops
        var all = groups.Single(g => g!["name"]!.GetValue<string>() == "All Users")!;
        Assert.Equal(Seeded.AllUsersGroupId, all["group_id"]!.GetValue<string>());
        Assert.True(all["is_system"]!.GetValue<bool>());
        Assert.InRange(all["priority"]!.GetValue<int>(), 1, 4095);
        Assert.Matches(Formats.Hex32, groups[1]!["group_id"]!.GetValue<string>());
        Assert.Equal(200, (await emu.CallAsync("api/admin/get_groups")).Status);
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)]
    public async Task Get_groups_needs_groups_view(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        Assert.Equal(status, (await emu.CallAsync("api/public/get_groups", keyName: "imagesonly")).Status);
        Assert.Equal(200, (await emu.CallAsync("api/public/get_groups", keyName: "readonly")).Status); // read-only method
    }
}
