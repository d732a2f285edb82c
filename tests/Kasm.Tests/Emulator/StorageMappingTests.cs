using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_, create_, update_ and delete_storage_mapping (docs/kasm-api.md#storage-mappings), per profile.</summary>
public class StorageMappingTests
{
    private const string UserS3 = "5c000000000040008000000000000001";
    private const string OpsShared = "5c000000000040008000000000000002";
    private const string ChromeDownloads = "5c000000000040008000000000000003";
    private const string AdminDrive = "5c000000000040008000000000000004";
    private const string TeamS3 = "5b2e1f7a9c2d4e3f8a6b7c8d9e0f1a2c";
    private const string GoogleDrive = "5b1e0f7a9c2d4e3f8a6b7c8d9e0f1a2b";
    private const string OpsGroupId = "5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b";

    /// <summary>A key that may use the API as a user (User) but not change other users, groups or workspaces.</summary>
    private static readonly EmulatorKey UserOnly = new()
    {
        Name = "useronly", ApiKey = "UserOnlyKey1", ApiKeySecret = "UserOnlySecret000000000000000001",
        Permissions = ["User"],
    };

    /// <summary>User and Users View: may read users' mappings, not groups' or workspaces'.</summary>
    private static readonly EmulatorKey UsersViewer = new()
    {
        Name = "usersviewer", ApiKey = "UsersViewer1", ApiKeySecret = "UsersViewerSecret000000000000001",
        Permissions = ["User", "Users View"],
    };

    private static Task<TestEmulator> StartAsync(string profile) =>
        TestEmulator.StartAsync(profile, o => o.AdditionalKeys = [UserOnly, UsersViewer]);

    private static JsonObject Wrap(JsonObject target) => new() { ["target_storage_mapping"] = target };

    private static async Task<JsonArray> ListAsync(TestEmulator emu, string field, string id) =>
        (await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { [field] = id }))).Json["storage_mappings"]!.AsArray();

    private static JsonObject S3For(string field, string id, string name = "made") => Wrap(new JsonObject
    {
        [field] = id, ["storage_provider_id"] = TeamS3, ["name"] = name,
        ["s3_access_key_id"] = "AKIA1", ["s3_secret_access_key"] = "made-secret", ["s3_bucket"] = "b",
    });

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_lists_by_exactly_one_owner_or_id_with_secrets_masked(string profile)
    {
        await using var emu = await StartAsync(profile);
        var user = Assert.Single(await ListAsync(emu, "user_id", Seeded.PlainUserId))!;
        Assert.Equal(UserS3, user["storage_mapping_id"]!.GetValue<string>());
        Assert.Equal("user S3", user["name"]!.GetValue<string>());
        Assert.Equal("S3", user["storage_provider_type"]!.GetValue<string>());
        Assert.Equal("**********", user["s3_secret_access_key"]!.GetValue<string>());
        Assert.Null(user["group_id"]);
        Assert.Null(user["webdav_pass"]);
        Assert.Equal(OpsShared, (await ListAsync(emu, "group_id", OpsGroupId)).Single()!["storage_mapping_id"]!.GetValue<string>());
        Assert.True((await ListAsync(emu, "group_id", OpsGroupId)).Single()!["read_only"]!.GetValue<bool>());
        Assert.Equal(ChromeDownloads, (await ListAsync(emu, "image_id", Seeded.ChromeImageId)).Single()!["storage_mapping_id"]!.GetValue<string>());
        var drive = (await ListAsync(emu, "storage_mapping_id", AdminDrive)).Single()!;
        Assert.Equal("**********", drive["oauth_token"]!.GetValue<string>());
        Assert.Equal("Google Drive", drive["storage_provider_type"]!.GetValue<string>());
        Assert.Empty(await ListAsync(emu, "storage_mapping_id", "5c0000000000400080000000000000ff"));
        Assert.DoesNotContain("seeded-", (await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["user_id"] = Seeded.AdminUserId }))).Text);

        var two = await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["group_id"] = OpsGroupId }));
        Assert.Equal(profile == "seed" ? 400 : 200, two.Status);
        Assert.NotNull(two.ErrorMessage);
        var none = await emu.CallAsync("api/public/get_storage_mappings", Wrap([]));
        Assert.NotNull(none.ErrorMessage);

        var readOnlyKey = await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["group_id"] = OpsGroupId }), "readonly");
        Assert.Equal(200, readOnlyKey.Status);
        Assert.Single(readOnlyKey.Json["storage_mappings"]!.AsArray());
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Create_makes_an_s3_mapping_with_the_providers_defaults_and_keeps_the_secret(string profile)
    {
        await using var emu = await StartAsync(profile);
        var body = Wrap(new JsonObject { ["group_id"] = Seeded.AllUsersGroupId, ["storage_provider_id"] = TeamS3, ["s3_secret_access_key"] = "made-secret" });
        var made = await emu.CallAsync("api/admin/create_storage_mapping", body);
        Assert.Equal(200, made.Status);
        var mapping = made.Json["storage_mapping"]!;
        Assert.Equal("Team S3", mapping["name"]!.GetValue<string>());
        Assert.Equal("/home/kasm-user/Desktop/S3", mapping["target"]!.GetValue<string>());
        Assert.True(mapping["enabled"]!.GetValue<bool>());
        Assert.False(mapping["read_only"]!.GetValue<bool>());
        Assert.Equal(Seeded.AllUsersGroupId, mapping["group_id"]!.GetValue<string>());
        Assert.Equal("**********", mapping["s3_secret_access_key"]!.GetValue<string>());
        string id = mapping["storage_mapping_id"]!.GetValue<string>();
        Assert.Matches(Formats.Hex32, id);
        lock (emu.Emulator.State.Gate)
            Assert.Equal("made-secret", emu.Emulator.State.StorageMappingList.Single(m => m.StorageMappingId == Guid.Parse(id)).S3SecretAccessKey);
    }

    [Theory]
    [InlineData("seed", 400)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Create_refuses_a_bad_request_and_makes_nothing(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        JsonObject[] bad =
        [
            Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["storage_provider_id"] = "5b2e1f7a9c2d4e3f8a6b7c8d9e0f1aff" }), // unknown provider
            Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["group_id"] = OpsGroupId, ["storage_provider_id"] = TeamS3 }), // two owners
            Wrap(new JsonObject { ["storage_provider_id"] = TeamS3 }), // no owner
            Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId }), // no provider
            Wrap(new JsonObject { ["user_id"] = "9c1e2d3f4a5b4c6d8e7f0a1b2c3d4eff", ["storage_provider_id"] = TeamS3 }), // unknown user
            Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId, ["storage_provider_id"] = TeamS3, ["oauth_token"] = "x" }), // restricted field
        ];
        foreach (var body in bad)
        {
            var reply = await emu.CallAsync("api/public/create_storage_mapping", body);
            Assert.Equal(status, reply.Status);
            Assert.NotNull(reply.ErrorMessage);
        }
        lock (emu.Emulator.State.Gate) Assert.Equal(4, emu.Emulator.State.StorageMappingList.Count);
    }

    [Theory]
    [InlineData("seed", 400)]
    [InlineData("kasm-1.15", 200)]
    public async Task A_users_mappings_are_capped_by_the_group_setting(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        // user@kasm.local has one; the default cap is 2.
        Assert.Equal(200, (await emu.CallAsync("api/public/create_storage_mapping", S3For("user_id", Seeded.PlainUserId))).Status);
        var third = await emu.CallAsync("api/public/create_storage_mapping", S3For("user_id", Seeded.PlainUserId));
        Assert.Equal(status, third.Status);
        Assert.NotNull(third.ErrorMessage);
        Assert.Equal(2, (await ListAsync(emu, "user_id", Seeded.PlainUserId)).Count);
        // Groups and workspaces have no cap.
        for (int i = 0; i < 3; i++)
            Assert.Equal(200, (await emu.CallAsync("api/public/create_storage_mapping", S3For("group_id", OpsGroupId))).Status);

        // Moving a mapping onto a user at the cap is refused too.
        var move = await emu.CallAsync("api/public/update_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = OpsShared, ["user_id"] = Seeded.PlainUserId }));
        Assert.Equal(status, move.Status);
        Assert.NotNull(move.ErrorMessage);
        Assert.Equal(2, (await ListAsync(emu, "user_id", Seeded.PlainUserId)).Count);

        // A group of the user that sets max_user_storage_mappings raises the cap.
        lock (emu.Emulator.State.Gate)
            emu.Emulator.State.FindGroup(GroupRecord.OpsId)!.Settings.Add(new GroupSettingValue { GroupSettingId = Guid.NewGuid(), Name = "max_user_storage_mappings", Value = "3" });
        Assert.Equal(200, (await emu.CallAsync("api/public/create_storage_mapping", S3For("user_id", Seeded.PlainUserId))).Status);
        Assert.Equal(3, (await ListAsync(emu, "user_id", Seeded.PlainUserId)).Count);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task An_oauth_provider_answers_a_consent_link_and_stores_nothing(string profile)
    {
        await using var emu = await StartAsync(profile);
        var reply = await emu.CallAsync("api/public/create_storage_mapping", Wrap(new JsonObject { ["group_id"] = OpsGroupId, ["storage_provider_id"] = GoogleDrive }));
        Assert.Equal(200, reply.Status);
        Assert.False(reply.Json.ContainsKey("storage_mapping"));
        string url = reply.Json["url"]!.GetValue<string>();
        Assert.StartsWith("https://accounts.google.com/o/oauth2/v2/auth?", url);
        Assert.Contains("response_type=code", url);
        Assert.Contains("access_type=offline", url); // the provider's auth_url_options
        Assert.Single(url, '?');
        Assert.Single(await ListAsync(emu, "group_id", OpsGroupId));
    }

    [Theory]
    [InlineData("seed", 403)]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 401)]
    public async Task Changing_a_mapping_needs_modify_on_its_owner(string profile, int status)
    {
        await using var emu = await StartAsync(profile);
        var create = await emu.CallAsync("api/public/create_storage_mapping", S3For("image_id", Seeded.TerminalImageId), "useronly");
        Assert.Equal(status, create.Status);
        var update = await emu.CallAsync("api/public/update_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = OpsShared, ["name"] = "x" }), "useronly");
        Assert.Equal(status, update.Status);
        var delete = await emu.CallAsync("api/public/delete_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = UserS3 }), "useronly");
        Assert.Equal(status, delete.Status);
        Assert.Equal("Ops shared", (await ListAsync(emu, "group_id", OpsGroupId)).Single()!["name"]!.GetValue<string>());
        Assert.Single(await ListAsync(emu, "user_id", Seeded.PlainUserId));
        Assert.Empty(await ListAsync(emu, "image_id", Seeded.TerminalImageId));
        // Reading needs the View permission of the owner's kind: of the mapping found, when asked by its id.
        Assert.Equal(status, (await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId }), "useronly")).Status);
        var viewer = await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId }), "usersviewer");
        Assert.Single(viewer.Json["storage_mappings"]!.AsArray());
        Assert.Equal(status, (await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["group_id"] = OpsGroupId }), "usersviewer")).Status);
        Assert.Equal(status, (await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["storage_mapping_id"] = OpsShared }), "usersviewer")).Status);
        Assert.Equal(200, (await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["storage_mapping_id"] = UserS3 }), "usersviewer")).Status);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Update_sets_what_it_is_sent_and_keeps_the_rest(string profile)
    {
        await using var emu = await StartAsync(profile);
        var reply = await emu.CallAsync("api/admin/update_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = UserS3, ["read_only"] = true, ["s3_bucket"] = null }));
        Assert.Equal(200, reply.Status);
        var m = reply.Json["storage_mapping"]!;
        Assert.True(m["read_only"]!.GetValue<bool>());
        Assert.Null(m["s3_bucket"]);
        Assert.Equal("user S3", m["name"]!.GetValue<string>());
        Assert.Equal(Seeded.PlainUserId, m["user_id"]!.GetValue<string>());
        lock (emu.Emulator.State.Gate)
            Assert.Equal("seeded-s3-secret", emu.Emulator.State.StorageMappingList.Single(x => x.StorageMappingId == Guid.Parse(UserS3)).S3SecretAccessKey);
    }

    [Fact]
    public async Task Update_with_storageUpdateReplaces_resets_what_it_is_not_sent_and_stores_a_sent_mask()
    {
        await using var emu = await StartAsync("kasm-1.15");
        emu.Emulator.Settings.StorageUpdateReplaces = true;
        var reply = await emu.CallAsync("api/admin/update_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = UserS3, ["s3_access_key_id"] = "AKIA2", ["s3_bucket"] = "kept" }));
        Assert.Equal(200, reply.Status);
        var m = reply.Json["storage_mapping"]!;
        Assert.Null(m["name"]);
        Assert.Null(m["target"]);
        Assert.Null(m["s3_secret_access_key"]);
        Assert.Equal("kept", m["s3_bucket"]!.GetValue<string>());
        Assert.Equal(Seeded.PlainUserId, m["user_id"]!.GetValue<string>()); // the owner stays

        emu.Emulator.Settings.StorageUpdateReplaces = false;
        await emu.CallAsync("api/admin/update_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = ChromeDownloads, ["s3_secret_access_key"] = "**********" }));
        lock (emu.Emulator.State.Gate)
            Assert.Equal("**********", emu.Emulator.State.StorageMappingList.Single(x => x.StorageMappingId == Guid.Parse(ChromeDownloads)).S3SecretAccessKey);
    }

    [Theory]
    [InlineData("seed", 400, 404)]
    [InlineData("kasm-1.15", 200, 200)]
    [InlineData("kasm-1.19", 200, 200)]
    public async Task Update_and_delete_refuse_an_unknown_id(string profile, int updateStatus, int deleteStatus)
    {
        await using var emu = await StartAsync(profile);
        var missing = Wrap(new JsonObject { ["storage_mapping_id"] = "5c0000000000400080000000000000ff", ["name"] = "x" });
        var update = await emu.CallAsync("api/public/update_storage_mapping", missing);
        Assert.Equal(updateStatus, update.Status);
        Assert.NotNull(update.ErrorMessage);
        var delete = await emu.CallAsync("api/public/delete_storage_mapping", missing);
        Assert.Equal(deleteStatus, delete.Status);
        Assert.NotNull(delete.ErrorMessage);

        var gone = await emu.CallAsync("api/public/delete_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = ChromeDownloads }));
        Assert.Equal(200, gone.Status);
        Assert.Empty(gone.Json);
        Assert.Empty(await ListAsync(emu, "image_id", Seeded.ChromeImageId));
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task A_key_without_User_is_refused_at_the_decorator_and_read_only_keys_cannot_change(string profile)
    {
        await using var emu = await StartAsync(profile);
        var noUser = await emu.CallAsync("api/public/get_storage_mappings", Wrap(new JsonObject { ["user_id"] = Seeded.PlainUserId }), "imagesonly");
        Assert.Equal(profile == "kasm-1.15" ? 401 : 403, noUser.Status);
        var readOnly = await emu.CallAsync("api/public/delete_storage_mapping", Wrap(new JsonObject { ["storage_mapping_id"] = UserS3 }), "readonly");
        Assert.Equal(401, readOnly.Status);
        Assert.Single(await ListAsync(emu, "user_id", Seeded.PlainUserId));
    }

    [Fact]
    public async Task Deleting_an_owner_or_a_provider_removes_its_mappings()
    {
        await using var emu = await StartAsync("kasm-1.15");
        // Ops has a member, so the delete must be forced.
        Assert.Null((await emu.CallAsync("api/admin/delete_group", new JsonObject { ["target_group"] = new JsonObject { ["group_id"] = OpsGroupId }, ["force"] = true })).ErrorMessage);
        Assert.Null((await emu.CallAsync("api/admin/delete_storage_provider", new JsonObject { ["target_storage_provider"] = new JsonObject { ["storage_provider_id"] = GoogleDrive } })).ErrorMessage);
        lock (emu.Emulator.State.Gate)
        {
            var left = emu.Emulator.State.StorageMappingList.Select(m => m.StorageMappingId.ToString("N")).ToList();
            Assert.Equal([UserS3, ChromeDownloads], left);
        }
    }
}
