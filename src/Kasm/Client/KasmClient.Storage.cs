using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    /// <summary>The storage provider types Kasm knows.</summary>
    public enum KasmStorageProviderType
    {
        /// <summary>Nextcloud over WebDAV.</summary>
        Nextcloud,
        /// <summary>Amazon S3 or compatible.</summary>
        S3,
        /// <summary>Google Drive (OAuth).</summary>
        GoogleDrive,
        /// <summary>Microsoft OneDrive (OAuth).</summary>
        OneDrive,
        /// <summary>Dropbox (OAuth).</summary>
        Dropbox,
        /// <summary>Any rclone volume driver configuration.</summary>
        Custom,
    }

    internal sealed partial class KasmClient
    {
        /// <summary>The API's name for each type.</summary>
        internal static string ApiName(KasmStorageProviderType type) => type == KasmStorageProviderType.GoogleDrive ? "Google Drive" : type.ToString();

        /// <summary>
        /// The fields each type needs before Kasm accepts it (kasm-api.md §4.11), checked before sending. kasm-api.md names
        /// the OAuth and Nextcloud rules; for S3 and Custom the module asks for the rclone volume settings (and S3 a mount
        /// target), as the emulator does: a provider without them mounts nothing.
        /// </summary>
        internal static readonly IReadOnlyDictionary<KasmStorageProviderType, string[]> RequiredFields = new Dictionary<KasmStorageProviderType, string[]>
        {
            [KasmStorageProviderType.Nextcloud] = new[] { "webdav_url" },
            [KasmStorageProviderType.S3] = new[] { "volume_config", "default_target" },
            [KasmStorageProviderType.GoogleDrive] = new[] { "client_id", "client_secret", "auth_url", "token_url", "redirect_url" },
            [KasmStorageProviderType.OneDrive] = new[] { "client_id", "client_secret", "auth_url", "token_url", "redirect_url" },
            [KasmStorageProviderType.Dropbox] = new[] { "client_id", "client_secret", "auth_url", "token_url", "redirect_url" },
            [KasmStorageProviderType.Custom] = new[] { "volume_config" },
        };

        /// <summary>Names the parameters a type still lacks, or null when it has what it needs.</summary>
        internal static string? MissingForType(KasmStorageProviderType type, IDictionary<string, object?> fields)
        {
            var missing = RequiredFields[type].Where(f => !fields.TryGetValue(f, out var v) || v == null
                || (v is string s && s.Trim().Length == 0) || (v is System.Collections.ICollection c && c.Count == 0)).ToArray();
            if (missing.Length == 0) return null;
            string Param(string field) => "-" + string.Concat(field.Split('_').Select(p => p.Length == 0 ? p : char.ToUpperInvariant(p[0]) + p.Substring(1)));
            return $"A {ApiName(type)} storage provider needs {string.Join(", ", missing.Select(Param))}.";
        }

        public IEnumerable<KasmStorageProvider> GetStorageProviders(CancellationToken cancel) =>
            List<KasmStorageProvider>(KasmEndpoints.GetStorageProviders, null, "storage_providers", cancel);

        public KasmStorageProvider CreateStorageProvider(KasmStorageProviderType type, IDictionary<string, object?> fields, CancellationToken cancel)
        {
            var missing = MissingForType(type, fields);
            if (missing != null) throw new ArgumentException(missing);
            var all = new Dictionary<string, object?>(fields, StringComparer.Ordinal) { ["storage_provider_type"] = ApiName(type) };
            using var response = _transport.Send(KasmEndpoints.CreateStorageProvider, Target("target_storage_provider", all), cancel);
            return ModelMapper.Map<KasmStorageProvider>(Property(response, "storage_provider"), Connection);
        }
    }
}
