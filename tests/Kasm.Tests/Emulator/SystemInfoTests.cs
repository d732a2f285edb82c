using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>system_info (docs/kasm-api.md#system-info).</summary>
public class SystemInfoTests
{
    [Theory]
    [InlineData("seed", "1.15.0.")]
    [InlineData("kasm-1.15", "1.15.0.")]
    [InlineData("kasm-1.19", "1.19.0.")]
    public async Task Build_id_follows_the_profile(string profile, string prefix)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var info = (await emu.CallAsync("api/admin/system_info")).Json["system_info"]!;
        Assert.StartsWith(prefix, info["api"]!["build_id"]!.GetValue<string>());
        Assert.Matches(Formats.Dashed, info["db"]!["installation_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Licence_block_reflects_limit_and_use()
    {
        await using var emu = await TestEmulator.StartAsync(configure: o => o.LicenseLimit = 4);
        await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId });
        var status = (await emu.CallAsync("api/public/system_info")).Json["system_info"]!["license"]!["status"]!;
        Assert.Equal(4, status["limit"]!.GetValue<int>());
        Assert.Equal(3, status["limit_remaining"]!.GetValue<int>());
        Assert.Equal("Per Concurrent Kasm", status["license_type"]!.GetValue<string>());
        Assert.Contains(status["features"]!.AsArray(), f => f!.GetValue<string>() == "developer_api");
    }
}
