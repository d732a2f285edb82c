#nullable enable
using Xunit;
using Kasm.Client;
using Kasm.Emulator.State;

namespace Kasm.Tests.Operations;

/// <summary>update_image, system_info and the connect probe through KasmClient, in every profile.</summary>
public abstract class ImageAndSystemOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    private static readonly Guid Chrome = SeedData.ChromeImageId;

    protected ImageAndSystemOperationsTests(TFixture fixture) : base(fixture) { }

    private static Dictionary<string, object?> Changes(params (string Key, object? Value)[] pairs) =>
        pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private string ExpectedVersion => F.Is119 ? "1.19.0" : "1.15.0";

    // ---- update_image ----

    [Fact]
    public void UpdateImage_reads_the_image_and_sends_it_back_whole_with_the_changes()
    {
        var client = Client();
        var before = client.GetImages(CancellationToken.None).Single(i => i.ImageId == Chrome);

        var image = client.UpdateImage(Chrome, Changes(("cores", 3.5), ("friendly_name", "Chrome Beta")), CancellationToken.None);

        Assert.Equal(new[] { "get_images", "get_images", "update_image" }, F.Methods());
        var target = Log.Single("update_image")["target_image"]!.AsObject();
        Assert.Equal(Hex(Chrome), (string?)target["image_id"]);
        Assert.Equal(3.5, (double)target["cores"]!);
        Assert.Equal("Chrome Beta", (string?)target["friendly_name"]);
        // Everything else goes back as it was read, in the form update_image reads.
        Assert.Equal(2768000000L, (long)target["memory"]!);
        Assert.Equal("kasmweb/chrome:" + ExpectedVersion, (string?)target["name"]);
        foreach (var field in KasmClient.ImageJsonTextFields.Where(target.ContainsKey))
            Assert.IsAssignableFrom<System.Text.Json.Nodes.JsonValue>(target[field]); // JSON text, not an object
        Assert.IsAssignableFrom<System.Text.Json.Nodes.JsonValue>(target["categories"]);
        Assert.DoesNotContain(target, p => p.Value is null); // what the server gave as null stays unsent
        Assert.Equal(Chrome, image.ImageId);
        Assert.Equal("Chrome Beta", image.FriendlyName);
        Assert.Equal(3.5, image.Cores);
        Assert.Equal(before.Memory, image.Memory);
        Assert.Equal(before.Categories, image.Categories);
        Assert.Equal(2394L * 1_000_000L, image.UncompressedSize);
        Assert.False(image.AdditionalProperties.ContainsKey("uncompressed_size_mb"));
        Assert.Equal("kasmweb/chrome:" + ExpectedVersion, image.Name);
        Assert.Same(client.Connection, image.Connection);
        var record = F.Emulator.State.Images.Single(i => i.ImageId == Chrome);
        Assert.Equal("Chrome Beta", record.FriendlyName);
        Assert.Equal(3.5, record.Cores);
    }

    [Fact]
    public void UpdateImage_keeps_every_field_it_was_not_asked_to_change()
    {
        var client = Client();
        // A workspace with the settings a partial update_image would reset on a real server.
        var record = F.Emulator.State.Images.Single(i => i.ImageId == Chrome);
        lock (F.Emulator.State.Gate)
        {
            record.Fields["hidden"] = true;
            record.Fields["gpu_count"] = 1;
            record.Fields["docker_user"] = "robot";
            record.Fields["docker_token"] = "registry-token";
            record.Fields["hash"] = "sha256:0123";
            record.Fields["persistent_profile_path"] = "/profiles/{username}";
            record.Fields["run_config"] = new System.Text.Json.Nodes.JsonObject { ["hostname"] = "kasm" };
        }
        var before = (System.Text.Json.Nodes.JsonObject)record.Fields.DeepClone();

        client.UpdateImage(Chrome, Changes(("cores", 3.0)), CancellationToken.None);

        var after = F.Emulator.State.Images.Single(i => i.ImageId == Chrome).Fields;
        foreach (var (name, value) in before)
            if (name != "cores")
                Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(value, after[name]), $"{name}: {value?.ToJsonString()} became {after[name]?.ToJsonString()}");
        Assert.Equal(3.0, F.Emulator.State.Images.Single(i => i.ImageId == Chrome).Cores);
    }

    [Fact]
    public void UpdateImage_keeps_web_filtering_forced_off()
    {
        var client = Client();
        var record = F.Emulator.State.Images.Single(i => i.ImageId == Chrome);
        lock (F.Emulator.State.Gate) record.Fields["filter_policy_force_disabled"] = true;

        client.UpdateImage(Chrome, Changes(("cores", 3.0)), CancellationToken.None);

        var target = Log.Single("update_image")["target_image"]!.AsObject();
        Assert.Equal("force_disabled", (string?)target["filter_policy_id"]);
        Assert.True((bool)target["filter_policy_force_disabled"]!);
        var after = F.Emulator.State.Images.Single(i => i.ImageId == Chrome).Fields;
        Assert.True(after["filter_policy_force_disabled"]!.GetValue<bool>());
        Assert.Null(after["filter_policy_id"]);
    }

    [Fact]
    public void UpdateImage_new_docker_token_is_sent_and_stored()
    {
        var client = Client();

        client.UpdateImage(Chrome, Changes(("docker_token", "new-registry-token")), CancellationToken.None);

        Assert.Equal("new-registry-token", F.Emulator.State.Images.Single(i => i.ImageId == Chrome).Fields["docker_token"]!.GetValue<string>());
        Assert.Equal("***", (string?)Log.Single("update_image")["target_image"]!["docker_token"]); // masked in the debug text
    }

    [Fact]
    public void UpdateImage_memory_and_flags()
    {
        var client = Client();

        var image = client.UpdateImage(Chrome, Changes(("memory", 4_000_000_000L), ("hidden", true)), CancellationToken.None);

        Assert.Equal(4_000_000_000L, image.Memory);
        Assert.True(image.Hidden);
        Assert.Equal("Chrome", image.FriendlyName);
        var target = Log.Single("update_image")["target_image"]!.AsObject();
        Assert.Equal(4_000_000_000L, (long)target["memory"]!);
        Assert.True((bool)target["hidden"]!);
    }

    [Fact]
    public void UpdateImage_unknown_id_is_item_not_found_and_sends_no_update()
    {
        var client = Client();

        var ex = Assert.Throws<KasmApiException>(() => client.UpdateImage(Guid.NewGuid(), Changes(("cores", 1.0)), CancellationToken.None));

        Assert.Equal(KasmErrorId.ItemNotFound, ex.ErrorId);
        Assert.Equal(0, F.Count("update_image"));
    }

    [Fact]
    public void UpdateImage_key_that_cannot_read_workspaces_is_refused_before_update_image()
    {
        var client = Client("resources"); // Images Modify Resources only

        var ex = Assert.Throws<KasmApiException>(() => client.UpdateImage(Chrome, Changes(("cores", 1.0)), CancellationToken.None));

        Assert.Contains(ex.ErrorId, new[] { KasmErrorId.Unauthorized, KasmErrorId.Forbidden });
        Assert.Contains("Images View", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, F.Count("update_image"));
        Assert.Equal(2.0, F.Emulator.State.Images.Single(i => i.ImageId == Chrome).Cores);
    }

    [Fact]
    public void UpdateImage_resources_key_with_view_changes_resources_and_is_refused_other_changes()
    {
        var client = Client("resourcesview");

        var image = client.UpdateImage(Chrome, Changes(("cores", 1.5), ("gpu_count", 1)), CancellationToken.None);
        Assert.Equal(1.5, image.Cores);
        Assert.Equal(1, image.GpuCount);

        var ex = Assert.Throws<KasmApiException>(() => client.UpdateImage(Chrome, Changes(("friendly_name", "Renamed")), CancellationToken.None));
        Assert.Equal(F.IsSeed ? KasmErrorId.Forbidden : KasmErrorId.ApiError, ex.ErrorId);
        Assert.Equal("Chrome", F.Emulator.State.Images.Single(i => i.ImageId == Chrome).FriendlyName);
    }

    [Fact]
    public void UpdateImage_read_only_key_is_unauthorized()
    {
        var client = Client("readonly");

        var ex = Assert.Throws<KasmApiException>(() => client.UpdateImage(Chrome, Changes(("cores", 1.0)), CancellationToken.None));

        Assert.Equal(KasmErrorId.Unauthorized, ex.ErrorId);
        Assert.Equal(401, ex.StatusCode);
        Assert.Contains("read-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(2.0, F.Emulator.State.Images.Single(i => i.ImageId == Chrome).Cores);
    }

    [Fact]
    public void UpdateImage_key_without_modify_permission_is_refused_per_profile()
    {
        var client = Client("imagesonly");

        var ex = Assert.Throws<KasmApiException>(() => client.UpdateImage(Chrome, Changes(("cores", 1.0)), CancellationToken.None));

        // Missing permission: 401 in 1.15, 403 in 1.19 and the seed.
        Assert.Equal(F.Is115 ? KasmErrorId.Unauthorized : KasmErrorId.Forbidden, ex.ErrorId);
        Assert.Contains("Images Modify", ex.Message, StringComparison.Ordinal);
    }

    // ---- system_info ----

    [Fact]
    public void GetSystemInfo_parses_the_version()
    {
        var info = Client().GetSystemInfo(CancellationToken.None);

        Assert.Equal(ExpectedVersion + ".a7b3c9e", info.BuildId);
        Assert.Equal(Version.Parse(ExpectedVersion), info.Version);
        Assert.Equal("kasm-api-host", info.ServerHostname);
        Assert.Equal(Guid.ParseExact("c0ffee00b4d54e1a9f3e2d1c0b9a8f7e", "N"), info.InstallationId); // dashed on the wire
        Assert.Equal("Per Concurrent Kasm", info.LicenseType);
        Assert.Equal(EmulatorFixture.LicenseLimit, info.LicenseLimit);
        Assert.Equal(EmulatorFixture.LicenseLimit, info.LicenseRemaining);
        Assert.Equal(false, info.Licensed);
        Assert.Contains("developer_api", info.Features!);
        Assert.Equal(!F.Is119, info.UpdateAvailable);
        Assert.Equal(F.Is119 ? "1.19.0" : "1.16.0", info.LatestVersion);
    }

    [Fact]
    public void GetSystemInfo_licence_remaining_follows_sessions()
    {
        var client = Client();
        client.RequestSession(Chrome, SeedData.PlainUserId, false, null, null, CancellationToken.None);

        var info = client.GetSystemInfo(CancellationToken.None);

        Assert.Equal(EmulatorFixture.LicenseLimit - 1, info.LicenseRemaining);
    }

    [Fact]
    public void Probe_sets_the_connections_version()
    {
        var client = Client();
        Assert.Null(client.Connection.ServerVersion);
        Assert.Null(client.Connection.BuildId);

        var warning = client.Probe(CancellationToken.None);

        Assert.Null(warning);
        Assert.Equal(Version.Parse(ExpectedVersion), client.Connection.ServerVersion);
        Assert.Equal(ExpectedVersion + ".a7b3c9e", client.Connection.BuildId);
        Assert.Equal(new[] { "system_info" }, F.Methods());
    }

    [Fact]
    public void Probe_key_without_system_view_warns_and_leaves_the_version_unknown()
    {
        var client = Client("imagesonly");

        var warning = client.Probe(CancellationToken.None);

        Assert.NotNull(warning);
        Assert.Contains("System View", warning!, StringComparison.Ordinal);
        Assert.Null(client.Connection.ServerVersion);
        Assert.Equal(new[] { "system_info", "get_kasm_status" }, F.Methods());
    }
}

public sealed class ImageAndSystemOperations115Tests : ImageAndSystemOperationsTests<Kasm115Fixture> { public ImageAndSystemOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class ImageAndSystemOperations119Tests : ImageAndSystemOperationsTests<Kasm119Fixture> { public ImageAndSystemOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class ImageAndSystemOperationsSeedTests : ImageAndSystemOperationsTests<SeedFixture> { public ImageAndSystemOperationsSeedTests(SeedFixture f) : base(f) { } }
