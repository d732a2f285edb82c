using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>get_zones with <c>brief</c>: the zones without their server lists (Get-KasmServer lists those).</summary>
        public IEnumerable<KasmZone> GetZones(CancellationToken cancel) =>
            List<KasmZone>(KasmEndpoints.GetZones, new JsonObject { ["brief"] = true }, "zones", cancel);

        /// <summary>get_servers; stored connection secrets read as <see cref="Redactor.Mask"/> whatever the server sent.</summary>
        public IEnumerable<KasmServer> GetServers(CancellationToken cancel) =>
            List<KasmServer>(KasmEndpoints.GetServers, null, "servers", cancel).Select(MaskSecrets);

        /// <summary>get_licenses.</summary>
        public IEnumerable<KasmLicense> GetLicenses(CancellationToken cancel) =>
            List<KasmLicense>(KasmEndpoints.GetLicenses, null, "licenses", cancel);

        /// <summary>get_api_configs; a secret a server sent anyway reads as <see cref="Redactor.Mask"/>.</summary>
        public IEnumerable<KasmApiKey> GetApiKeys(CancellationToken cancel) =>
            List<KasmApiKey>(KasmEndpoints.GetApiConfigs, null, "api_configs", cancel).Select(k => { k.ApiKeySecret = Masked(k.ApiKeySecret); return k; });

        /// <summary>get_settings; the value of a setting whose name marks a secret (password, token, secret) reads as <see cref="Redactor.Mask"/>.</summary>
        public IEnumerable<KasmSetting> GetSettings(CancellationToken cancel) =>
            List<KasmSetting>(KasmEndpoints.GetSettings, null, "settings", cancel)
                .Select(s => { if (s.Name != null && Redactor.IsSecretKey(s.Name)) s.Value = Masked(s.Value); return s; });

        internal static KasmServer MaskSecrets(KasmServer server)
        {
            server.ConnectionPassword = Masked(server.ConnectionPassword);
            server.ConnectionPrivateKey = Masked(server.ConnectionPrivateKey);
            server.ConnectionPassphrase = Masked(server.ConnectionPassphrase);
            return server;
        }

        /// <summary>Null or empty stays as it is (nothing stored); anything else is the mask.</summary>
        internal static string? Masked(string? value) => string.IsNullOrEmpty(value) ? value : Redactor.Mask;
    }
}
