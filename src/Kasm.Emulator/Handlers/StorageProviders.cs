using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>get_, create_, update_ and delete_storage_provider (docs/kasm-api.md#storage-providers).</summary>
internal static class StorageProviders
{
    private const string MissingParameters = "Invalid Request. Missing required parameters";
    private const string Masked = "**********";

    private static readonly string[] OAuthFields = ["client_id", "client_secret", "auth_url", "token_url", "redirect_url"];

    /// <summary>The provider types that sign in with OAuth (their mappings are made by the OAuth callback).</summary>
    internal static readonly string[] OAuthTypes = ["Google Drive", "OneDrive", "Dropbox"];

    /// <summary>
    /// Required fields per type. docs/kasm-api.md#storage-providers only says OAuth providers need their client and URL fields and Nextcloud a
    /// webdav_url; the emulator also asks S3 for the rclone volume_config and a default_target (where to mount it)
    /// and Custom for a volume_config. "Other" is a known type with no validation routine, as on a real server.
    /// </summary>
    private static readonly Dictionary<string, string[]> Required = new()
    {
        ["Google Drive"] = OAuthFields,
        ["OneDrive"] = OAuthFields,
        ["Dropbox"] = OAuthFields,
        ["Nextcloud"] = ["webdav_url"],
        ["S3"] = ["volume_config", "default_target"],
        ["Custom"] = ["volume_config"],
    };

    public static JsonObject Get(HandlerContext ctx) => new()
    {
        ["storage_providers"] = new JsonArray([.. ctx.State.StorageProviderList.Select(p => (JsonNode)Wire(p))]),
    };

    /// <summary>delete_storage_provider: <c>{"target_storage_provider": {"storage_provider_id"}}</c> → <c>{}</c> (docs/kasm-api.md#storage-providers).</summary>
    public static JsonObject Delete(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_provider", MissingParameters);
        string raw = target.Str("storage_provider_id") ?? throw ApiError.Invalid(MissingParameters);
        var provider = Ids.TryParse(raw, out var id) ? ctx.State.StorageProviderList.FirstOrDefault(p => p.StorageProviderId == id) : null;
        if (provider is null) throw ApiError.NotFound($"No storage provider with id ({raw}) found");
        ctx.State.StorageProviderList.Remove(provider);
        ctx.State.StorageMappingList.RemoveAll(m => m.StorageProviderId == provider.StorageProviderId);
        return [];
    }

    public static JsonObject Create(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_provider", MissingParameters);
        string rawType = target.Str("storage_provider_type") ?? throw ApiError.Invalid(MissingParameters);
        string type = CanonicalType(ctx, rawType, target);
        if (type == "Other") throw ApiError.Invalid($"No validation routine defined for storage_provider_type: {type}");
        if (ctx.Profile.RealServerRules) ValidateAsRealServers(type, target);
        else RequirePresent(type, target, Required[type]);

        var provider = new StorageProviderRecord
        {
            StorageProviderId = Guid.NewGuid(),
            Name = target.Str("name") ?? type,
            StorageProviderType = type,
            Enabled = target.Bool("enabled") ?? true,
            ClientId = target.Str("client_id"),
            ClientSecret = target.Str("client_secret"),
            AuthUrl = target.Str("auth_url"),
            TokenUrl = target.Str("token_url"),
            WebdavUrl = target.Str("webdav_url"),
            Scope = Scope(target["scope"]),
            RedirectUrl = target.Str("redirect_url"),
            AuthUrlOptions = ObjectField(target, "auth_url_options"),
            VolumeConfig = ObjectField(target, "volume_config"),
            MountConfig = ObjectField(target, "mount_config"),
            RootDriveUrl = target.Str("root_drive_url"),
            DefaultTarget = target.Str("default_target"),
        };
        ctx.State.StorageProviderList.Add(provider);
        return new JsonObject { ["storage_provider"] = Wire(provider) };
    }

    /// <summary>
    /// update_storage_provider: <c>{"target_storage_provider": {"storage_provider_id", ...}}</c> →
    /// <c>{"storage_provider": provider}</c> (docs/kasm-api.md#storage-providers). A field sent is set (null clears it).
    /// Whether a real server keeps the fields it is not sent is not known: the emulator keeps them, and with the
    /// setting storageUpdateReplaces resets them, client_secret included (the reading under which a client that
    /// leaves out what it does not change would lose it). A client_secret sent as the mask "**********" is stored as
    /// that text (the pessimistic reading: a client that sends the masked read back has broken the secret).
    /// </summary>
    public static JsonObject Update(HandlerContext ctx)
    {
        var target = ctx.Target("target_storage_provider", MissingParameters);
        string raw = target.Str("storage_provider_id") ?? throw ApiError.Invalid(MissingParameters);
        var provider = Ids.TryParse(raw, out var id) ? ctx.State.StorageProviderList.FirstOrDefault(p => p.StorageProviderId == id) : null;
        if (provider is null) throw ApiError.NotFound($"No storage provider found with id ({raw})");
        if (ctx.Profile.RealServerRules && target["scope"] is JsonArray) throw ApiError.Crash("scope sent as a list");
        string? type = target.Has("storage_provider_type") ? CanonicalType(ctx, target.Str("storage_provider_type")!, target) : null;
        bool replace = ctx.Settings.StorageUpdateReplaces;
        bool Sent(string name) => target.ContainsKey(name);
        string? Text(string name, string? old) => Sent(name) ? target.Str(name) : replace ? null : old;
        JsonObject Obj(string name, JsonObject old) => Sent(name) ? ObjectField(target, name) : replace ? [] : old;

        var updated = new StorageProviderRecord
        {
            StorageProviderId = provider.StorageProviderId,
            StorageProviderType = type ?? provider.StorageProviderType,
            Name = Text("name", provider.Name),
            Enabled = Sent("enabled") ? target.Bool("enabled") ?? false : !replace && provider.Enabled,
            ClientId = Text("client_id", provider.ClientId),
            ClientSecret = Text("client_secret", provider.ClientSecret),
            AuthUrl = Text("auth_url", provider.AuthUrl),
            TokenUrl = Text("token_url", provider.TokenUrl),
            WebdavUrl = Text("webdav_url", provider.WebdavUrl),
            Scope = Sent("scope") ? Scope(target["scope"]) : replace ? [] : provider.Scope,
            RedirectUrl = Text("redirect_url", provider.RedirectUrl),
            AuthUrlOptions = Obj("auth_url_options", provider.AuthUrlOptions),
            VolumeConfig = Obj("volume_config", provider.VolumeConfig),
            MountConfig = Obj("mount_config", provider.MountConfig),
            RootDriveUrl = Text("root_drive_url", provider.RootDriveUrl),
            DefaultTarget = Text("default_target", provider.DefaultTarget),
        };
        ctx.State.StorageProviderList[ctx.State.StorageProviderList.IndexOf(provider)] = updated;
        return new JsonObject { ["storage_provider"] = Wire(updated) };
    }

    /// <summary>
    /// What real servers ask of every new provider (docs/kasm-api.md, create_storage_provider): an absolute
    /// default_target and a volume_config with driver and driver_opts for every type; webdav_url for Nextcloud; client
    /// id and secret, auth and token URLs, scope and auth_url_options for the OAuth types; root_drive_url for OneDrive.
    /// scope must be one string, one scope per line: a JSON list makes 1.15 fail with an HTML 500.
    /// </summary>
    private static void ValidateAsRealServers(string type, JsonObject target)
    {
        if (target["scope"] is JsonArray) throw ApiError.Crash("scope sent as a list");
        string? defaultTarget = target.Str("default_target");
        if (string.IsNullOrEmpty(defaultTarget) || !IsAbsolute(defaultTarget))
            throw ApiError.Invalid("Invalid Request. default_target must be an absolute path");
        var config = ObjectField(target, "volume_config");
        if (!config.Has("driver") || !config.Has("driver_opts"))
            throw ApiError.Invalid("Invalid Request. volume_config must define driver and driver_opts");
        var required = new List<string>();
        if (type == "Nextcloud") required.Add("webdav_url");
        if (OAuthTypes.Contains(type))
            required.AddRange(["client_id", "client_secret", "auth_url", "token_url", "scope", "auth_url_options"]);
        if (type == "OneDrive") required.Add("root_drive_url");
        RequirePresent(type, target, required);
    }

    /// <summary>
    /// Each field must be there with a value; an empty object or blank text counts as missing, as an empty value does
    /// in a Python truth test (the strict reading).
    /// </summary>
    private static void RequirePresent(string type, JsonObject target, IEnumerable<string> fields)
    {
        foreach (var field in fields)
        {
            bool present = target[field] switch
            {
                null => false,
                JsonObject o => o.Count > 0,
                var v => v.ToString().Trim().Length > 0,
            };
            if (!present) throw ApiError.Invalid($"Invalid Request. {field} is required for {type} storage providers");
        }
    }

    private static bool IsAbsolute(string path) =>
        path.StartsWith('/') || (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && path[2] is '\\' or '/');

    /// <summary>
    /// Kasm profiles take the type names exactly. The seed profile also takes the seed's own curl body:
    /// a lowercase type and <c>nextcloud_url</c> in place of <c>webdav_url</c>.
    /// </summary>
    private static string CanonicalType(HandlerContext ctx, string rawType, JsonObject target)
    {
        if (Required.ContainsKey(rawType) || rawType == "Other") return rawType;
        if (ctx.Profile.IsSeed)
        {
            string? known = Required.Keys.Append("Other").FirstOrDefault(k => string.Equals(k, rawType, StringComparison.OrdinalIgnoreCase));
            if (known is not null)
            {
                if (known == "Nextcloud" && !target.Has("webdav_url") && target.Str("nextcloud_url") is { } url)
                    target["webdav_url"] = url;
                return known;
            }
        }
        throw ApiError.Invalid($"Invalid storage_provider_type ({rawType})");
    }

    private static JsonObject Wire(StorageProviderRecord p) => new()
    {
        ["storage_provider_id"] = Ids.Hex(p.StorageProviderId),
        ["name"] = p.Name,
        ["storage_provider_type"] = p.StorageProviderType,
        ["enabled"] = p.Enabled,
        ["client_id"] = p.ClientId,
        ["client_secret"] = string.IsNullOrEmpty(p.ClientSecret) ? p.ClientSecret : Masked,
        ["auth_url"] = p.AuthUrl,
        ["token_url"] = p.TokenUrl,
        ["webdav_url"] = p.WebdavUrl,
        ["scope"] = new JsonArray([.. p.Scope.Select(s => (JsonNode)s)]),
        ["redirect_url"] = p.RedirectUrl,
        ["auth_url_options"] = p.AuthUrlOptions.DeepClone(),
        ["volume_config"] = p.VolumeConfig.DeepClone(),
        ["mount_config"] = p.MountConfig.DeepClone(),
        ["root_drive_url"] = p.RootDriveUrl,
        ["default_target"] = p.DefaultTarget,
    };

    /// <summary>A list, or a newline-separated string (docs/kasm-api.md#storage-providers).</summary>
    private static List<string> Scope(JsonNode? node) => node switch
    {
        JsonArray a => [.. a.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0)],
        JsonValue v when v.TryGetValue<string>(out var s) => [.. s.Split('\n').Select(x => x.Trim()).Where(x => x.Length > 0)],
        _ => [],
    };

    /// <summary>An object field; a JSON-encoded string is accepted too, anything else is refused.</summary>
    internal static JsonObject ObjectField(JsonObject target, string name)
    {
        switch (target[name])
        {
            case null:
                return [];
            case JsonObject o:
                return (JsonObject)o.DeepClone();
            case JsonValue v when v.TryGetValue<string>(out var s):
                try
                {
                    if (s.Length == 0) return [];
                    if (JsonNode.Parse(s) is JsonObject parsed) return parsed;
                }
                catch (JsonException)
                {
                }
                break;
        }
        throw ApiError.Invalid($"Invalid Request. {name} must be a JSON object");
    }
}
