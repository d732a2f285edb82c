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
        /// <summary>
        /// The safe probes of Test-KasmApiKey (docs/kasm-api.md#test-kasmapikey): reads, and methods sent without their
        /// target, which the server refuses as incomplete after the permission check and before doing anything. A
        /// method not listed (request_kasm, session actions, logout_user, get_login, ...) has no probe that is certain
        /// to change nothing, so its cmdlets come out as not known.
        /// </summary>
        internal static readonly string[] ProbedMethods =
        {
            // Reads: lists, or look-ups that fail for want of a target.
            "get_kasms", "get_kasm", "get_user_kasms", "get_images", "get_users", "get_user", "get_attributes", "get_groups",
            "get_users_group", "get_images_group", "get_storage_providers", "get_zones", "get_servers", "get_licenses",
            "get_api_configs", "get_settings", "system_info", "get_session_recordings", "get_session_permissions", "get_session_history",
            "get_settings_group",
            // get_storage_mappings with no target proves User only: Kasm checks the owner's View or Modify permission past
            // the target, so the mapping changes stay unprobed.
            "get_storage_mappings",
            // Changing methods sent with no target: refused as incomplete once the key's permission is checked.
            "create_user", "update_user", "delete_user", "update_user_attributes", "create_group", "update_group",
            "delete_group", "add_user_group", "remove_user_group", "add_images_group", "remove_images_group",
            "create_image", "update_image", "delete_image", "create_storage_provider", "update_storage_provider",
            "delete_storage_provider", "set_session_permissions", "set_all_session_permissions", "delete_session_permissions",
            "delete_all_session_permissions", "add_settings_group", "update_settings_group", "remove_settings_group",
        };

        /// <summary>
        /// Sends each probe once and reads the answer: allowed (true) when the server got past the permission check
        /// (a success, or a refusal of the empty request), refused (false) on 401/403, not known (null) on a server
        /// error. Transport failures end the check.
        /// </summary>
        public IDictionary<string, bool?> ProbePermissions(CancellationToken cancel)
        {
            var results = new Dictionary<string, bool?>(StringComparer.Ordinal);
            foreach (var method in ProbedMethods)
            {
                var endpoint = KasmEndpoints.Resolve(method);
                var body = method switch
                {
                    "get_zones" => new JsonObject { ["brief"] = true },
                    // One row is enough to see the key may read the history.
                    "get_session_history" => new JsonObject { ["page"] = 0, ["page_size"] = 1 },
                    _ => new JsonObject(),
                };
                try
                {
                    using var _ = _transport.Send(endpoint, body, cancel);
                    results[method] = true;
                }
                catch (KasmApiException e) when (e.StatusCode != 0 || e.ErrorId == KasmErrorId.ApiError)
                {
                    results[method] = ProbeOutcome(e);
                }
            }
            return results;
        }

        /// <summary>Refused on 401 and 403 (or their ids); not known on a 5xx; otherwise the key got past the check.</summary>
        internal static bool? ProbeOutcome(KasmApiException e)
        {
            if (e.ErrorId == KasmErrorId.Unauthorized || e.ErrorId == KasmErrorId.Forbidden || e.StatusCode == 401 || e.StatusCode == 403) return false;
            if (e.StatusCode >= 500) return null;
            return true;
        }

        /// <summary>
        /// One finding per cmdlet of the endpoint map: can it run with what the probes found, and what it lacks. A
        /// read-only key shows as one whose read-only-flagged changes (add_user_group, update_user_attributes) are allowed
        /// while the other changes with the same permission are refused.
        /// </summary>
        internal static IEnumerable<KasmPermissionCheck> CheckCmdlets(IDictionary<string, bool?> probes)
        {
            bool readOnlyKey = (Is(probes, "add_user_group", true) && Is(probes, "add_images_group", false))
                || (Is(probes, "update_user_attributes", true) && Is(probes, "update_user", false));
            var byCmdlet = new SortedDictionary<string, List<(string Method, string? Parameter)>>(StringComparer.Ordinal);
            foreach (var method in KasmEndpointCmdlets.Methods)
                foreach (var entry in KasmEndpointCmdlets.Of(method))
                {
                    int space = entry.IndexOf(" -", StringComparison.Ordinal);
                    string cmdlet = space < 0 ? entry : entry.Substring(0, space);
                    // The doctor's own probes are not a cmdlet the key needs to run.
                    if (cmdlet == "Test-KasmApiKey") continue;
                    string? parameter = space < 0 ? null : entry.Substring(space + 1);
                    if (!byCmdlet.TryGetValue(cmdlet, out var list)) byCmdlet[cmdlet] = list = new List<(string, string?)>();
                    list.Add((method, parameter));
                }
            foreach (var pair in byCmdlet)
            {
                var needs = new List<string>();
                var shortNeeds = new List<string>();
                string? unprobed = null;
                var refused = new List<string>();
                bool? canRun = true;
                foreach (var (method, parameter) in pair.Value)
                {
                    bool? allowed = probes.TryGetValue(method, out var a) ? a : null;
                    var endpoint = KasmEndpoints.Resolve(method);
                    string why = readOnlyKey && !endpoint.ReadOnly ? "a key that is not read-only" : endpoint.Permission;
                    if (allowed == false) refused.Add(method);
                    if (parameter != null)
                    {
                        if (allowed == false) needs.Add($"{parameter}: {why}");
                        continue;
                    }
                    if (allowed == false) { canRun = false; needs.Add(why); shortNeeds.Add(Short(why)); }
                    else if (allowed == null)
                    {
                        if (canRun == true) canRun = null;
                        unprobed ??= method;
                        needs.Add($"not probed ({method}): {endpoint.Permission}");
                    }
                }
                yield return new KasmPermissionCheck
                {
                    Cmdlet = pair.Key,
                    CanRun = canRun,
                    Needs = needs.Count == 0 ? null : string.Join("; ", needs.Distinct()),
                    Reason = canRun == false ? Summary(shortNeeds.Distinct().ToList()) : canRun == null ? $"not probed ({unprobed})" : null,
                    Methods = pair.Value.Select(m => m.Parameter == null ? m.Method : $"{m.Method} ({m.Parameter})").ToArray(),
                    Refused = refused.Distinct().ToArray(),
                };
            }
        }

        /// <summary>A permission hint without its explanations: up to the first " (" or ", ".</summary>
        internal static string Short(string hint)
        {
            int cut = hint.Length;
            foreach (var mark in new[] { " (", ", " })
            {
                int i = hint.IndexOf(mark, StringComparison.Ordinal);
                if (i > 0 && i < cut) cut = i;
            }
            return hint.Substring(0, cut);
        }

        private static string Summary(List<string> needs) => needs.Count == 1 ? needs[0] : $"{needs[0]} (+{needs.Count - 1} more)";

        private static bool Is(IDictionary<string, bool?> probes, string method, bool value) => probes.TryGetValue(method, out var v) && v == value;
    }
}
