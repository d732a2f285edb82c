using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>create_image and delete_image (docs/kasm-api.md#workspaces-images), per profile.</summary>
public class ImageAdminTests
{
    private static JsonObject Target(JsonObject fields) => new() { ["target_image"] = fields };

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Create_image_applies_the_fields_over_the_defaults_and_reads_json_text(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/create_image", Target(new JsonObject
        {
            ["friendly_name"] = "CI", ["name"] = "kasmweb/terminal:1.15.0", ["cores"] = 2, ["run_config"] = "{\"hostname\": \"ci\"}", ["categories"] = "Dev\nTools",
        }));
        Assert.Equal(200, reply.Status);
        var image = reply.Json["image"]!;
        Assert.Matches(Formats.Hex32, image["image_id"]!.GetValue<string>());
        Assert.Equal("ci", image["run_config"]!["hostname"]!.GetValue<string>());
        Assert.Equal(["Dev", "Tools"], image["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(768000000L, image["memory"]!.GetValue<long>());
        Assert.False(image["available"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Create_image_refuses_a_real_object_where_kasm_reads_json_text(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        int before = emu.Emulator.State.Images.Count;
        var reply = await emu.CallAsync("api/public/create_image", Target(new JsonObject { ["friendly_name"] = "CI", ["run_config"] = new JsonObject { ["hostname"] = "ci" } }));
        Assert.Equal(200, reply.Status);
        Assert.Equal("Invalid json format for run_config", reply.ErrorMessage);
        Assert.Equal(before, emu.Emulator.State.Images.Count);
    }

    [Theory]
    [InlineData("seed", 400)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Delete_image_refuses_a_workspace_with_sessions_and_deletes_one_without(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile, o => o.SessionStartDelayMs = 0);
        Assert.Equal(200, (await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.TerminalImageId })).Status);
        var refused = await emu.CallAsync("api/public/delete_image", Target(new JsonObject { ["image_id"] = Seeded.TerminalImageId }));
        Assert.Equal(status, refused.Status);
        Assert.NotNull(refused.ErrorMessage);
        var deleted = await emu.CallAsync("api/public/delete_image", Target(new JsonObject { ["image_id"] = Seeded.ChromeImageId }));
        Assert.Equal(200, deleted.Status);
        Assert.Empty(deleted.Json);
        Assert.DoesNotContain(emu.Emulator.State.Images, i => i.ImageId == Guid.Parse(Seeded.ChromeImageId));
        Assert.Contains(emu.Emulator.State.Images, i => i.ImageId == Guid.Parse(Seeded.TerminalImageId));
    }
}
