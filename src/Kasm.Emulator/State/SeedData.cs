using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>The fixed fixtures every emulator starts with (listed in src/Kasm.Emulator/README.md). Ids are fixed so docs can quote them.</summary>
public static class SeedData
{
    public static readonly Guid AdminUserId = Guid.ParseExact("4d3f5a1b2c6e4f708192a3b4c5d6e7f8", "N");
    public static readonly Guid PlainUserId = Guid.ParseExact("9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f", "N");

    public static readonly Guid ChromeImageId = Guid.ParseExact("01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b", "N");
    public static readonly Guid FirefoxImageId = Guid.ParseExact("02b7d2a3c4e54f608b9c1d2e3f4a5b6c", "N");
    public static readonly Guid TerminalImageId = Guid.ParseExact("03c8e3b4d5f6407192ad2e3f4a5b6c7d", "N");
    public static readonly Guid UbuntuImageId = Guid.ParseExact("04d9f4c5e6a7418293be3f4a5b6c7d8e", "N");
    public static readonly Guid BraveImageId = Guid.ParseExact("05eaa5d6f7b84293a4cf4a5b6c7d8e9f", "N");
    /// <summary>Disabled (enabled=false) but still listed by get_images.</summary>
    public static readonly Guid EdgeImageId = Guid.ParseExact("06fbb6e7a8c94304b5d05b6c7d8e9fa0", "N");
    /// <summary>Enabled but not pulled by any agent (available=false): request_kasm finds no resources.</summary>
    public static readonly Guid BlenderImageId = Guid.ParseExact("070cc7f8b9da4415c6e16c7d8e9fa0b1", "N");

    public static readonly Guid GoogleDriveProviderId = Guid.ParseExact("5b1e0f7a9c2d4e3f8a6b7c8d9e0f1a2b", "N");
    /// <summary>An S3 provider, the one the storage mapping fixtures use.</summary>
    public static readonly Guid TeamS3ProviderId = Guid.ParseExact("5b2e1f7a9c2d4e3f8a6b7c8d9e0f1a2c", "N");

    /// <summary>The one Docker agent sessions are placed on.</summary>
    public static readonly Guid AgentServerId = Guid.ParseExact("a1b2c3d4e5f64718293a4b5c6d7e8f90", "N");
    public const string AgentHostname = "kasm-agent-01";
    public const string AgentIp = "10.0.0.120";
    public const string ZoneName = "default";

    public static readonly DateTime Installed = new(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc);

    /// <summary>The Ops group's own rows for max_kasms_per_user (3) and allow_kasm_downloads (false).</summary>
    public static readonly Guid OpsMaxKasmsSettingId = Guid.ParseExact("b0000000000040008000000000000001", "N");
    public static readonly Guid OpsDownloadsSettingId = Guid.ParseExact("b0000000000040008000000000000002", "N");

    public static IEnumerable<GroupRecord> Groups() =>
    [
        new()
        {
            GroupId = GroupRecord.AllUsersId, Name = "All Users", Description = "Every user is a member", Priority = 4095, IsSystem = true,
            // Every workspace but the disabled and unavailable ones, as an admin would assign them (fixed link ids).
            Images =
            [
                new() { GroupImageId = Guid.ParseExact("a0000000000040008000000000000001", "N"), ImageId = ChromeImageId },
                new() { GroupImageId = Guid.ParseExact("a0000000000040008000000000000002", "N"), ImageId = FirefoxImageId },
                new() { GroupImageId = Guid.ParseExact("a0000000000040008000000000000003", "N"), ImageId = TerminalImageId },
                new() { GroupImageId = Guid.ParseExact("a0000000000040008000000000000004", "N"), ImageId = UbuntuImageId },
                new() { GroupImageId = Guid.ParseExact("a0000000000040008000000000000005", "N"), ImageId = BraveImageId },
            ],
        },
        new() { GroupId = GroupRecord.AdministratorsId, Name = "Administrators", Description = "Kasm administrators", Priority = 1, IsSystem = true },
        new()
        {
            GroupId = GroupRecord.OpsId, Name = "Ops", Description = "Operations team", Priority = 50,
            Images = [new() { GroupImageId = Guid.ParseExact("a0000000000040008000000000000006", "N"), ImageId = TerminalImageId }],
            // Two settings set on the group (fixed ids), the rest at their defaults (docs/kasm-api.md#group-settings).
            Settings =
            [
                new() { GroupSettingId = OpsMaxKasmsSettingId, Name = "max_kasms_per_user", Value = "3" },
                new() { GroupSettingId = OpsDownloadsSettingId, Name = "allow_kasm_downloads", Value = "false" },
            ],
        },
    ];

    public static IEnumerable<UserRecord> Users() =>
    [
        new()
        {
            UserId = AdminUserId, Username = "admin@kasm.local", FirstName = "Admin", LastName = "User",
            Created = Installed.AddTicks(630480), PasswordSetDate = Installed.AddTicks(630480),
            GroupIds = [GroupRecord.AllUsersId, GroupRecord.AdministratorsId],
        },
        new()
        {
            UserId = PlainUserId, Username = "user@kasm.local", FirstName = "Demo", LastName = "User",
            Organization = "Example", Created = Installed.AddMinutes(2).AddTicks(1234560),
            PasswordSetDate = Installed.AddMinutes(2).AddTicks(1234560),
            GroupIds = [GroupRecord.AllUsersId, GroupRecord.OpsId],
        },
    ];

    public static IEnumerable<ImageRecord> Images(string buildVersion) =>
    [
        Image(ChromeImageId, $"kasmweb/chrome:{buildVersion}", "Chrome", "Browser", "Google Chrome browser.",
            "img/thumbnails/chrome.png", cores: 2, memory: 2768000000, categories: ["Browser"], size: 2394),
        Image(FirefoxImageId, $"kasmweb/firefox:{buildVersion}", "Firefox", "Browser", "Mozilla Firefox browser.",
            "img/thumbnails/firefox.png", cores: 2, memory: 2768000000, categories: ["Browser"], size: 2211),
        Image(TerminalImageId, $"kasmweb/terminal:{buildVersion}", "Terminal", "Development", "A terminal with common tools.",
            "img/thumbnails/terminal.png", cores: 1, memory: 1024000000, categories: ["Development", "Productivity"], size: 1045),
        Image(UbuntuImageId, $"kasmweb/ubuntu-jammy-desktop:{buildVersion}", "Ubuntu Jammy", "Desktop",
            "Ubuntu 22.04 desktop with productivity applications.", "img/thumbnails/ubuntu.png",
            cores: 2, memory: 4096000000, categories: ["Desktop", "Productivity"], size: 6832),
        Image(BraveImageId, $"kasmweb/brave:{buildVersion}", "Brave", "Browser", "Brave browser.",
            "img/thumbnails/brave.png", cores: 2, memory: 2768000000, categories: ["Browser", "Privacy"], size: 2302),
        Image(EdgeImageId, $"kasmweb/edge:{buildVersion}", "Edge", "Browser", "Microsoft Edge browser (disabled).",
            "img/thumbnails/edge.png", cores: 2, memory: 2768000000, categories: ["Browser"], size: 2604, enabled: false),
        Image(BlenderImageId, $"kasmweb/blender:{buildVersion}", "Blender", "Multimedia", "Blender (not pulled on any agent).",
            "img/thumbnails/blender.png", cores: 4, memory: 8192000000, categories: ["Multimedia"], size: 0, available: false),
    ];

    /// <summary>A past session of user@kasm.local with seven recordings, more than one page of five (docs/kasm-api.md#session-recordings).</summary>
    public static readonly Guid RecordedKasmId = Guid.ParseExact("e1f2a3b4c5d64e7f8091a2b3c4d5e6f7", "N");
    /// <summary>A past session with one recording.</summary>
    public static readonly Guid ShortRecordedKasmId = Guid.ParseExact("e2f3a4b5c6d74f8091a2b3c4d5e6f708", "N");

    /// <summary>The recordings, oldest first: seven of <see cref="RecordedKasmId"/>, one of <see cref="ShortRecordedKasmId"/>.</summary>
    public static IReadOnlyList<RecordingRecord> Recordings { get; } =
    [
        .. Enumerable.Range(1, 7).Select(i => new RecordingRecord
        {
            RecordingId = Guid.ParseExact($"f10000000000400080000000000000{i:x2}", "N"),
            AccountId = Guid.ParseExact("a0c0000000004000800000000000e1f2", "N"),
            KasmId = RecordedKasmId,
            DurationSeconds = 60 * i + 0.5,
            Created = Installed.AddDays(10).AddMinutes(10 * i),
        }),
        new RecordingRecord
        {
            RecordingId = Guid.ParseExact("f2000000000040008000000000000001", "N"),
            AccountId = Guid.ParseExact("a0c0000000004000800000000000e2f3", "N"),
            KasmId = ShortRecordedKasmId,
            DurationSeconds = 42,
            Created = Installed.AddDays(11),
        },
    ];

    /// <summary>
    /// Twelve past sessions, oldest first, for get_session_history (docs/kasm-api.md#session-history): the two recorded
    /// ones (their account ids are the recordings') and ten more of user@kasm.local and admin@kasm.local, one a day.
    /// </summary>
    public static IEnumerable<AccountRecord> History()
    {
        var images = Images("1.15.0").ToDictionary(i => i.ImageId);
        var users = Users().ToDictionary(u => u.UserId);
        AccountRecord Row(int day, Guid accountId, Guid kasmId, Guid userId, Guid imageId, double hours, string reason)
        {
            var image = images[imageId];
            var user = users[userId];
            var created = Installed.AddDays(day);
            return new AccountRecord
            {
                AccountId = accountId, KasmId = kasmId, UserId = userId, UserName = user.Username,
                ImageId = imageId, ImageName = image.Name ?? "", ImageFriendlyName = image.FriendlyName, ImageSrc = image.Fields["image_src"]?.GetValue<string>() ?? "",
                Created = created, Destroyed = created.AddHours(hours), DestroyReason = reason, GroupIds = [.. user.GroupIds],
            };
        }
        yield return Row(10, Guid.ParseExact("a0c0000000004000800000000000e1f2", "N"), RecordedKasmId, PlainUserId, ChromeImageId, 1.5, "user_destroyed");
        yield return Row(11, Guid.ParseExact("a0c0000000004000800000000000e2f3", "N"), ShortRecordedKasmId, PlainUserId, ChromeImageId, 0.25, "expired");
        string[] reasons = ["user_destroyed", "admin_destroyed", "expired", "idle"];
        for (int i = 1; i <= 10; i++)
            yield return Row(11 + i, Guid.ParseExact($"a0c00000000040008000000000{i:x6}", "N"), Guid.ParseExact($"e3{i:x6}000040008000000000000000", "N"),
                i % 3 == 0 ? AdminUserId : PlainUserId, i % 2 == 0 ? ChromeImageId : UbuntuImageId, i * 0.5, reasons[i % reasons.Length]);
    }

    public static IEnumerable<StorageProviderRecord> StorageProviders() =>
    [
        new()
        {
            StorageProviderId = GoogleDriveProviderId, Name = "Google Drive", StorageProviderType = "Google Drive",
            ClientId = "123456789012-example.apps.googleusercontent.com", ClientSecret = "seeded-google-client-secret",
            AuthUrl = "https://accounts.google.com/o/oauth2/v2/auth", TokenUrl = "https://oauth2.googleapis.com/token",
            RedirectUrl = "https://kasm.example.com/api/cloud_storage_callback",
            Scope = ["https://www.googleapis.com/auth/drive"],
            AuthUrlOptions = new JsonObject { ["access_type"] = "offline", ["prompt"] = "consent" },
            VolumeConfig = new JsonObject { ["driver"] = "rclone", ["driver_opts"] = new JsonObject { ["type"] = "drive" } },
            MountConfig = new JsonObject { ["readonly"] = false },
            RootDriveUrl = "https://drive.google.com/drive/my-drive",
            DefaultTarget = "/home/kasm-user/Desktop/GoogleDrive",
        },
        new()
        {
            StorageProviderId = TeamS3ProviderId, Name = "Team S3", StorageProviderType = "S3",
            VolumeConfig = new JsonObject
            {
                ["driver"] = "rclone",
                ["driver_opts"] = new JsonObject { ["type"] = "s3", ["s3-provider"] = "AWS", ["s3-region"] = "us-east-1" },
            },
            MountConfig = new JsonObject { ["readonly"] = false },
            DefaultTarget = "/home/kasm-user/Desktop/S3",
        },
    ];

    /// <summary>
    /// One storage mapping of each kind: user@kasm.local's own S3 folder, the Ops group's read-only share, the Chrome
    /// workspace's downloads, and admin@kasm.local's Google Drive (an OAuth sign-in, so it holds a token).
    /// </summary>
    public static IEnumerable<StorageMappingRecord> StorageMappings() =>
    [
        new()
        {
            StorageMappingId = Guid.ParseExact("5c000000000040008000000000000001", "N"), Name = "user S3", UserId = PlainUserId,
            StorageProviderId = TeamS3ProviderId, Target = "/home/kasm-user/Desktop/S3",
            S3AccessKeyId = "AKIAEXAMPLE00000001", S3SecretAccessKey = "seeded-s3-secret", S3Bucket = "kasm-user-files",
        },
        new()
        {
            StorageMappingId = Guid.ParseExact("5c000000000040008000000000000002", "N"), Name = "Ops shared", GroupId = GroupRecord.OpsId,
            StorageProviderId = TeamS3ProviderId, Target = "/home/kasm-user/Desktop/Ops", ReadOnly = true,
            S3AccessKeyId = "AKIAEXAMPLE00000002", S3SecretAccessKey = "seeded-ops-secret", S3Bucket = "kasm-ops-shared",
        },
        new()
        {
            StorageMappingId = Guid.ParseExact("5c000000000040008000000000000003", "N"), Name = "Chrome downloads", ImageId = ChromeImageId,
            StorageProviderId = TeamS3ProviderId, Target = "/home/kasm-user/Downloads/S3",
            S3AccessKeyId = "AKIAEXAMPLE00000003", S3SecretAccessKey = "seeded-chrome-secret", S3Bucket = "kasm-chrome-downloads",
        },
        new()
        {
            StorageMappingId = Guid.ParseExact("5c000000000040008000000000000004", "N"), Name = "admin Drive", UserId = AdminUserId,
            StorageProviderId = GoogleDriveProviderId, Target = "/home/kasm-user/Desktop/GoogleDrive",
            OauthToken = "seeded-google-oauth-token",
        },
    ];

    private static ImageRecord Image(Guid id, string name, string friendly, string category, string description,
        string icon, double cores, long memory, string[] categories, int size, bool enabled = true, bool available = true)
    {
        var fields = ImageFields.Defaults(id);
        fields["name"] = name;
        fields["friendly_name"] = friendly;
        fields["description"] = description;
        fields["image_src"] = icon;
        fields["enabled"] = enabled;
        fields["available"] = available;
        fields["cores"] = PyJson.Float(cores);
        fields["memory"] = memory;
        fields["uncompressed_size_mb"] = size;
        fields["hash"] = available ? "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(id.ToByteArray())) : null;
        fields["categories"] = new JsonArray([.. categories.Select(c => (JsonNode?)c)]);
        fields["run_config"] = new JsonObject { ["hostname"] = "kasm" };
        fields["exec_config"] = category == "Browser"
            ? new JsonObject { ["go"] = new JsonObject { ["cmd"] = "bash -c '/dockerstartup/custom_startup.sh --go --url \"$KASM_URL\"'" } }
            : new JsonObject();
        fields["persistent_profile_path"] = null;
        fields["zone_name"] = null;
        return new ImageRecord { ImageId = id, Fields = fields };
    }
}
