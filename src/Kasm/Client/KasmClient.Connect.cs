using System;
using System.Threading;
using System.Text.Json.Nodes;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>
        /// Checks reachability, TLS and the credentials with one cheap call (system_info, which also gives the version).
        /// When that is refused, a second call tells a bad key from a missing permission without reading any message:
        /// get_kasm_status for a session id that cannot exist. Kasm checks the key, its expiry and the existence of a
        /// top-level kasm_id before it checks permissions (docs/kasm-api.md#transport-and-authentication steps 2, 3, 7, 8), so a 401/403 there means
        /// the key or secret is wrong or expired, and anything else means the key is good but lacks System View.
        /// Returns a warning for the caller to show when the key works but cannot read the server version, else null.
        /// </summary>
        public string? Probe(CancellationToken cancel)
        {
            try
            {
                var info = GetSystemInfo(cancel);
                Connection.BuildId = info.BuildId;
                Connection.ServerVersion = info.Version;
                return null;
            }
            catch (KasmApiException ex) when (ex.StatusCode == 400 && Connection.Authentication == KasmAuthentication.Basic)
            {
                // Step 9 of Kasm's auth order: no credentials at all is a 400. With Basic the key travels only in the
                // Authorization header, so a 400 here means the server never read it (docs/kasm-api.md, authentication).
                throw new KasmApiException(ex.ErrorId,
                    $"{Connection.Server.GetLeftPart(UriPartial.Authority)} ignored the Authorization: Basic header and answered as if no API key was sent (HTTP 400). " +
                    "No released Kasm (1.15 to 1.19) is known to read that header; connect with -Authentication Body (the default), which sends the key in the request body.",
                    ex.Method, ex.StatusCode, ex.ServerMessage, ex.RequiredPermission, ex);
            }
            catch (KasmApiException ex) when (ex.ErrorId == KasmErrorId.Unauthorized || ex.ErrorId == KasmErrorId.Forbidden)
            {
                var probe = new JsonObject { ["kasm_id"] = Guid.NewGuid().ToString("N") };
                using var response = _transport.SendRaw(KasmEndpoints.GetKasmStatus, probe, cancel);
                if (response.StatusCode == 401 || response.StatusCode == 403)
                {
                    throw new KasmApiException(ex.ErrorId,
                        $"{Connection.Server.GetLeftPart(UriPartial.Authority)} rejected the API key '{Connection.ApiKey}' (HTTP {response.StatusCode}): " +
                        "check the key and secret, and that the key is enabled and has not expired.",
                        ex.Method, response.StatusCode, ex.ServerMessage, ex.RequiredPermission, ex);
                }
                return (
                    $"Connected, but the API key '{Connection.ApiKey}' lacks the '{KasmEndpoints.SystemInfo.Permission}' permission, so the server version is unknown. " +
                    "Cmdlets that need other permissions work as far as the key allows.");
            }
        }
    }
}
