using Xunit;
using Kasm.Client;
using Kasm.Emulator.State;

namespace Kasm.Tests.Operations;

/// <summary>
/// Storage mappings through the client (docs/kasm-api.md#storage-mappings): reads masked, create with the OAuth answer
/// as an error, update read-merge-send-whole without ever sending a secret as read, per profile.
/// </summary>
public abstract class StorageMappingOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    protected StorageMappingOperationsTests(TFixture fixture) : base(fixture) { }

    private static readonly Guid UserS3 = Guid.ParseExact("5c000000000040008000000000000001", "N");
    private static readonly Guid OpsShared = Guid.ParseExact("5c000000000040008000000000000002", "N");
    private static readonly Guid AdminDrive = Guid.ParseExact("5c000000000040008000000000000004", "N");

    private StorageMappingRecord Stored(Guid id)
    {
        lock (F.Emulator.State.Gate) return F.Emulator.State.StorageMappingList.Single(m => m.StorageMappingId == id);
    }

    private static Dictionary<string, object?> Changes(params (string Key, object? Value)[] changes) =>
        changes.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    [Fact]
    public void GetStorageMappings_maps_each_owner_kind_with_every_secret_masked()
    {
        var client = Client();
        var user = Assert.Single(client.GetStorageMappings(StorageMappingOwner.User(SeedData.PlainUserId), CancellationToken.None));
        Assert.Equal(UserS3, user.StorageMappingId);
        Assert.Equal(SeedData.PlainUserId, user.UserId);
        Assert.Null(user.GroupId);
        Assert.Equal("user", user.Scope);
        Assert.Equal(SeedData.TeamS3ProviderId, user.StorageProviderId);
        Assert.Equal("***", user.S3SecretAccessKey);
        var group = Assert.Single(client.GetStorageMappings(StorageMappingOwner.Group(GroupRecord.OpsId), CancellationToken.None));
        Assert.Equal("group", group.Scope);
        Assert.True(group.ReadOnly);
        var image = Assert.Single(client.GetStorageMappings(StorageMappingOwner.Image(SeedData.ChromeImageId), CancellationToken.None));
        Assert.Equal("workspace", image.Scope);
        Assert.Equal("***", client.GetStorageMapping(AdminDrive, CancellationToken.None)!.OauthToken);
        Assert.Null(client.GetStorageMapping(Guid.NewGuid(), CancellationToken.None));
    }

    [Fact]
    public void CreateStorageMapping_sends_the_owner_and_provider_and_is_never_resent()
    {
        var client = Client(retries: 3);
        var made = client.CreateStorageMapping(StorageMappingOwner.Group(GroupRecord.AllUsersId), SeedData.TeamS3ProviderId,
            Changes(("name", "Shared"), ("read_only", true), ("s3_secret_access_key", "made-secret")), CancellationToken.None);
        Assert.Equal("Shared", made.Name);
        Assert.Equal(GroupRecord.AllUsersId, made.GroupId);
        Assert.Equal("***", made.S3SecretAccessKey);
        Assert.Equal("made-secret", Stored(made.StorageMappingId).S3SecretAccessKey);
        var sent = Log.Single("create_storage_mapping")["target_storage_mapping"]!.AsObject();
        Assert.Equal(Hex(GroupRecord.AllUsersId), (string?)sent["group_id"]);
        Assert.Equal(Hex(SeedData.TeamS3ProviderId), (string?)sent["storage_provider_id"]);
        Assert.False(sent.ContainsKey("user_id"));
        Assert.False(KasmEndpoints.CreateStorageMapping.RetrySafe);
    }

    [Fact]
    public void CreateStorageMapping_whose_answer_is_lost_is_sent_once_and_fails()
    {
        var client = Client(retries: 3);
        F.Emulator.AddFault(new Kasm.Emulator.Faults.FaultSpec { Method = "create_storage_mapping", Status = 503, Count = 1, AfterProcessing = true });

        Assert.Throws<KasmApiException>(() => client.CreateStorageMapping(StorageMappingOwner.Group(GroupRecord.OpsId), SeedData.TeamS3ProviderId,
            Changes(("name", "Lost answer")), CancellationToken.None));

        Assert.Equal(1, F.Count("create_storage_mapping"));
        lock (F.Emulator.State.Gate) Assert.Single(F.Emulator.State.StorageMappingList, m => m.Name == "Lost answer");
    }

    [Fact]
    public void CreateStorageMapping_of_an_oauth_provider_is_KasmInvalidRequest_without_the_link()
    {
        var client = Client();
        var ex = Assert.Throws<KasmApiException>(() => client.CreateStorageMapping(StorageMappingOwner.User(SeedData.PlainUserId),
            SeedData.GoogleDriveProviderId, Changes(), CancellationToken.None));
        Assert.Equal(KasmErrorId.InvalidRequest, ex.ErrorId);
        Assert.DoesNotContain("https://", ex.Message, StringComparison.Ordinal);
        lock (F.Emulator.State.Gate) Assert.Equal(4, F.Emulator.State.StorageMappingList.Count);
    }

    [Theory]
    [InlineData("target", "Desktop/S3")]
    [InlineData("s3_secret_access_key", "**********")]
    [InlineData("webdav_pass", "***")]
    public void CreateStorageMapping_refuses_bad_fields_before_sending(string field, string value)
    {
        var client = Client();
        Assert.Throws<ArgumentException>(() => client.CreateStorageMapping(StorageMappingOwner.User(SeedData.PlainUserId),
            SeedData.TeamS3ProviderId, Changes((field, value)), CancellationToken.None));
        Assert.Empty(F.Emulator.RequestLog);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateStorageMapping_keeps_every_other_field_under_either_reading(bool replaces)
    {
        F.Emulator.Settings.StorageUpdateReplaces = replaces;
        var before = Stored(UserS3);
        var client = Client();

        var updated = client.UpdateStorageMapping(UserS3, Changes(("read_only", true), ("s3_secret_access_key", "new-secret")), CancellationToken.None);

        var after = Stored(UserS3);
        Assert.True(after.ReadOnly);
        Assert.True(updated.ReadOnly);
        Assert.Equal("new-secret", after.S3SecretAccessKey);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.Target, after.Target);
        Assert.Equal(before.S3AccessKeyId, after.S3AccessKeyId);
        Assert.Equal(before.S3Bucket, after.S3Bucket);
        Assert.Equal(before.Enabled, after.Enabled);
        Assert.Equal(before.UserId, after.UserId);
        var sent = Log.Single("update_storage_mapping")["target_storage_mapping"]!.AsObject();
        Assert.False(sent.ContainsKey("storage_provider_type"));
        Assert.False(sent.ContainsKey("oauth_token"));
        Assert.False(sent.ContainsKey("group_id")); // null on the read: not sent
        Assert.DoesNotContain("**********", sent.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void UpdateStorageMapping_without_the_secret_of_a_mapping_that_has_one_is_refused_after_the_read()
    {
        var client = Client();
        var ex = Assert.Throws<ArgumentException>(() => client.UpdateStorageMapping(OpsShared, Changes(("enabled", false)), CancellationToken.None));
        Assert.Contains("-S3SecretAccessKey", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, F.Count("get_storage_mappings"));
        Assert.Equal(0, F.Count("update_storage_mapping"));
        Assert.True(Stored(OpsShared).Enabled);
    }

    [Fact]
    public void UpdateStorageMapping_of_an_oauth_mapping_is_refused_and_the_token_stays()
    {
        var client = Client();
        var ex = Assert.Throws<ArgumentException>(() => client.UpdateStorageMapping(AdminDrive, Changes(("name", "Renamed")), CancellationToken.None));
        Assert.Contains("OAuth", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, F.Count("update_storage_mapping"));
        Assert.Equal("seeded-google-oauth-token", Stored(AdminDrive).OauthToken);
    }

    [Fact]
    public void UpdateStorageMapping_of_a_mapping_on_an_oauth_provider_is_refused_even_when_no_token_is_shown()
    {
        var id = Guid.NewGuid();
        lock (F.Emulator.State.Gate)
            F.Emulator.State.StorageMappingList.Add(new StorageMappingRecord
            {
                StorageMappingId = id, Name = "no token shown", GroupId = GroupRecord.OpsId, StorageProviderId = SeedData.GoogleDriveProviderId,
            });
        var client = Client();
        var ex = Assert.Throws<ArgumentException>(() => client.UpdateStorageMapping(id, Changes(("read_only", true)), CancellationToken.None));
        Assert.Contains("OAuth", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, F.Count("update_storage_mapping"));
    }

    [Fact]
    public void UpdateStorageMapping_of_an_unknown_id_is_KasmItemNotFound_and_nothing_to_change_sends_nothing()
    {
        var client = Client();
        var ex = Assert.Throws<KasmApiException>(() => client.UpdateStorageMapping(Guid.NewGuid(), Changes(("name", "x")), CancellationToken.None));
        Assert.Equal(KasmErrorId.ItemNotFound, ex.ErrorId);
        Assert.Equal(0, F.Count("update_storage_mapping"));
        Assert.Throws<ArgumentException>(() => client.UpdateStorageMapping(UserS3, Changes(), CancellationToken.None));
        Assert.Equal(1, F.Count("get_storage_mappings"));
    }

    [Fact]
    public void DeleteStorageMapping_removes_it()
    {
        var client = Client();
        client.DeleteStorageMapping(UserS3, CancellationToken.None);
        Assert.Empty(client.GetStorageMappings(StorageMappingOwner.User(SeedData.PlainUserId), CancellationToken.None));
        Assert.False(KasmEndpoints.DeleteStorageMapping.RetrySafe);
    }
}

public sealed class StorageMappingOperations115Tests : StorageMappingOperationsTests<Kasm115Fixture> { public StorageMappingOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class StorageMappingOperations119Tests : StorageMappingOperationsTests<Kasm119Fixture> { public StorageMappingOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class StorageMappingOperationsSeedTests : StorageMappingOperationsTests<SeedFixture> { public StorageMappingOperationsSeedTests(SeedFixture f) : base(f) { } }
