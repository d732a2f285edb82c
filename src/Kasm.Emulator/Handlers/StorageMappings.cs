using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>
/// get_, create_, update_ and delete_storage_mapping (docs/kasm-api.md#storage-mappings): a storage provider bound to
/// one user, group or workspace. Every request is wrapped in <c>target_storage_mapping</c>; the decorator asks for
/// User, then the handler asks for Users, Groups or Images Modify on the mapping's owner (401 when it is missing).
/// </summary>
internal static class StorageMappings
{
    private const string MissingParameters = "Invalid Request. Missing required parameters";
    private const string Masked = "**********";
    private static readonly string[] Owners = ["user_id", "group_id", "image_id"];

    /// <summary>
    /// get_storage_mappings: exactly one of storage_mapping_id, user_id, group_id, image_id. An id nothing has gives an
    /// empty list (the lookup is a filter, not a fetch: inferred). Reading needs Users View, Groups View or Images View
    /// for the owner's kind, else 401 (kasm-api.md lists a 401 for it; which permission is inferred, the pessimistic reading).
    /// </summary>
    public static JsonObject Get(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_mapping", MissingParameters);
        string[] keys = ["storage_mapping_id", .. Owners];
        var given = keys.Where(target.Has).ToList();
        if (given.Count == 0) throw ApiError.Invalid(MissingParameters);
        if (given.Count > 1)
            throw ApiError.Invalid("Invalid request. Only one of the following parameters may be defined (storage_mapping_id, user_id, group_id, image_id)");
        string field = given[0];
        var id = Id(target, field);
        if (field != "storage_mapping_id") RequireMayView(ctx, field);
        var found = ctx.State.StorageMappingList.Where(m => field switch
        {
            "storage_mapping_id" => m.StorageMappingId == id,
            "user_id" => m.UserId == id,
            "group_id" => m.GroupId == id,
            _ => m.ImageId == id,
        }).ToList();
        foreach (var m in found) RequireMayView(ctx, OwnerField(m));
        return new JsonObject { ["storage_mappings"] = new JsonArray([.. found.Select(m => (JsonNode)Wire(ctx, m))]) };
    }

    /// <summary>
    /// create_storage_mapping: one owner and a provider. An S3, Nextcloud or Custom provider makes the mapping at once;
    /// an OAuth provider answers the consent link the user must open, and nothing is made until the OAuth callback
    /// (which the emulator does not implement). A user's mappings are capped by the group setting
    /// max_user_storage_mappings (default 2).
    /// </summary>
    public static JsonObject Create(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_mapping", MissingParameters);
        if (target.Has("oauth_token")) throw ApiError.Invalid("Unauthorized attempt to define restricted storage mapping property");
        var (ownerField, ownerId) = Owner(target) ?? throw ApiError.Invalid(MissingParameters);
        RequireOwnerExists(ctx, ownerField, ownerId);
        RequireMayModify(ctx, ownerField, "Unauthorized to modify the target user/group/image for the storage mapping.");
        string rawProvider = target.Str("storage_provider_id") ?? throw ApiError.Invalid(MissingParameters);
        var provider = Ids.TryParse(rawProvider, out var providerId) ? ctx.State.StorageProviderList.FirstOrDefault(p => p.StorageProviderId == providerId) : null;
        if (provider is null) throw ApiError.Invalid($"Invalid Storage Provider ID ({rawProvider})");
        if (ownerField == "user_id" && ctx.State.StorageMappingList.Count(m => m.UserId == ownerId) >= UserLimit(ctx, ownerId))
            throw ApiError.Invalid("Unable to create storage mapping. Limit exceeded");

        if (StorageProviders.OAuthTypes.Contains(provider.StorageProviderType))
        {
            // The consent link carries the OAuth state Kasm keeps for the callback; nothing is stored yet. Kasm also sets a
            // storage_token cookie for the callback: the emulator does not (nothing here completes the sign-in).
            return new JsonObject { ["url"] = ConsentUrl(provider) };
        }

        var mapping = new StorageMappingRecord
        {
            StorageMappingId = Guid.NewGuid(),
            Name = target.Str("name") ?? provider.Name,
            UserId = ownerField == "user_id" ? ownerId : null,
            GroupId = ownerField == "group_id" ? ownerId : null,
            ImageId = ownerField == "image_id" ? ownerId : null,
            StorageProviderId = provider.StorageProviderId,
            Enabled = target.Bool("enabled") ?? true,
            ReadOnly = target.Bool("read_only") ?? false,
            Target = target.Str("target") ?? provider.DefaultTarget,
            Config = Config(target),
            S3AccessKeyId = target.Str("s3_access_key_id"),
            S3SecretAccessKey = target.Str("s3_secret_access_key"),
            S3Bucket = target.Str("s3_bucket"),
            WebdavUser = target.Str("webdav_user"),
            WebdavPass = target.Str("webdav_pass"),
        };
        ctx.State.StorageMappingList.Add(mapping);
        return new JsonObject { ["storage_mapping"] = Wire(ctx, mapping) };
    }

    /// <summary>
    /// update_storage_mapping: a field sent is set (null clears it). As for update_storage_provider, whether a real
    /// server keeps what it is not sent is not known: the emulator keeps it, and with the setting
    /// storageUpdateReplaces resets it, the secrets and the OAuth token included. A secret sent as the mask
    /// "**********" is stored as that text (the pessimistic reading). The owner is kept unless another is sent.
    /// </summary>
    public static JsonObject Update(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_mapping", MissingParameters);
        string raw = target.Str("storage_mapping_id") ?? throw ApiError.Invalid(MissingParameters);
        var mapping = Find(ctx, raw) ?? throw ApiError.Invalid($"Invalid Storage Mapping ID ({raw})");
        if (target.Has("oauth_token")) throw ApiError.Invalid("Unauthorized attempt to define restricted storage mapping property");
        var newOwner = Owner(target);
        RequireMayModify(ctx, OwnerField(mapping), "Unauthorized to modify the target user/group/image for the storage mapping.");
        if (newOwner is { } owner)
        {
            RequireOwnerExists(ctx, owner.Field, owner.Id);
            RequireMayModify(ctx, owner.Field, "Unauthorized to modify the target user/group/image for the storage mapping.");
        }
        if (newOwner is { Field: "user_id" } moved && moved.Id != mapping.UserId
            && ctx.State.StorageMappingList.Count(m => m.UserId == moved.Id) >= UserLimit(ctx, moved.Id))
            throw ApiError.Invalid("Unable to create storage mapping. Limit exceeded");
        var provider = mapping.StorageProviderId;
        if (target.Has("storage_provider_id"))
        {
            string rawProvider = target.Str("storage_provider_id")!;
            if (!Ids.TryParse(rawProvider, out provider) || !ctx.State.StorageProviderList.Any(p => p.StorageProviderId == provider))
                throw ApiError.Invalid($"Invalid Storage Provider ID ({rawProvider})");
        }

        bool replace = ctx.Settings.StorageUpdateReplaces;
        bool Sent(string name) => target.ContainsKey(name);
        string? Text(string name, string? old) => Sent(name) ? target.Str(name) : replace ? null : old;
        bool Flag(string name, bool old, bool reset) => Sent(name) ? target.Bool(name) ?? reset : replace ? reset : old;
        var updated = new StorageMappingRecord
        {
            StorageMappingId = mapping.StorageMappingId,
            Name = Text("name", mapping.Name),
            UserId = newOwner is { } u ? (u.Field == "user_id" ? u.Id : null) : mapping.UserId,
            GroupId = newOwner is { } g ? (g.Field == "group_id" ? g.Id : null) : mapping.GroupId,
            ImageId = newOwner is { } i ? (i.Field == "image_id" ? i.Id : null) : mapping.ImageId,
            StorageProviderId = provider,
            Enabled = Flag("enabled", mapping.Enabled, reset: false),
            ReadOnly = Flag("read_only", mapping.ReadOnly, reset: false),
            Target = Text("target", mapping.Target),
            Config = Sent("config") ? Config(target) : replace ? [] : mapping.Config,
            S3AccessKeyId = Text("s3_access_key_id", mapping.S3AccessKeyId),
            S3SecretAccessKey = Text("s3_secret_access_key", mapping.S3SecretAccessKey),
            S3Bucket = Text("s3_bucket", mapping.S3Bucket),
            WebdavUser = Text("webdav_user", mapping.WebdavUser),
            WebdavPass = Text("webdav_pass", mapping.WebdavPass),
            OauthToken = replace ? null : mapping.OauthToken,
        };
        var list = ctx.State.StorageMappingList;
        list[list.IndexOf(mapping)] = updated;
        return new JsonObject { ["storage_mapping"] = Wire(ctx, updated) };
    }

    /// <summary>delete_storage_mapping: <c>{"target_storage_mapping": {"storage_mapping_id"}}</c> → <c>{}</c>.</summary>
    public static JsonObject Delete(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_mapping", MissingParameters);
        string raw = target.Str("storage_mapping_id") ?? throw ApiError.Invalid(MissingParameters);
        var mapping = Find(ctx, raw) ?? throw ApiError.NotFound($"Storage Mapping ID ({raw}) Not found");
        RequireMayModify(ctx, OwnerField(mapping), "Unauthorized Action");
        ctx.State.StorageMappingList.Remove(mapping);
        return [];
    }

    private static StorageMappingRecord? Find(HandlerContext ctx, string raw) =>
        Ids.TryParse(raw, out var id) ? ctx.State.StorageMappingList.FirstOrDefault(m => m.StorageMappingId == id) : null;

    /// <summary>The one owner field sent with a value, or null when none is; more than one is refused.</summary>
    private static (string Field, Guid Id)? Owner(JsonObject target)
    {
        var given = Owners.Where(target.Has).ToList();
        if (given.Count == 0) return null;
        if (given.Count > 1) throw ApiError.Invalid("Invalid request. Only one attribute group_id, user_id, or image_id may be set");
        return (given[0], Id(target, given[0]));
    }

    private static Guid Id(JsonObject target, string field)
    {
        string raw = target.Str(field)!;
        return Ids.TryParse(raw, out var id) ? id : throw ApiError.Invalid($"Invalid {field}");
    }

    private static string OwnerField(StorageMappingRecord m) => m.UserId is not null ? "user_id" : m.GroupId is not null ? "group_id" : "image_id";

    private static void RequireOwnerExists(HandlerContext ctx, string field, Guid id)
    {
        bool exists = field switch
        {
            "user_id" => ctx.State.UsersById.ContainsKey(id),
            "group_id" => ctx.State.FindGroup(id) is not null,
            _ => ctx.State.ImagesById.ContainsKey(id),
        };
        if (!exists) throw ApiError.Invalid($"Invalid {field}");
    }

    /// <summary>Changing someone's mappings needs Users Modify, Groups Modify or Images Modify for the owner's kind.</summary>
    private static void RequireMayModify(HandlerContext ctx, string ownerField, string message)
    {
        var needed = ownerField switch
        {
            "user_id" => Permission.UsersModify,
            "group_id" => Permission.GroupsModify,
            _ => Permission.ImagesModify,
        };
        if (!ctx.Holds(needed)) throw ApiError.TargetUnauthorized(message);
    }

    /// <summary>Reading someone's mappings needs Users View, Groups View or Images View for the owner's kind (inferred).</summary>
    private static void RequireMayView(HandlerContext ctx, string ownerField)
    {
        var needed = ownerField switch
        {
            "user_id" => Permission.UsersView,
            "group_id" => Permission.GroupsView,
            _ => Permission.ImagesView,
        };
        if (!ctx.Holds(needed)) throw ApiError.TargetUnauthorized("Unauthorized to view the target user/group/image for the storage mapping.");
    }

    /// <summary>
    /// The provider's consent page: its auth_url with the OAuth query a sign-in needs (client id, redirect, scope, a
    /// state) and its auth_url_options, joined to any query auth_url already has.
    /// </summary>
    private static string ConsentUrl(StorageProviderRecord provider)
    {
        var query = new List<string>
        {
            "response_type=code",
            "client_id=" + Uri.EscapeDataString(provider.ClientId ?? ""),
            "redirect_uri=" + Uri.EscapeDataString(provider.RedirectUrl ?? ""),
            "scope=" + Uri.EscapeDataString(string.Join(" ", provider.Scope)),
            "state=" + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
        };
        foreach (var (name, value) in provider.AuthUrlOptions)
            query.Add(Uri.EscapeDataString(name) + "=" + Uri.EscapeDataString(value?.ToString() ?? ""));
        string url = provider.AuthUrl ?? "";
        return url + (url.Contains('?') ? "&" : "?") + string.Join("&", query);
    }

    /// <summary>
    /// How many mappings a user may have: max_user_storage_mappings as the user's groups set it (the group with the
    /// lowest priority number wins, as for every group setting), else the setting's default, 2.
    /// </summary>
    private static int UserLimit(HandlerContext ctx, Guid userId)
    {
        var user = ctx.State.FindUser(userId);
        var set = ctx.State.GroupList
            .Where(g => user is not null && user.GroupIds.Contains(g.GroupId))
            .OrderBy(g => g.Priority)
            .SelectMany(g => g.Settings.Where(s => s.Name == "max_user_storage_mappings"))
            .Select(s => int.TryParse(s.Value, out var n) ? n : (int?)null)
            .FirstOrDefault(n => n is not null);
        return set ?? int.Parse(GroupSettingCatalogue.Find("max_user_storage_mappings")!.Default!, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>config: an object, a JSON-encoded object, or nothing (as the provider's object fields).</summary>
    private static JsonObject Config(JsonObject target) => StorageProviders.ObjectField(target, "config");

    private static string? Mask(string? secret) => string.IsNullOrEmpty(secret) ? secret : Masked;

    private static JsonObject Wire(HandlerContext ctx, StorageMappingRecord m) => new()
    {
        ["storage_mapping_id"] = Ids.Hex(m.StorageMappingId),
        ["name"] = m.Name,
        ["config"] = m.Config.DeepClone(),
        ["enabled"] = m.Enabled,
        ["read_only"] = m.ReadOnly,
        ["target"] = m.Target,
        ["user_id"] = m.UserId is { } u ? Ids.Hex(u) : null,
        ["group_id"] = m.GroupId is { } g ? Ids.Hex(g) : null,
        ["image_id"] = m.ImageId is { } i ? Ids.Hex(i) : null,
        ["storage_provider_id"] = Ids.Hex(m.StorageProviderId),
        ["storage_provider_type"] = ctx.State.StorageProviderList.FirstOrDefault(p => p.StorageProviderId == m.StorageProviderId)?.StorageProviderType,
        ["webdav_user"] = m.WebdavUser,
        ["webdav_pass"] = Mask(m.WebdavPass),
        ["s3_access_key_id"] = m.S3AccessKeyId,
        ["s3_secret_access_key"] = Mask(m.S3SecretAccessKey),
        ["s3_bucket"] = m.S3Bucket,
        ["oauth_token"] = Mask(m.OauthToken),
    };
}
