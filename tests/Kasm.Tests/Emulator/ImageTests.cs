using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_images and update_image (docs/kasm-api.md#workspaces-images).</summary>
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
    public async Task Update_image_with_the_whole_image_changes_what_was_changed()
    {
        await using var emu = await TestEmulator.StartAsync();
        var image = await Listed(emu, Seeded.ChromeImageId);
        image["friendly_name"] = "Updated Name";
        image["cores"] = 3;
        image["memory"] = 4096000000;
        image["categories"] = "Browser\nWork\n";
        foreach (var name in new[] { "volume_mappings", "run_config", "exec_config", "launch_config" })
            image[name] = image[name]!.ToJsonString();
        var reply = await emu.CallAsync("api/admin/update_image", Target(image));
        Assert.Equal(200, reply.Status);
        var updated = reply.Json["image"]!.AsObject();
        Assert.Equal("Updated Name", updated["friendly_name"]!.GetValue<string>());
        Assert.Equal(3.0, updated["cores"]!.GetValue<double>());
        Assert.Equal(4096000000L, updated["memory"]!.GetValue<long>());
        Assert.Equal(["Browser", "Work"], updated["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("kasmweb/chrome:1.15.0", updated["name"]!.GetValue<string>());

        // The change sticks, and new sessions get the new resources.
        Assert.Equal("Updated Name", (await Listed(emu, Seeded.ChromeImageId))["friendly_name"]!.GetValue<string>());
        await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId });
        Assert.Equal(4096000000L, emu.Emulator.State.Sessions.Single().Memory);
    }

    [Theory]
    [InlineData("seed", true)]
    [InlineData("kasm-1.15", false)]
    [InlineData("kasm-1.19", false)]
    public async Task Update_image_merges_in_the_seed_and_resets_unsent_fields_on_real_servers(string profile, bool merges)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        // First a whole-image update that sets the fields a partial one would lose.
        var image = await Listed(emu, Seeded.ChromeImageId);
        foreach (var name in new[] { "volume_mappings", "run_config", "exec_config", "launch_config" })
            image[name] = image[name]!.ToJsonString();
        image["categories"] = string.Join("\n", image["categories"]!.AsArray().Select(c => c!.GetValue<string>()));
        image["hidden"] = true;
        image["gpu_count"] = 1;
        image["docker_user"] = "robot";
        image["docker_token"] = "registry-token";
        image["hash"] = "sha256:0123";
        image["persistent_profile_path"] = "/profiles/{username}";
        Assert.Equal(200, (await emu.CallAsync("api/admin/update_image", Target(image))).Status);

        // Then only the cores.
        var reply = await emu.CallAsync("api/admin/update_image", Target(new JsonObject { ["image_id"] = Seeded.ChromeImageId, ["cores"] = 3 }));
        var after = reply.Json["image"]!.AsObject();
        Assert.Equal(3.0, after["cores"]!.GetValue<double>());
        Assert.Equal(merges, after["hidden"]!.GetValue<bool>());
        Assert.Equal(merges ? 1 : 0, after["gpu_count"]!.GetValue<int>());
        Assert.Equal(merges ? "robot" : null, after["docker_user"]?.GetValue<string>());
        Assert.Equal(merges ? "**********" : null, after["docker_token"]?.GetValue<string>());
        Assert.Equal(merges ? "sha256:0123" : null, after["hash"]?.GetValue<string>());
        Assert.Equal(merges ? "/profiles/{username}" : null, after["persistent_profile_path"]?.GetValue<string>());
        Assert.Equal(merges ? "kasmweb/chrome:1.15.0" : null, after["name"]?.GetValue<string>());
    }

    [Fact]
    public async Task Masked_docker_token_sent_back_keeps_the_token()
    {
        await using var emu = await TestEmulator.StartAsync();
        var image = await Listed(emu, Seeded.ChromeImageId);
        foreach (var name in new[] { "volume_mappings", "run_config", "exec_config", "launch_config" })
            image[name] = image[name]!.ToJsonString();
        image["categories"] = "";
        image["docker_token"] = "registry-token";
        await emu.CallAsync("api/admin/update_image", Target((JsonObject)image.DeepClone()));
        image["docker_token"] = "**********";
        image["cores"] = 4;
        Assert.Equal(200, (await emu.CallAsync("api/admin/update_image", Target(image))).Status);
        Assert.Equal("registry-token", emu.Emulator.State.Images.Single(i => i.ImageId == Guid.Parse(Seeded.ChromeImageId)).Fields["docker_token"]!.GetValue<string>());
    }

    private static async Task<JsonObject> Listed(TestEmulator emu, string imageId) =>
        (JsonObject)(await emu.CallAsync("api/public/get_images")).Json["images"]!.AsArray()
            .Single(i => i!["image_id"]!.GetValue<string>() == imageId)!.DeepClone();

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
