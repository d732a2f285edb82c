using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_images and update_image (kasm-api.md §4.7).</summary>
public class ImageTests
{
    private static JsonObject Target(JsonObject image) => new() { ["target_image"] = image };

    [Fact]
    public async Task Get_images_lists_every_image_with_full_fields()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/public/get_images");
        var images = reply.Json["images"]!.AsArray();
        Assert.True(images.Count >= 7);
        Assert.Contains("\"cores\":2.0,", reply.Text); // a Python float keeps its decimal point
        Assert.Contains(images, i => !i!["enabled"]!.GetValue<bool>());
        Assert.Contains(images, i => !i!["available"]!.GetValue<bool>());
        var chrome = images.Single(i => i!["friendly_name"]!.GetValue<string>() == "Chrome")!.AsObject();
        Assert.Equal(Seeded.ChromeImageId, chrome["image_id"]!.GetValue<string>());
        Assert.Equal("kasmweb/chrome:1.15.0", chrome["name"]!.GetValue<string>());
        Assert.Equal(2768000000L, chrome["memory"]!.GetValue<long>());
        Assert.Equal("Browser", chrome["default_category"]!.GetValue<string>());
        Assert.IsType<JsonObject>(chrome["server"]);
        Assert.IsType<JsonObject>(chrome["server_pool"]);
        foreach (var field in new[] { "description", "image_src", "hidden", "cores", "gpu_count", "cpu_allocation_method", "x_res",
                     "docker_registry", "uncompressed_size_mb", "image_type", "restrict_to_network", "volume_mappings", "run_config",
                     "exec_config", "launch_config", "categories", "session_time_limit", "persistent_profile_path", "imageAttributes" })
            Assert.True(chrome.ContainsKey(field), field);
        foreach (var image in images)
            Assert.Matches(Formats.Hex32, image!["image_id"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_images_version_follows_the_profile()
    {
        await using var emu = await TestEmulator.StartAsync("kasm-1.19");
        var images = (await emu.CallAsync("api/public/get_images")).Json["images"]!.AsArray();
        Assert.All(images, i => Assert.EndsWith(":1.19.0", i!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Update_image_is_partial()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/update_image", Target(new JsonObject
        {
            ["image_id"] = Seeded.ChromeImageId,
            ["friendly_name"] = "Updated Name",
            ["cores"] = 3,
            ["memory"] = 4096000000,
            ["categories"] = "Browser\nWork\n",
        }));
        Assert.Equal(200, reply.Status);
        var image = reply.Json["image"]!.AsObject();
        Assert.Equal("Updated Name", image["friendly_name"]!.GetValue<string>());
        Assert.Equal(3.0, image["cores"]!.GetValue<double>());
        Assert.Equal(4096000000L, image["memory"]!.GetValue<long>());
        Assert.Equal(["Browser", "Work"], image["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("kasmweb/chrome:1.15.0", image["name"]!.GetValue<string>());

        // The change sticks, and new sessions get the new resources.
        var listed = (await emu.CallAsync("api/public/get_images")).Json["images"]!.AsArray()
            .Single(i => i!["image_id"]!.GetValue<string>() == Seeded.ChromeImageId)!;
        Assert.Equal("Updated Name", listed["friendly_name"]!.GetValue<string>());
        await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId });
        Assert.Equal(4096000000L, emu.Emulator.State.Sessions.Single().Memory);
    }

    [Theory]
    [InlineData("kasm-1.15", 200, false)]
    [InlineData("seed", 200, true)]
    public async Task Json_string_fields_quirk(string profile, int status, bool objectAccepted)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var asString = await emu.CallAsync("api/admin/update_image", Target(new JsonObject
        {
            ["image_id"] = Seeded.ChromeImageId,
            ["run_config"] = "{\"hostname\": \"custom\"}",
            ["volume_mappings"] = "",
        }));
        Assert.Equal("custom", asString.Json["image"]!["run_config"]!["hostname"]!.GetValue<string>());
        Assert.Empty(asString.Json["image"]!["volume_mappings"]!.AsObject());

        var asObject = await emu.CallAsync("api/admin/update_image", Target(new JsonObject
        {
            ["image_id"] = Seeded.ChromeImageId,
            ["run_config"] = new JsonObject { ["hostname"] = "object" },
        }));
        Assert.Equal(status, asObject.Status);
        Assert.Equal(objectAccepted, asObject.Json.ContainsKey("image"));
        if (!objectAccepted) Assert.Equal("Invalid json format for run_config", asObject.ErrorMessage);

        var badText = await emu.CallAsync("api/admin/update_image", Target(new JsonObject
        {
            ["image_id"] = Seeded.ChromeImageId,
            ["exec_config"] = "{not json",
        }));
        Assert.Equal("Invalid json format for exec_config", badText.ErrorMessage);
    }

    [Theory]
    [InlineData("kasm-1.15", 200)]
    [InlineData("seed", 404)]
    public async Task Update_unknown_image(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        string id = Guid.NewGuid().ToString("N");
        var reply = await emu.CallAsync("api/admin/update_image", Target(new JsonObject { ["image_id"] = id, ["cores"] = 1 }));
        Assert.Equal(status, reply.Status);
        Assert.Contains(id, reply.ErrorMessage);
    }

    [Fact]
    public async Task Update_image_missing_parameters_and_validation()
    {
        await using var emu = await TestEmulator.StartAsync();
        var missing = await emu.CallAsync("api/admin/update_image", new JsonObject());
        Assert.Equal("Invalid Request: Missing required parameters", missing.ErrorMessage);
        var badPath = await emu.CallAsync("api/admin/update_image", Target(new JsonObject
        {
            ["image_id"] = Seeded.ChromeImageId,
            ["persistent_profile_path"] = "/mnt/profiles/fixed",
        }));
        Assert.Contains("Persistent Profile Path", badPath.ErrorMessage);
        Assert.Null(emu.Emulator.State.Images.Single(i => i.ImageId == Guid.Parse(Seeded.ChromeImageId)).Fields["persistent_profile_path"]);
    }

    [Fact]
    public async Task Images_view_only_key_cannot_update()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/update_image", Target(new JsonObject { ["image_id"] = Seeded.ChromeImageId, ["cores"] = 1 }), "imagesonly");
        Assert.Equal(401, reply.Status);
    }
}
