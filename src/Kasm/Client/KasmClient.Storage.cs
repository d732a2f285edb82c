using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{

    internal sealed partial class KasmClient
    {
        /// <summary>The API's name for each type (what Kasm's UI shows).</summary>
        internal static string ApiName(KasmStorageProviderType type) => type == KasmStorageProviderType.GoogleDrive ? "Google Drive" : type.ToString();

        /// <summary>
        /// Reads a type from text: the enum name or the name Kasm's UI shows, ignoring case, spaces, '-' and '_'
        /// ('Google Drive', 'google_drive', 'GoogleDrive'). Null when it names no type.
        /// </summary>
        internal static KasmStorageProviderType? ParseStorageProviderType(string? text)
        {
            if (text == null) return null;
            string key = new string(text.Where(c => !char.IsWhiteSpace(c) && c != '-' && c != '_').ToArray());
            foreach (KasmStorageProviderType type in Enum.GetValues(typeof(KasmStorageProviderType)))
                if (string.Equals(type.ToString(), key, StringComparison.OrdinalIgnoreCase)) return type;
            return null;
        }

        private static bool IsOAuth(KasmStorageProviderType type) =>
            type == KasmStorageProviderType.GoogleDrive || type == KasmStorageProviderType.OneDrive || type == KasmStorageProviderType.Dropbox;

        /// <summary>
        /// What each type gets for a setting the user leaves out (docs/storage-providers.md says where each value
        /// comes from). Client id and secret, a Nextcloud WebDAV URL and a Custom volume config have no default.
        /// </summary>
        private static Dictionary<string, object?> DefaultsFor(KasmStorageProviderType type, Uri? server)
        {
            JsonObject Rclone(string driverOpts) => (JsonObject)JsonNode.Parse(
                "{\"driver\": \"rclone\", \"driver_opts\": {" + driverOpts + "\"uid\": \"1000\", \"gid\": \"1000\", \"allow_other\": \"true\"}}")!;
            var d = new Dictionary<string, object?>(StringComparer.Ordinal) { ["mount_config"] = new JsonObject() };
            // Without a connection yet (checks before sending, -WhatIf) the redirect URL is left to the send.
            if (IsOAuth(type) && server != null) d["redirect_url"] = $"https://{server.Authority}/api/cloud_storage_callback";
            switch (type)
            {
                case KasmStorageProviderType.GoogleDrive:
                    d["default_target"] = "/home/kasm-user/Desktop/GoogleDrive";
                    d["volume_config"] = Rclone("\"type\": \"drive\", ");
                    d["auth_url"] = "https://accounts.google.com/o/oauth2/v2/auth";
                    d["token_url"] = "https://oauth2.googleapis.com/token";
                    d["scope"] = new[] { "https://www.googleapis.com/auth/drive" };
                    d["auth_url_options"] = new JsonObject { ["access_type"] = "offline", ["prompt"] = "consent" };
                    break;
                case KasmStorageProviderType.Dropbox:
                    d["default_target"] = "/home/kasm-user/Desktop/Dropbox";
                    d["volume_config"] = Rclone("\"type\": \"dropbox\", ");
                    d["auth_url"] = "https://www.dropbox.com/1/oauth2/authorize";
                    d["token_url"] = "https://api.dropboxapi.com/oauth2/token";
                    d["scope"] = new[] { "account_info.read", "files.metadata.read", "files.metadata.write", "files.content.write", "files.content.read", "sharing.read", "sharing.write" };
                    d["auth_url_options"] = new JsonObject { ["include_granted_scopes"] = "user", ["token_access_type"] = "offline" };
                    break;
                case KasmStorageProviderType.OneDrive:
                    d["default_target"] = "/home/kasm-user/Desktop/OneDrive";
                    d["volume_config"] = Rclone("\"type\": \"onedrive\", ");
                    d["auth_url"] = "https://login.microsoftonline.com/common/oauth2/v2.0/authorize";
                    d["token_url"] = "https://login.microsoftonline.com/common/oauth2/v2.0/token";
                    d["scope"] = new[] { "Files.Read", "Files.Read.All", "Files.ReadWrite", "Files.ReadWrite.All", "offline_access", "Sites.Read.All", "User.Read" };
                    d["auth_url_options"] = new JsonObject { ["prompt"] = "select_account" };
                    d["root_drive_url"] = "https://graph.microsoft.com/v1.0/me/drive";
                    break;
                case KasmStorageProviderType.Nextcloud:
                    d["default_target"] = "/home/kasm-user/Desktop/Nextcloud";
                    d["volume_config"] = Rclone("\"type\": \"webdav\", \"webdav-vendor\": \"nextcloud\", ");
                    break;
                case KasmStorageProviderType.S3:
                    d["default_target"] = "/home/kasm-user/Desktop/S3";
                    d["volume_config"] = Rclone("\"type\": \"s3\", \"s3-provider\": \"AWS\", \"s3-env-auth\": \"false\", \"s3-region\": \"us-east-1\", ");
                    break;
                case KasmStorageProviderType.Custom:
                    d["default_target"] = "/custom";
                    break;
            }
            return d;
        }

        /// <summary>
        /// The fields to send for a new provider: the user's, then each type's default for what they left out, with
        /// scope as one string, one scope per line (a JSON list makes Kasm 1.15 fail with an HTML 500).
        /// </summary>
        internal static Dictionary<string, object?> WithStorageDefaults(KasmStorageProviderType type, IDictionary<string, object?> fields, Uri? server)
        {
            var all = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var f in fields) if (!IsBlank(f.Value)) all[f.Key] = f.Value;
            foreach (var d in DefaultsFor(type, server)) if (!all.ContainsKey(d.Key)) all[d.Key] = d.Value;
            if (all.TryGetValue("scope", out var scope) && !(scope is string))
                all["scope"] = string.Join("\n", ((IEnumerable)scope!).Cast<object?>().Select(s => Convert.ToString(s, System.Globalization.CultureInfo.InvariantCulture)?.Trim())
                    .Where(s => !string.IsNullOrEmpty(s)));
            return all;
        }

        private static bool IsBlank(object? v) =>
            v == null || (v is string s && s.Trim().Length == 0) || (v is ICollection c && c.Count == 0 && !(v is IDictionary));

        /// <summary>
        /// Names what a provider still lacks after the defaults (docs/kasm-api.md, create_storage_provider), or null.
        /// Every type needs an absolute default_target and a volume_config with driver and driver_opts; Nextcloud a
        /// webdav_url; the OAuth types client id and secret, URLs, scope and auth_url_options; OneDrive root_drive_url.
        /// </summary>
        internal static string? MissingForType(KasmStorageProviderType type, IDictionary<string, object?> fields)
        {
            var required = new List<string> { "default_target", "volume_config" };
            if (type == KasmStorageProviderType.Nextcloud) required.Add("webdav_url");
            if (IsOAuth(type)) required.AddRange(new[] { "client_id", "client_secret", "auth_url", "token_url", "scope", "auth_url_options" });
            if (type == KasmStorageProviderType.OneDrive) required.Add("root_drive_url");
            var missing = required.Where(f => !fields.TryGetValue(f, out var v) || IsBlank(v) || (f == "auth_url_options" && IsEmptyObject(v)))
                .Select(Param).ToList();
            var problems = new List<string>();
            if (missing.Count > 0) problems.Add($"needs {string.Join(", ", missing)}");
            if (fields.TryGetValue("default_target", out var target) && target is string path && !IsAbsolutePath(path))
                problems.Add($"needs an absolute -DefaultTarget (like /home/kasm-user/Desktop/Files or C:\\Files), not '{path}'");
            if (fields.TryGetValue("volume_config", out var volume) && volume != null && !HasKeys(volume, "driver", "driver_opts"))
                problems.Add("needs a -VolumeConfig with 'driver' and 'driver_opts' (for example @{ driver = 'rclone'; driver_opts = @{ type = 's3' } })");
            return problems.Count == 0 ? null : $"A {ApiName(type)} storage provider {string.Join("; and ", problems)}. Nothing was sent.";
        }

        private static bool IsEmptyObject(object? value) => JsonPayload.ToNode(value) is JsonObject o && o.Count == 0;

        private static string Param(string field) =>
            "-" + string.Concat(field.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));

        private static bool IsAbsolutePath(string path) =>
            path.StartsWith("/", StringComparison.Ordinal)
            || (path.Length >= 3 && char.IsLetter(path[0]) && path[1] == ':' && (path[2] == '\\' || path[2] == '/'));

        private static bool HasKeys(object value, params string[] keys)
        {
            var node = JsonPayload.ToNode(value) as JsonObject;
            return node != null && keys.All(k => node.ContainsKey(k) && node[k] != null);
        }

        /// <summary>The text Kasm shows in a read in place of a secret that is set.</summary>
        internal const string MaskedSecret = "**********";

        /// <summary>
        /// What is wrong with the changes for update_storage_provider, before anything is sent, or null: nothing to
        /// change, a relative -DefaultTarget, a -VolumeConfig without driver and driver_opts.
        /// </summary>
        internal static string? StorageChangeProblem(IDictionary<string, object?> changes)
        {
            if (changes.Count == 0) return "Nothing to change: give at least one setting, such as -NewName, -Enabled or -DefaultTarget. Nothing was sent.";
            if (changes.TryGetValue("default_target", out var target) && target is string path && !IsAbsolutePath(path))
                return $"-DefaultTarget must be an absolute path (like /home/kasm-user/Desktop/Files or C:\\Files), not '{path}'. Nothing was sent.";
            if (changes.TryGetValue("volume_config", out var volume) && volume != null && !HasKeys(volume, "driver", "driver_opts"))
                return "-VolumeConfig needs 'driver' and 'driver_opts' (for example @{ driver = 'rclone'; driver_opts = @{ type = 's3' } }). Nothing was sent.";
            if (changes.TryGetValue("client_secret", out var secret) && secret is string text && text == MaskedSecret)
                return "-ClientSecret cannot be the mask Kasm shows in place of a secret. Nothing was sent.";
            return null;
        }

        /// <summary>
        /// update_storage_provider, safe whether or not Kasm keeps the fields it is not sent (docs/kasm-api.md#storage-providers):
        /// the provider is read (get_storage_providers) and sent back whole with the changes. A secret comes back from
        /// the read masked, so it is never sent back as read: a field that reads as the mask is left out, and when the
        /// user does not give it again the update is refused before it is sent, because a server that resets what it
        /// is not sent would clear it. scope goes as one line per scope (a list makes 1.15 fail with an HTML 500).
        /// </summary>
        public KasmStorageProvider UpdateStorageProvider(Guid storageProviderId, IDictionary<string, object?> changes, CancellationToken cancel)
        {
            var problem = StorageChangeProblem(changes);
            if (problem != null) throw new ArgumentException(problem);
            var current = ReadStorageProvider(storageProviderId, cancel)
                ?? throw new KasmApiException(KasmErrorId.ItemNotFound, $"No storage provider has the id {storageProviderId}; nothing was changed.",
                    KasmEndpoints.GetStorageProviders.Name, 200, null, KasmEndpoints.GetStorageProviders.Permission);
            var target = new JsonObject();
            var masked = new List<string>();
            foreach (var field in current)
            {
                if (field.Value == null) continue;
                if (field.Value is JsonValue v && v.TryGetValue<string>(out var text) && text == MaskedSecret)
                {
                    if (!changes.ContainsKey(field.Key)) masked.Add(field.Key);
                    continue;
                }
                target[field.Key] = field.Value.DeepClone();
            }
            if (masked.Count > 0)
                throw new ArgumentException($"The storage provider '{current["name"]}' has {string.Join(" and ", masked.Select(Param))} set, which Kasm only shows masked, and Kasm may clear "
                    + $"a secret an update does not send: give {string.Join(" and ", masked.Select(Param))} again with the change. Nothing was changed.");
            foreach (var change in changes)
            {
                var node = change.Key == "scope" && change.Value is IEnumerable && !(change.Value is string)
                    ? JsonValue.Create(string.Join("\n", ((IEnumerable)change.Value).Cast<object?>().Select(x => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture)?.Trim()).Where(x => !string.IsNullOrEmpty(x))))
                    : JsonPayload.ToNode(change.Value);
                if (node != null) target[change.Key] = node;
            }
            if (target["scope"] is JsonArray scopes)
                target["scope"] = string.Join("\n", scopes.Select(x => x?.ToString()).Where(x => !string.IsNullOrEmpty(x)));
            target["storage_provider_id"] = storageProviderId.ToString("N");
            using var response = _transport.Send(KasmEndpoints.UpdateStorageProvider, new JsonObject { ["target_storage_provider"] = target }, cancel);
            return Made(response, ModelMapper.Map<KasmStorageProvider>(Property(response, "storage_provider"), Connection, response.Endpoint.Name));
        }

        /// <summary>One provider as get_storage_providers gives it (raw JSON), or null when it is not listed.</summary>
        private JsonObject? ReadStorageProvider(Guid storageProviderId, CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.GetStorageProviders, null, cancel);
            if (response.Json.TryGetProperty("storage_providers", out var list) && list.ValueKind == System.Text.Json.JsonValueKind.Array)
                foreach (var p in list.EnumerateArray())
                    if (p.ValueKind == System.Text.Json.JsonValueKind.Object && p.TryGetProperty("storage_provider_id", out var id)
                        && id.ValueKind == System.Text.Json.JsonValueKind.String && Guid.TryParse(id.GetString(), out var found) && found == storageProviderId)
                        return JsonNode.Parse(p.GetRawText()) as JsonObject;
            return null;
        }

        /// <summary>delete_storage_provider.</summary>
        public void DeleteStorageProvider(Guid storageProviderId, CancellationToken cancel)
        {
            var body = new JsonObject { ["target_storage_provider"] = new JsonObject { ["storage_provider_id"] = storageProviderId.ToString("N") } };
            using var _ = _transport.Send(KasmEndpoints.DeleteStorageProvider, body, cancel);
        }

        public IEnumerable<KasmStorageProvider> GetStorageProviders(CancellationToken cancel) =>
            List<KasmStorageProvider>(KasmEndpoints.GetStorageProviders, null, "storage_providers", cancel);

        /// <summary>create_storage_provider with the type's defaults filled in; throws ArgumentException for what is still missing.</summary>
        public KasmStorageProvider CreateStorageProvider(KasmStorageProviderType type, IDictionary<string, object?> fields, CancellationToken cancel)
        {
            var all = WithStorageDefaults(type, fields, Connection.Server);
            var missing = MissingForType(type, all);
            if (missing != null) throw new ArgumentException(missing);
            all["storage_provider_type"] = ApiName(type);
            using var response = _transport.Send(KasmEndpoints.CreateStorageProvider, Target("target_storage_provider", all), cancel);
            return Made(response, ModelMapper.Map<KasmStorageProvider>(Property(response, "storage_provider"), Connection, response.Endpoint.Name));
        }
    }
}
