using System.Text.Json.Nodes;
using Kasm.Emulator.State;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_storage_providers and create_storage_provider (docs/kasm-api.md#storage-providers).</summary>
public class StorageProviderTests
{
    /// <summary>Google Drive, and the S3 provider the storage mapping fixtures use.</summary>
    private static readonly int SeededProviders = SeedData.StorageProviders().Count();

    private static JsonObject Target(JsonObject provider) => new() { ["target_storage_provider"] = provider };

    [Fact]
    public async Task Secrets_are_masked()
    {
        await using var emu = await TestEmulator.StartAsync();
        var providers = (await emu.CallAsync("api/admin/get_storage_providers")).Json["storage_providers"]!.AsArray();
        var drive = providers.Single(p => p!["storage_provider_type"]!.GetValue<string>() == "Google Drive")!;
        Assert.Equal(SeededProviders, providers.Count);
        Assert.Equal("**********", drive["client_secret"]!.GetValue<string>());
        Assert.Matches(Formats.Hex32, drive["storage_provider_id"]!.GetValue<string>());
        Assert.Equal("Google Drive", drive["storage_provider_type"]!.GetValue<string>());
    }

    /// <summary>What every type needs on real servers: an absolute mount path and an rclone volume config.</summary>
    private static JsonObject Complete(string type)
    {
        var p = new JsonObject
        {
            ["storage_provider_type"] = type,
            ["name"] = type,
            ["default_target"] = "/home/kasm-user/Desktop/Files",
            ["volume_config"] = new JsonObject { ["driver"] = "rclone", ["driver_opts"] = new JsonObject { ["type"] = "webdav" } },
        };
        if (type == "Nextcloud") p["webdav_url"] = "https://cloud.example.com/remote.php/dav/files/";
        if (type is "Google Drive" or "OneDrive" or "Dropbox")
        {
            p["client_id"] = "id";
            p["client_secret"] = "very-secret";
            p["auth_url"] = "https://auth.example.com/authorize";
            p["token_url"] = "https://auth.example.com/token";
            p["scope"] = "files.read\nfiles.write";
            p["auth_url_options"] = new JsonObject { ["access_type"] = "offline" };
        }
        if (type == "OneDrive") p["root_drive_url"] = "https://graph.microsoft.com/v1.0/me/drive";
        return p;
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Create_nextcloud_with_scope_as_lines(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var body = Complete("Nextcloud");
        body["scope"] = "a\nb";
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(body));
        Assert.Equal(200, reply.Status);
        var p = reply.Json["storage_provider"]!;
        Assert.Equal("Nextcloud", p["name"]!.GetValue<string>());
        Assert.Equal(2, p["scope"]!.AsArray().Count);
        Assert.Equal(SeededProviders + 1, (await emu.CallAsync("api/public/get_storage_providers")).Json["storage_providers"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Scope_as_a_list_is_an_html_500(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var body = Complete("Google Drive");
        body["scope"] = new JsonArray("a", "b");
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(body));
        Assert.Equal(500, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
        Assert.Equal(SeededProviders, emu.Emulator.State.StorageProviders.Count);
    }

    [Theory]
    [InlineData("Google Drive", "client_id")]
    [InlineData("Google Drive", "auth_url_options")]
    [InlineData("OneDrive", "auth_url_options")]
    [InlineData("Google Drive", "scope")]
    [InlineData("OneDrive", "root_drive_url")]
    [InlineData("Dropbox", "token_url")]
    [InlineData("Nextcloud", "webdav_url")]
    [InlineData("S3", "default_target")]
    [InlineData("S3", "volume_config")]
    [InlineData("Custom", "volume_config")]
    public async Task Per_type_validation_on_real_servers(string type, string missing)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Complete(type);
        Assert.True((await emu.CallAsync("api/admin/create_storage_provider", Target((JsonObject)body.DeepClone()))).Json.ContainsKey("storage_provider"));
        body.Remove(missing);
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(body));
        Assert.Equal(200, reply.Status);
        Assert.StartsWith("Invalid Request.", reply.ErrorMessage);
        Assert.Contains(missing, reply.ErrorMessage);
        Assert.Equal(SeededProviders + 1, emu.Emulator.State.StorageProviders.Count); // the seeded one and the complete one
    }

    [Theory]
    [InlineData("Files")]
    [InlineData("")]
    public async Task Default_target_must_be_absolute(string target)
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Complete("S3");
        body["default_target"] = target;
        Assert.Contains("default_target", (await emu.CallAsync("api/admin/create_storage_provider", Target((JsonObject)body.DeepClone()))).ErrorMessage);
        body["default_target"] = "C:\\Files";
        Assert.True((await emu.CallAsync("api/admin/create_storage_provider", Target(body))).Json.ContainsKey("storage_provider"));
        Assert.Equal(SeededProviders + 1, emu.Emulator.State.StorageProviders.Count);
    }

    [Fact]
    public async Task Volume_config_needs_driver_and_driver_opts()
    {
        await using var emu = await TestEmulator.StartAsync();
        var body = Complete("S3");
        body["volume_config"] = new JsonObject { ["driver"] = "rclone" };
        Assert.Contains("volume_config", (await emu.CallAsync("api/admin/create_storage_provider", Target(body))).ErrorMessage);
        Assert.Equal(SeededProviders, emu.Emulator.State.StorageProviders.Count);
    }

    [Theory]
    [InlineData("Google Drive", "client_id")]
    [InlineData("Nextcloud", "webdav_url")]
    [InlineData("S3", "volume_config")]
    public async Task Seed_profile_keeps_the_seed_rules(string type, string firstMissing)
    {
        await using var emu = await TestEmulator.StartAsync("seed");
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(new JsonObject { ["storage_provider_type"] = type }));
        Assert.Contains(firstMissing, reply.ErrorMessage);
        Assert.Equal(SeededProviders, emu.Emulator.State.StorageProviders.Count);
    }

    [Fact]
    public async Task Oauth_provider_with_all_fields_is_created_and_masked()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(Complete("Dropbox")));
        Assert.Equal("**********", reply.Json["storage_provider"]!["client_secret"]!.GetValue<string>());
        Assert.Equal("rclone", reply.Json["storage_provider"]!["volume_config"]!["driver"]!.GetValue<string>());
        Assert.Equal(new[] { "files.read", "files.write" }, reply.Json["storage_provider"]!["scope"]!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Theory]
    [InlineData("kasm-1.15", 200)]
    [InlineData("seed", 400)]
    public async Task Unknown_type(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(new JsonObject { ["storage_provider_type"] = "FTP" }));
        Assert.Equal(status, reply.Status);
        Assert.Equal("Invalid storage_provider_type (FTP)", reply.ErrorMessage);
    }

    [Fact]
    public async Task Kasm_profiles_reject_the_seed_documents_body_but_the_seed_profile_takes_it()
    {
        var body = Target(new JsonObject { ["storage_provider_type"] = "nextcloud", ["enabled"] = true, ["nextcloud_url"] = "https://nextcloud.example.com" });
        await using var kasm = await TestEmulator.StartAsync();
        Assert.Equal("Invalid storage_provider_type (nextcloud)", (await kasm.CallAsync("api/admin/create_storage_provider", body)).ErrorMessage);

        await using var seed = await TestEmulator.StartAsync("seed");
        var reply = await seed.CallAsync("api/admin/create_storage_provider", body);
        Assert.Equal(200, reply.Status);
        Assert.Equal("Nextcloud", reply.Json["storage_provider"]!["storage_provider_type"]!.GetValue<string>());
        Assert.Equal("https://nextcloud.example.com", reply.Json["storage_provider"]!["webdav_url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("seed", 404)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Delete_storage_provider_removes_it_and_refuses_an_unknown_id(string profile, int unknownStatus)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var id = emu.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId).StorageProviderId.ToString("N");
        var body = new JsonObject { ["target_storage_provider"] = new JsonObject { ["storage_provider_id"] = id } };
        var deleted = await emu.CallAsync("api/admin/delete_storage_provider", body);
        Assert.Equal(200, deleted.Status);
        Assert.Empty(deleted.Json);
        Assert.DoesNotContain(emu.Emulator.State.StorageProviders, p => p.StorageProviderId == SeedData.GoogleDriveProviderId);
        Assert.Equal(SeededProviders - 1, emu.Emulator.State.StorageProviders.Count);
        var again = await emu.CallAsync("api/admin/delete_storage_provider", body);
        Assert.Equal(unknownStatus, again.Status);
        Assert.NotNull(again.ErrorMessage);
    }

    private static JsonObject Update(JsonObject fields)
    {
        fields["storage_provider_id"] = Kasm.Emulator.State.SeedData.GoogleDriveProviderId.ToString("N");
        return Target(fields);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Update_storage_provider_sets_what_it_is_sent_and_keeps_the_rest(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/admin/update_storage_provider", Update(new JsonObject { ["name"] = "Team Drive", ["enabled"] = false }));
        Assert.Equal(200, reply.Status);
        var p = reply.Json["storage_provider"]!;
        Assert.Equal("Team Drive", p["name"]!.GetValue<string>());
        Assert.False(p["enabled"]!.GetValue<bool>());
        Assert.Equal("**********", p["client_secret"]!.GetValue<string>());
        var stored = emu.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId);
        Assert.Equal("seeded-google-client-secret", stored.ClientSecret);
        Assert.Equal("/home/kasm-user/Desktop/GoogleDrive", stored.DefaultTarget);
        Assert.Equal("https://oauth2.googleapis.com/token", stored.TokenUrl);
    }

    [Fact]
    public async Task Update_storage_provider_with_storageUpdateReplaces_resets_what_it_is_not_sent_secret_included()
    {
        await using var emu = await TestEmulator.StartAsync("kasm-1.15");
        emu.Emulator.Settings.StorageUpdateReplaces = true;
        var reply = await emu.CallAsync("api/admin/update_storage_provider", Update(new JsonObject { ["name"] = "Team Drive" }));
        Assert.Equal(200, reply.Status);
        var stored = emu.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId);
        Assert.Equal("Team Drive", stored.Name);
        Assert.Null(stored.ClientSecret);
        Assert.Null(stored.DefaultTarget);
        Assert.Empty(stored.Scope);
        Assert.Empty(stored.VolumeConfig);
        Assert.Equal("Google Drive", stored.StorageProviderType);
    }

    [Fact]
    public async Task Update_storage_provider_stores_a_mask_sent_back_as_the_secret()
    {
        // The pessimistic reading: the mask is text like any other, so a client that sends a read back breaks the secret.
        await using var emu = await TestEmulator.StartAsync("kasm-1.15");
        await emu.CallAsync("api/admin/update_storage_provider", Update(new JsonObject { ["client_secret"] = "**********" }));
        Assert.Equal("**********", emu.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId).ClientSecret);
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Update_storage_provider_with_scope_as_a_list_is_an_html_500(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/admin/update_storage_provider", Update(new JsonObject { ["scope"] = new JsonArray("a", "b") }));
        Assert.Equal(500, reply.Status);
        Assert.StartsWith("text/html", reply.ContentType);
        Assert.Equal(["https://www.googleapis.com/auth/drive"], emu.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId).Scope);
    }

    [Theory]
    [InlineData("seed", 404, 403)]
    [InlineData("kasm-1.15", 200, 401)]
    [InlineData("kasm-1.19", 200, 403)]
    public async Task Update_storage_provider_refuses_an_unknown_id_a_key_without_the_permission_and_a_read_only_key(string profile, int unknownStatus, int deniedStatus)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var unknown = await emu.CallAsync("api/admin/update_storage_provider",
            Target(new JsonObject { ["storage_provider_id"] = Guid.NewGuid().ToString("N"), ["name"] = "x" }));
        Assert.Equal(unknownStatus, unknown.Status);
        Assert.StartsWith("No storage provider found with id", unknown.ErrorMessage);
        var denied = await emu.CallAsync("api/admin/update_storage_provider", Update(new JsonObject { ["name"] = "x" }), "imagesonly");
        Assert.Equal(deniedStatus, denied.Status);
        var readOnly = await emu.CallAsync("api/admin/update_storage_provider", Update(new JsonObject { ["name"] = "x" }), "readonly");
        Assert.True(readOnly.Status != 200 || readOnly.ErrorMessage != null, "a read-only key is refused");
        Assert.Equal("Google Drive", emu.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId).Name);
        var missing = await emu.CallAsync("api/admin/update_storage_provider", new JsonObject());
        Assert.NotNull(missing.ErrorMessage);
    }
}
