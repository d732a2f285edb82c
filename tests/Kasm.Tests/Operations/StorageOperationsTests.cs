#nullable enable
using Xunit;
using System.Collections;
using System.Management.Automation;
using System.Text.Json.Nodes;
using Kasm.Client;
using Kasm.Emulator.State;

namespace Kasm.Tests.Operations;

/// <summary>What each storage provider type needs before anything is sent, and the defaults it gets (no server involved).</summary>
public class StorageProviderRequirementsTests
{
    private static readonly Uri Server = new("https://kasm.example.com:8443/");
    private static readonly string[] OAuth = { "client_id", "client_secret", "auth_url", "token_url", "scope", "auth_url_options" };

    private static Dictionary<string, object?> With(params string[] fields) =>
        fields.ToDictionary(f => f, f => f switch
        {
            "volume_config" => new Hashtable { ["driver"] = "rclone", ["driver_opts"] = new Hashtable { ["type"] = "s3" } },
            "auth_url_options" => new Hashtable { ["access_type"] = "offline" },
            "default_target" => "/home/kasm-user/Files",
            _ => (object?)("https://x.example/" + f),
        }, StringComparer.Ordinal);

    private static string[] Common => new[] { "default_target", "volume_config" };

    [Fact]
    public void Nextcloud_needs_webdav_url_and_gets_the_rest_by_default()
    {
        var message = KasmClient.MissingForType(KasmStorageProviderType.Nextcloud, KasmClient.WithStorageDefaults(KasmStorageProviderType.Nextcloud, With(), Server));
        Assert.NotNull(message);
        Assert.Contains("-WebdavUrl", message!, StringComparison.Ordinal);
        Assert.DoesNotContain("-VolumeConfig", message!, StringComparison.Ordinal);
        Assert.Contains("Nextcloud", message!, StringComparison.Ordinal);
        Assert.Null(KasmClient.MissingForType(KasmStorageProviderType.Nextcloud, KasmClient.WithStorageDefaults(KasmStorageProviderType.Nextcloud, With("webdav_url"), Server)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankValues_count_as_missing(string blank)
    {
        var fields = With(Common);
        fields["webdav_url"] = blank;
        Assert.NotNull(KasmClient.MissingForType(KasmStorageProviderType.Nextcloud, fields));
        fields["webdav_url"] = null;
        Assert.NotNull(KasmClient.MissingForType(KasmStorageProviderType.Nextcloud, fields));
        // A blank value is replaced by the default, like an absent one.
        var withDefaults = KasmClient.WithStorageDefaults(KasmStorageProviderType.S3, new Dictionary<string, object?> { ["default_target"] = blank }, Server);
        Assert.Equal("/home/kasm-user/Desktop/S3", withDefaults["default_target"]);
    }

    [Theory]
    [InlineData(KasmStorageProviderType.GoogleDrive, "Google Drive")]
    [InlineData(KasmStorageProviderType.OneDrive, "OneDrive")]
    [InlineData(KasmStorageProviderType.Dropbox, "Dropbox")]
    public void OAuthTypes_need_every_o_auth_field_only_client_id_and_secret_have_no_default(KasmStorageProviderType type, string apiName)
    {
        var all = With(OAuth.Concat(Common).Append("root_drive_url").ToArray());
        Assert.Null(KasmClient.MissingForType(type, all));
        var none = KasmClient.MissingForType(type, new Dictionary<string, object?>());
        Assert.NotNull(none);
        Assert.Contains(apiName, none!, StringComparison.Ordinal);
        foreach (var p in new[] { "-ClientId", "-ClientSecret", "-AuthUrl", "-TokenUrl", "-Scope", "-AuthUrlOptions", "-DefaultTarget", "-VolumeConfig" })
            Assert.Contains(p, none!, StringComparison.Ordinal);
        foreach (var left in OAuth)
        {
            var message = KasmClient.MissingForType(type, With(OAuth.Where(f => f != left).Concat(Common).Append("root_drive_url").ToArray()));
            Assert.NotNull(message);
            Assert.Contains(Param(left), message!, StringComparison.Ordinal);
            foreach (var present in OAuth.Where(f => f != left))
                Assert.DoesNotContain(Param(present) + ",", message! + ",", StringComparison.Ordinal);
        }

        var defaulted = KasmClient.WithStorageDefaults(type, With("client_id", "client_secret"), Server);
        Assert.Null(KasmClient.MissingForType(type, defaulted));
        var missing = KasmClient.MissingForType(type, KasmClient.WithStorageDefaults(type, With(), Server));
        Assert.Contains("-ClientId", missing!, StringComparison.Ordinal);
        Assert.Contains("-ClientSecret", missing!, StringComparison.Ordinal);
        Assert.DoesNotContain("-AuthUrl", missing!, StringComparison.Ordinal);
        Assert.Equal("https://kasm.example.com:8443/api/cloud_storage_callback", defaulted["redirect_url"]);
        Assert.IsType<string>(defaulted["scope"]); // one string, one scope per line
        Assert.StartsWith("https://", (string)defaulted["auth_url"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void AuthUrlOptions_empty_counts_as_missing()
    {
        var fields = With(OAuth.Concat(Common).ToArray());
        fields["auth_url_options"] = new Hashtable();
        Assert.Contains("-AuthUrlOptions", KasmClient.MissingForType(KasmStorageProviderType.Dropbox, fields)!, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAConnection_the_redirect_url_is_left_for_the_send()
    {
        var fields = KasmClient.WithStorageDefaults(KasmStorageProviderType.Dropbox, With("client_id", "client_secret"), null);
        Assert.False(fields.ContainsKey("redirect_url"));
        Assert.Null(KasmClient.MissingForType(KasmStorageProviderType.Dropbox, fields));
    }

    [Fact]
    public void OneDrive_needs_root_drive_url()
    {
        var message = KasmClient.MissingForType(KasmStorageProviderType.OneDrive, With(OAuth.Concat(Common).ToArray()));
        Assert.Contains("-RootDriveUrl", message!, StringComparison.Ordinal);
        Assert.Null(KasmClient.MissingForType(KasmStorageProviderType.GoogleDrive, With(OAuth.Concat(Common).ToArray())));
    }

    private static string Param(string field) =>
        "-" + string.Concat(field.Split('_').Select(s => char.ToUpperInvariant(s[0]) + s.Substring(1)));

    [Fact]
    public void Custom_needs_volume_config_which_has_no_default()
    {
        var message = KasmClient.MissingForType(KasmStorageProviderType.Custom, KasmClient.WithStorageDefaults(KasmStorageProviderType.Custom, With(), Server));
        Assert.NotNull(message);
        Assert.Contains("-VolumeConfig", message!, StringComparison.Ordinal);
        Assert.Null(KasmClient.MissingForType(KasmStorageProviderType.Custom, KasmClient.WithStorageDefaults(KasmStorageProviderType.Custom, With("volume_config"), Server)));
    }

    [Fact]
    public void S3_gets_volume_config_and_default_target_by_default_but_the_users_win()
    {
        var defaulted = KasmClient.WithStorageDefaults(KasmStorageProviderType.S3, With(), Server);
        Assert.Null(KasmClient.MissingForType(KasmStorageProviderType.S3, defaulted));
        Assert.Equal("/home/kasm-user/Desktop/S3", defaulted["default_target"]);
        var own = KasmClient.WithStorageDefaults(KasmStorageProviderType.S3, With("default_target", "volume_config"), Server);
        Assert.Equal("/home/kasm-user/Files", own["default_target"]);
        Assert.IsType<Hashtable>(own["volume_config"]);
    }

    [Theory]
    [InlineData("Files", false)]
    [InlineData("./Files", false)]
    [InlineData("/home/kasm-user/Files", true)]
    [InlineData("C:\\Files", true)]
    [InlineData("D:/Files", true)]
    public void DefaultTarget_must_be_absolute(string path, bool ok)
    {
        var fields = With(Common);
        fields["default_target"] = path;
        var message = KasmClient.MissingForType(KasmStorageProviderType.S3, fields);
        Assert.Equal(ok, message == null);
        if (!ok) Assert.Contains("-DefaultTarget", message!, StringComparison.Ordinal);
    }

    [Fact]
    public void VolumeConfig_needs_driver_and_driver_opts()
    {
        var fields = With(Common);
        fields["volume_config"] = new Hashtable { ["driver"] = "rclone" };
        Assert.Contains("'driver_opts'", KasmClient.MissingForType(KasmStorageProviderType.S3, fields)!, StringComparison.Ordinal);
    }

    [Fact]
    public void Scope_is_sent_as_one_line_per_scope()
    {
        var fields = With("client_id", "client_secret");
        fields["scope"] = new[] { " a ", "b", "" };
        Assert.Equal("a\nb", KasmClient.WithStorageDefaults(KasmStorageProviderType.Dropbox, fields, Server)["scope"]);
    }

    [Theory]
    [InlineData("Google Drive", KasmStorageProviderType.GoogleDrive)]
    [InlineData("google_drive", KasmStorageProviderType.GoogleDrive)]
    [InlineData("GOOGLEDRIVE", KasmStorageProviderType.GoogleDrive)]
    [InlineData("one-drive", KasmStorageProviderType.OneDrive)]
    [InlineData("S3", KasmStorageProviderType.S3)]
    [InlineData("FTP", null)]
    [InlineData("", null)]
    public void TypeNames_as_kasm_shows_them(string text, KasmStorageProviderType? expected) =>
        Assert.Equal(expected, KasmClient.ParseStorageProviderType(text));

    [Theory]
    [InlineData(KasmStorageProviderType.GoogleDrive, "Google Drive")]
    [InlineData(KasmStorageProviderType.OneDrive, "OneDrive")]
    [InlineData(KasmStorageProviderType.Dropbox, "Dropbox")]
    [InlineData(KasmStorageProviderType.Nextcloud, "Nextcloud")]
    [InlineData(KasmStorageProviderType.S3, "S3")]
    [InlineData(KasmStorageProviderType.Custom, "Custom")]
    public void ApiNames(KasmStorageProviderType type, string name) => Assert.Equal(name, KasmClient.ApiName(type));
}

/// <summary>get_storage_providers and create_storage_provider through KasmClient, in every profile.</summary>
public abstract class StorageOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    /// <summary>Google Drive, and the S3 provider the storage mapping fixtures use.</summary>
    private static readonly int SeededProviders = SeedData.StorageProviders().Count();

    protected StorageOperationsTests(TFixture fixture) : base(fixture) { }

    private static Dictionary<string, object?> FieldsFor(KasmStorageProviderType type)
    {
        var f = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = "Test " + type, ["enabled"] = true };
        switch (type)
        {
            case KasmStorageProviderType.Nextcloud:
                f["webdav_url"] = "https://cloud.example.com/remote.php/dav/files";
                break;
            case KasmStorageProviderType.S3:
                f["volume_config"] = new Hashtable { ["driver"] = "rclone", ["driver_opts"] = new Hashtable { ["type"] = "s3" } };
                f["default_target"] = "/home/kasm-user/Desktop/S3";
                break;
            case KasmStorageProviderType.Custom:
                f["volume_config"] = new Hashtable { ["driver"] = "rclone", ["driver_opts"] = new Hashtable { ["type"] = "sftp" } };
                break;
            default:
                f["client_id"] = "client-" + type;
                f["client_secret"] = "very-secret";
                f["auth_url"] = "https://auth.example.com/authorize";
                f["token_url"] = "https://auth.example.com/token";
                f["redirect_url"] = "https://kasm.example.com/api/cloud_storage_callback";
                f["scope"] = new[] { "files.read", "files.write" };
                break;
        }
        return f;
    }

    [Theory]
    [InlineData(KasmStorageProviderType.Nextcloud)]
    [InlineData(KasmStorageProviderType.GoogleDrive)]
    [InlineData(KasmStorageProviderType.OneDrive)]
    [InlineData(KasmStorageProviderType.Dropbox)]
    [InlineData(KasmStorageProviderType.Custom)]
    [InlineData(KasmStorageProviderType.S3)]
    public void CreateStorageProvider_rejects_missing_fields_before_sending(KasmStorageProviderType type)
    {
        var client = Client();
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = "incomplete" };
        // S3 has a default for everything it needs; a relative mount path is what it can still get wrong.
        if (type == KasmStorageProviderType.S3) fields["default_target"] = "Desktop/S3";

        var ex = Assert.Throws<ArgumentException>(() => client.CreateStorageProvider(type, fields, CancellationToken.None));

        Assert.Contains(KasmClient.ApiName(type), ex.Message, StringComparison.Ordinal);
        Assert.Empty(F.Emulator.RequestLog);
        Assert.Equal(SeededProviders, F.Emulator.State.StorageProviders.Count);
    }

    [Theory]
    [InlineData(KasmStorageProviderType.Nextcloud)]
    [InlineData(KasmStorageProviderType.S3)]
    [InlineData(KasmStorageProviderType.GoogleDrive)]
    [InlineData(KasmStorageProviderType.OneDrive)]
    [InlineData(KasmStorageProviderType.Dropbox)]
    [InlineData(KasmStorageProviderType.Custom)]
    public void CreateStorageProvider_creates_each_type(KasmStorageProviderType type)
    {
        var client = Client();
        var fields = FieldsFor(type);

        var provider = client.CreateStorageProvider(type, fields, CancellationToken.None);

        Assert.Equal(KasmClient.ApiName(type), provider.Type);
        Assert.Equal("Test " + type, provider.Name);
        Assert.NotEqual(Guid.Empty, provider.StorageProviderId);
        Assert.True(provider.Enabled);
        var sent = Log.Single("create_storage_provider")["target_storage_provider"]!.AsObject();
        Assert.Equal(KasmClient.ApiName(type), (string?)sent["storage_provider_type"]);
        var record = Assert.Single(F.Emulator.State.StorageProviders, p => p.StorageProviderId == provider.StorageProviderId);
        Assert.Equal(KasmClient.ApiName(type), record.StorageProviderType);
        if (fields.ContainsKey("volume_config"))
        {
            Assert.IsType<Hashtable>(provider.VolumeConfig);
            Assert.Equal("rclone", provider.VolumeConfig!["driver"]);
            var opts = Assert.IsType<PSObject>(provider.VolumeConfig["driver_opts"]);
            Assert.NotNull(opts.Properties["type"].Value);
        }
        if (type == KasmStorageProviderType.Nextcloud)
            Assert.Equal((string)fields["webdav_url"]!, provider.WebdavUrl);
        if (fields.ContainsKey("client_id"))
        {
            Assert.Equal((string)fields["client_id"]!, provider.ClientId);
            Assert.Equal(new[] { "files.read", "files.write" }, provider.Scope);
            Assert.Equal("https://auth.example.com/token", provider.TokenUrl);
            Assert.Equal("very-secret", record.ClientSecret);
            // Masked on read; not modelled, so kept as an extra field.
            Assert.NotEqual("very-secret", provider.AdditionalProperties["client_secret"]);
        }
        Assert.Contains(client.GetStorageProviders(CancellationToken.None), p => p.StorageProviderId == provider.StorageProviderId);
    }

    [Theory]
    [InlineData(KasmStorageProviderType.Nextcloud)]
    [InlineData(KasmStorageProviderType.S3)]
    [InlineData(KasmStorageProviderType.GoogleDrive)]
    [InlineData(KasmStorageProviderType.OneDrive)]
    [InlineData(KasmStorageProviderType.Dropbox)]
    public void CreateStorageProvider_with_only_what_has_no_default_is_accepted_by_the_server(KasmStorageProviderType type)
    {
        var client = Client();
        var fields = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = "Minimal " + type };
        if (type == KasmStorageProviderType.Nextcloud) fields["webdav_url"] = "https://cloud.example.com/remote.php/dav/files/";
        if (type is KasmStorageProviderType.GoogleDrive or KasmStorageProviderType.OneDrive or KasmStorageProviderType.Dropbox)
        {
            fields["client_id"] = "client";
            fields["client_secret"] = "very-secret";
        }

        var provider = client.CreateStorageProvider(type, fields, CancellationToken.None);

        var sent = Log.Single("create_storage_provider")["target_storage_provider"]!.AsObject();
        Assert.StartsWith("/", (string?)sent["default_target"], StringComparison.Ordinal);
        Assert.Equal("rclone", (string?)sent["volume_config"]!["driver"]);
        Assert.NotNull(sent["volume_config"]!["driver_opts"]);
        if (fields.ContainsKey("client_id"))
        {
            Assert.IsAssignableFrom<System.Text.Json.Nodes.JsonValue>(sent["scope"]); // text, one scope per line
            Assert.Equal($"{F.Emulator.Url.GetLeftPart(UriPartial.Authority)}/api/cloud_storage_callback", (string?)sent["redirect_url"]);
            Assert.NotEmpty(provider.Scope!);
        }
        Assert.Equal(SeededProviders + 1, F.Emulator.State.StorageProviders.Count);
    }

    [Fact]
    public void CreateStorageProvider_empty_volume_config_is_rejected_before_sending()
    {
        // An empty hashtable mounts nothing: the client treats it as missing and sends nothing.
        var client = Client();

        var ex = Assert.Throws<ArgumentException>(() => client.CreateStorageProvider(KasmStorageProviderType.Custom,
            new Dictionary<string, object?> { ["name"] = "bare", ["volume_config"] = new Hashtable() }, CancellationToken.None));

        Assert.Contains("-VolumeConfig", ex.Message);
        Assert.Equal(0, F.Count("create_storage_provider"));
        Assert.Equal(SeededProviders, F.Emulator.State.StorageProviders.Count);
    }

    [Fact]
    public void GetStorageProviders_maps_the_seeded_google_drive()
    {
        var client = Client();

        var provider = Assert.Single(client.GetStorageProviders(CancellationToken.None), p => p.StorageProviderId == SeedData.GoogleDriveProviderId);

        Assert.Equal(SeedData.GoogleDriveProviderId, provider.StorageProviderId);
        Assert.Equal("Google Drive", provider.Type);
        Assert.Equal("Google Drive", provider.Name);
        Assert.Equal(new[] { "https://www.googleapis.com/auth/drive" }, provider.Scope);
        Assert.Equal("https://accounts.google.com/o/oauth2/v2/auth", provider.AuthUrl);
        Assert.Equal("/home/kasm-user/Desktop/GoogleDrive", provider.DefaultTarget);
        var volume = Assert.IsType<Hashtable>(provider.VolumeConfig);
        Assert.Equal("rclone", volume["driver"]);
        Assert.Equal("rclone", volume["DRIVER"]); // case-insensitive, like a PowerShell hashtable
        Assert.Equal("drive", ((PSObject)volume["driver_opts"]!).Properties["type"].Value);
        Assert.Equal(false, Assert.IsType<Hashtable>(provider.MountConfig)["readonly"]);
        Assert.Equal("**********", provider.AdditionalProperties["client_secret"]);
        Assert.Equal("offline", Assert.IsType<Hashtable>(provider.AuthUrlOptions)["access_type"]);
        Assert.False(provider.AdditionalProperties.ContainsKey("auth_url_options"));
        Assert.Same(client.Connection, provider.Connection);
    }
}

/// <summary>update_storage_provider through the client: read, merge, send whole, never the masked secret (docs/kasm-api.md#storage-providers).</summary>
public abstract class StorageUpdateOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    protected StorageUpdateOperationsTests(TFixture fixture) : base(fixture) { }

    private StorageProviderRecord Drive => F.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == SeedData.GoogleDriveProviderId);

    private static Dictionary<string, object?> Changes(params (string Key, object? Value)[] changes) =>
        changes.ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateStorageProvider_keeps_every_other_field_and_the_secret_under_either_reading(bool replaces)
    {
        F.Emulator.Settings.StorageUpdateReplaces = replaces;
        var before = Drive;
        var client = Client();

        var updated = client.UpdateStorageProvider(SeedData.GoogleDriveProviderId,
            Changes(("default_target", "/home/kasm-user/Drive"), ("client_secret", "new-google-secret")), CancellationToken.None);

        var after = Drive;
        Assert.Equal("/home/kasm-user/Drive", after.DefaultTarget);
        Assert.Equal("new-google-secret", after.ClientSecret);
        Assert.Equal(before.Name, after.Name);
        Assert.Equal(before.ClientId, after.ClientId);
        Assert.Equal(before.AuthUrl, after.AuthUrl);
        Assert.Equal(before.TokenUrl, after.TokenUrl);
        Assert.Equal(before.RedirectUrl, after.RedirectUrl);
        Assert.Equal(before.RootDriveUrl, after.RootDriveUrl);
        Assert.Equal(before.Scope, after.Scope);
        Assert.Equal(before.Enabled, after.Enabled);
        Assert.Equal(before.VolumeConfig.ToJsonString(), after.VolumeConfig.ToJsonString());
        Assert.Equal(before.MountConfig.ToJsonString(), after.MountConfig.ToJsonString());
        Assert.Equal(before.AuthUrlOptions.ToJsonString(), after.AuthUrlOptions.ToJsonString());
        Assert.Equal("/home/kasm-user/Drive", updated.DefaultTarget);
        Assert.Equal("**********", updated.AdditionalProperties["client_secret"]);
        // Scope goes as text (a list makes 1.15 fail with an HTML 500).
        Assert.Equal("https://www.googleapis.com/auth/drive", Log.Single("update_storage_provider")["target_storage_provider"]!["scope"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateStorageProvider_without_the_secret_of_a_provider_that_has_one_is_refused_after_the_read_and_sends_no_update(bool replaces)
    {
        F.Emulator.Settings.StorageUpdateReplaces = replaces;
        var client = Client();

        var ex = Assert.Throws<ArgumentException>(() => client.UpdateStorageProvider(SeedData.GoogleDriveProviderId,
            Changes(("enabled", false)), CancellationToken.None));

        Assert.Contains("-ClientSecret", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, F.Count("update_storage_provider"));
        Assert.Equal("seeded-google-client-secret", Drive.ClientSecret);
        Assert.True(Drive.Enabled);
    }

    [Fact]
    public void UpdateStorageProvider_never_sends_the_mask_for_a_field_it_read_masked()
    {
        var client = Client();
        client.UpdateStorageProvider(SeedData.GoogleDriveProviderId, Changes(("name", "Team Drive"), ("client_secret", "s2")), CancellationToken.None);
        client.UpdateStorageProvider(SeedData.GoogleDriveProviderId, Changes(("enabled", false), ("client_secret", "s3")), CancellationToken.None);

        Assert.Equal("s3", Drive.ClientSecret);
        Assert.Equal("Team Drive", Drive.Name);
        Assert.False(Drive.Enabled);
        Assert.DoesNotContain(F.Emulator.State.StorageProviders, p => p.ClientSecret == "**********");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void UpdateStorageProvider_of_a_provider_without_a_secret_needs_none(bool replaces)
    {
        var client = Client();
        var made = client.CreateStorageProvider(KasmStorageProviderType.Nextcloud,
            Changes(("name", "Cloud"), ("webdav_url", "https://cloud.example.com/remote.php/dav/files/")), CancellationToken.None);
        F.Emulator.Settings.StorageUpdateReplaces = replaces;

        var updated = client.UpdateStorageProvider(made.StorageProviderId, Changes(("enabled", false)), CancellationToken.None);

        Assert.False(updated.Enabled);
        var stored = F.Emulator.State.StorageProviders.Single(p => p.StorageProviderId == made.StorageProviderId);
        Assert.Equal("https://cloud.example.com/remote.php/dav/files/", stored.WebdavUrl);
        Assert.Equal("/home/kasm-user/Desktop/Nextcloud", stored.DefaultTarget);
        Assert.Equal("rclone", stored.VolumeConfig["driver"]!.GetValue<string>());
        Assert.Equal("Cloud", stored.Name);
        Assert.False(Log.Single("update_storage_provider")["target_storage_provider"]!.AsObject().ContainsKey("client_secret"));
    }

    [Theory]
    [InlineData("default_target", "Desktop/Files", "-DefaultTarget")]
    [InlineData("client_secret", "**********", "-ClientSecret")]
    public void UpdateStorageProvider_rejects_bad_changes_before_sending(string field, string value, string named)
    {
        var client = Client();
        var ex = Assert.Throws<ArgumentException>(() => client.UpdateStorageProvider(SeedData.GoogleDriveProviderId, Changes((field, value)), CancellationToken.None));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
        Assert.Empty(F.Emulator.RequestLog);
    }

    [Fact]
    public void UpdateStorageProvider_of_an_unknown_id_is_KasmItemNotFound_and_sends_no_update()
    {
        var client = Client();
        var ex = Assert.Throws<KasmApiException>(() => client.UpdateStorageProvider(Guid.NewGuid(), Changes(("name", "x")), CancellationToken.None));
        Assert.Equal(KasmErrorId.ItemNotFound, ex.ErrorId);
        Assert.Equal(0, F.Count("update_storage_provider"));
    }
}

public sealed class StorageUpdateOperations115Tests : StorageUpdateOperationsTests<Kasm115Fixture> { public StorageUpdateOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class StorageUpdateOperations119Tests : StorageUpdateOperationsTests<Kasm119Fixture> { public StorageUpdateOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class StorageUpdateOperationsSeedTests : StorageUpdateOperationsTests<SeedFixture> { public StorageUpdateOperationsSeedTests(SeedFixture f) : base(f) { } }

public sealed class StorageOperations115Tests : StorageOperationsTests<Kasm115Fixture> { public StorageOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class StorageOperations119Tests : StorageOperationsTests<Kasm119Fixture> { public StorageOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class StorageOperationsSeedTests : StorageOperationsTests<SeedFixture> { public StorageOperationsSeedTests(SeedFixture f) : base(f) { } }
