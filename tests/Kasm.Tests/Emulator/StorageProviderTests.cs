using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_storage_providers and create_storage_provider (kasm-api.md §4.11).</summary>
public class StorageProviderTests
{
    private static JsonObject Target(JsonObject provider) => new() { ["target_storage_provider"] = provider };

    [Fact]
    public async Task Secrets_are_masked()
    {
        await using var emu = await TestEmulator.StartAsync();
        var providers = (await emu.CallAsync("api/admin/get_storage_providers")).Json["storage_providers"]!.AsArray();
        var drive = providers.Single()!;
        Assert.Equal("**********", drive["client_secret"]!.GetValue<string>());
        Assert.Matches(Formats.Hex32, drive["storage_provider_id"]!.GetValue<string>());
        Assert.Equal("Google Drive", drive["storage_provider_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_nextcloud()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(new JsonObject
        {
            ["storage_provider_type"] = "Nextcloud",
            ["name"] = "Files",
            ["webdav_url"] = "https://cloud.example.com/remote.php/dav/files/{username}/",
            ["scope"] = "a\nb",
        }));
        Assert.Equal(200, reply.Status);
        var p = reply.Json["storage_provider"]!;
        Assert.Equal("Files", p["name"]!.GetValue<string>());
        Assert.Equal(2, p["scope"]!.AsArray().Count);
        Assert.Equal(2, (await emu.CallAsync("api/public/get_storage_providers")).Json["storage_providers"]!.AsArray().Count);
    }

    [Theory]
    [InlineData("Google Drive", "client_id")]
    [InlineData("OneDrive", "client_id")]
    [InlineData("Dropbox", "client_id")]
    [InlineData("Nextcloud", "webdav_url")]
    [InlineData("S3", "volume_config")]
    [InlineData("Custom", "volume_config")]
    public async Task Per_type_validation(string type, string firstMissing)
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(new JsonObject { ["storage_provider_type"] = type }));
        Assert.Equal(200, reply.Status);
        Assert.StartsWith("Invalid Request.", reply.ErrorMessage);
        Assert.Contains(firstMissing, reply.ErrorMessage);
        Assert.Single(emu.Emulator.State.StorageProviders);
    }

    [Fact]
    public async Task Oauth_provider_with_all_fields_is_created_and_masked()
    {
        await using var emu = await TestEmulator.StartAsync();
        var reply = await emu.CallAsync("api/admin/create_storage_provider", Target(new JsonObject
        {
            ["storage_provider_type"] = "Dropbox",
            ["client_id"] = "id",
            ["client_secret"] = "very-secret",
            ["auth_url"] = "https://www.dropbox.com/oauth2/authorize",
            ["token_url"] = "https://api.dropboxapi.com/oauth2/token",
            ["redirect_url"] = "https://kasm.example.com/api/cloud_storage_callback",
            ["volume_config"] = new JsonObject { ["driver"] = "rclone" },
        }));
        Assert.Equal("**********", reply.Json["storage_provider"]!["client_secret"]!.GetValue<string>());
        Assert.Equal("rclone", reply.Json["storage_provider"]!["volume_config"]!["driver"]!.GetValue<string>());
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
}
