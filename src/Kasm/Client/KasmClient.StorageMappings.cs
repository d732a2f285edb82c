using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    /// <summary>What a storage mapping belongs to: the field Kasm names it by, and its id.</summary>
    internal readonly struct StorageMappingOwner
    {
        public StorageMappingOwner(string field, Guid id) { Field = field; Id = id; }
        /// <summary>user_id, group_id or image_id.</summary>
        public string Field { get; }
        public Guid Id { get; }
        public static StorageMappingOwner User(Guid id) => new StorageMappingOwner("user_id", id);
        public static StorageMappingOwner Group(Guid id) => new StorageMappingOwner("group_id", id);
        public static StorageMappingOwner Image(Guid id) => new StorageMappingOwner("image_id", id);
    }

    internal sealed partial class KasmClient
    {
        /// <summary>The secrets of a mapping, which Kasm shows only masked.</summary>
        private static readonly string[] MappingSecrets = { "s3_secret_access_key", "webdav_pass", "oauth_token" };

        /// <summary>The parameter that gives a mapping secret: the WebDAV password comes with -WebdavCredential.</summary>
        private static string SecretParameter(string field) => field == "webdav_pass" ? "-WebdavCredential" : Param(field);

        /// <summary>The fields of a mapping that are Kasm's own and never sent back.</summary>
        private static readonly string[] MappingReadOnlyFields = { "storage_mapping_id", "storage_provider_type" };

        /// <summary>get_storage_mappings for one user, group or workspace (docs/kasm-api.md#storage-mappings); secrets read as <see cref="Redactor.Mask"/>.</summary>
        public IEnumerable<KasmStorageMapping> GetStorageMappings(StorageMappingOwner owner, CancellationToken cancel) =>
            List<KasmStorageMapping>(KasmEndpoints.GetStorageMappings, MappingQuery(owner.Field, owner.Id), "storage_mappings", cancel, MaskSecrets);

        /// <summary>One mapping by id, or null when Kasm lists none with it.</summary>
        public KasmStorageMapping? GetStorageMapping(Guid storageMappingId, CancellationToken cancel) =>
            List<KasmStorageMapping>(KasmEndpoints.GetStorageMappings, MappingQuery("storage_mapping_id", storageMappingId), "storage_mappings", cancel, MaskSecrets)
                .FirstOrDefault(m => m.StorageMappingId == storageMappingId);

        private static JsonObject MappingQuery(string field, Guid id) =>
            new JsonObject { ["target_storage_mapping"] = new JsonObject { [field] = id.ToString("N") } };

        internal static KasmStorageMapping MaskSecrets(KasmStorageMapping mapping)
        {
            mapping.S3SecretAccessKey = Masked(mapping.S3SecretAccessKey);
            mapping.WebdavPassword = Masked(mapping.WebdavPassword);
            mapping.OauthToken = Masked(mapping.OauthToken);
            return mapping;
        }

        /// <summary>
        /// What is wrong with a mapping's fields before anything is sent, or null: a relative -Target, a secret given
        /// as the mask a read shows, or (for an update) nothing to change.
        /// </summary>
        internal static string? StorageMappingProblem(IDictionary<string, object?> fields, bool update)
        {
            if (update && fields.Count == 0)
                return "Nothing to change: give at least one setting, such as -Name, -Enabled, -ReadOnly or -Target. Nothing was sent.";
            if (fields.TryGetValue("target", out var target) && target is string path && !IsAbsolutePath(path))
                return $"-Target must be an absolute path inside the session (like /home/kasm-user/Desktop/S3), not '{path}'. Nothing was sent.";
            foreach (var secret in MappingSecrets)
                if (fields.TryGetValue(secret, out var value) && value is string text && (text == MaskedSecret || text == Redactor.Mask))
                    return $"{SecretParameter(secret)} cannot be the mask Kasm shows in place of a secret. Nothing was sent.";
            return null;
        }

        /// <summary>
        /// create_storage_mapping for one user, group or workspace. Kasm makes the mapping of an S3, Nextcloud or Custom
        /// provider at once; for an OAuth provider (Google Drive, OneDrive, Dropbox) it answers a consent link instead,
        /// and the mapping exists only once its user has signed in to the provider in a browser: that answer is a
        /// KasmInvalidRequest error saying so (the link carries the OAuth state, so it is not shown), and nothing was made.
        /// </summary>
        public KasmStorageMapping CreateStorageMapping(StorageMappingOwner owner, Guid storageProviderId, IDictionary<string, object?> fields, CancellationToken cancel)
        {
            var problem = StorageMappingProblem(fields, update: false);
            if (problem != null) throw new ArgumentException(problem);
            var all = new Dictionary<string, object?>(fields, StringComparer.Ordinal)
            {
                [owner.Field] = owner.Id.ToString("N"),
                ["storage_provider_id"] = storageProviderId.ToString("N"),
            };
            using var response = _transport.Send(KasmEndpoints.CreateStorageMapping, Target("target_storage_mapping", all), cancel);
            if (!response.Json.TryGetProperty("storage_mapping", out _) && response.Json.TryGetProperty("url", out _))
                throw new KasmApiException(KasmErrorId.InvalidRequest,
                    "Kasm answered with a sign-in link instead of a mapping: a mapping of an OAuth provider (Google Drive, OneDrive, Dropbox) is made "
                    + "when its user signs in to the provider from Kasm's web interface, so it cannot be made from a script. Nothing was created.",
                    response.Endpoint.Name, response.StatusCode, null, response.Endpoint.Permission);
            return Made(response, MaskSecrets(ModelMapper.Map<KasmStorageMapping>(Property(response, "storage_mapping"), Connection, response.Endpoint.Name)));
        }

        /// <summary>
        /// update_storage_mapping, safe whether or not Kasm keeps the fields it is not sent (docs/kasm-api.md#storage-mappings):
        /// the mapping is read (get_storage_mappings) and sent back whole with the changes. A secret reads as the mask,
        /// so it is never sent back as read; a mapping that has one is changed only when the user gives it again
        /// (a server that resets what it is not sent would clear it), and a mapping holding an OAuth token, which no
        /// parameter can give again, is not changed at all. Both refusals come after the read and before any update.
        /// </summary>
        public KasmStorageMapping UpdateStorageMapping(Guid storageMappingId, IDictionary<string, object?> changes, CancellationToken cancel)
        {
            var problem = StorageMappingProblem(changes, update: true);
            if (problem != null) throw new ArgumentException(problem);
            var current = ReadStorageMapping(storageMappingId, cancel)
                ?? throw new KasmApiException(KasmErrorId.ItemNotFound, $"No storage mapping has the id {storageMappingId}; nothing was changed.",
                    KasmEndpoints.GetStorageMappings.Name, 200, null, KasmEndpoints.GetStorageMappings.Permission);
            var target = new JsonObject();
            var masked = new List<string>();
            foreach (var field in current)
            {
                if (field.Value == null || MappingReadOnlyFields.Contains(field.Key)) continue;
                string? text = field.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                // Only an empty text is "no secret": any other value (the mask, a token object, a number) is one that cannot be resent.
                if (MappingSecrets.Contains(field.Key) && text != null && text.Length == 0) continue;
                if (MappingSecrets.Contains(field.Key) || text == MaskedSecret)
                {
                    if (!changes.ContainsKey(field.Key)) masked.Add(field.Key);
                    continue;
                }
                target[field.Key] = field.Value.DeepClone();
            }
            string name = current["name"]?.ToString() ?? storageMappingId.ToString();
            // By the token, or by the provider's type, in case a server leaves the token out of its answer.
            string? typeName = current["storage_provider_type"] is JsonValue t && t.TryGetValue<string>(out var read) ? read : null;
            if (masked.Contains("oauth_token") || (ParseStorageProviderType(typeName) is KasmStorageProviderType type && IsOAuth(type)))
                throw new ArgumentException($"The storage mapping '{name}' holds an OAuth sign-in, which Kasm only shows masked and which no parameter can give again; "
                    + "since Kasm may clear what an update does not send, it is not changed from here: change it in Kasm's web interface, or remove it and let its user map the provider again. Nothing was changed.");
            if (masked.Count > 0)
            {
                var names = string.Join(" and ", masked.Select(SecretParameter));
                throw new ArgumentException($"The storage mapping '{name}' has {names} set, which Kasm only shows masked, and Kasm may clear a secret an update "
                    + $"does not send: give {names} again with the change. Nothing was changed.");
            }
            foreach (var change in changes)
            {
                var node = JsonPayload.ToNode(change.Value);
                if (node != null) target[change.Key] = node;
            }
            target["storage_mapping_id"] = storageMappingId.ToString("N");
            using var response = _transport.Send(KasmEndpoints.UpdateStorageMapping, new JsonObject { ["target_storage_mapping"] = target }, cancel);
            return Made(response, MaskSecrets(ModelMapper.Map<KasmStorageMapping>(Property(response, "storage_mapping"), Connection, response.Endpoint.Name)));
        }

        /// <summary>One mapping as get_storage_mappings gives it (raw JSON), or null when it is not listed.</summary>
        private JsonObject? ReadStorageMapping(Guid storageMappingId, CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.GetStorageMappings, MappingQuery("storage_mapping_id", storageMappingId), cancel);
            if (response.Json.TryGetProperty("storage_mappings", out var list) && list.ValueKind == JsonValueKind.Array)
                foreach (var m in list.EnumerateArray())
                    if (m.ValueKind == JsonValueKind.Object && m.TryGetProperty("storage_mapping_id", out var id)
                        && id.ValueKind == JsonValueKind.String && Guid.TryParse(id.GetString(), out var found) && found == storageMappingId)
                        return JsonNode.Parse(m.GetRawText()) as JsonObject;
            return null;
        }

        /// <summary>delete_storage_mapping.</summary>
        public void DeleteStorageMapping(Guid storageMappingId, CancellationToken cancel)
        {
            using var _ = _transport.Send(KasmEndpoints.DeleteStorageMapping, MappingQuery("storage_mapping_id", storageMappingId), cancel);
        }
    }
}
