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
        /// get_session_permissions: the permissions of a session, of a user, or of both (all given must match). At least
        /// one must be given: Kasm refuses a request without either, and the check is made here before anything is sent.
        /// </summary>
        public IReadOnlyList<KasmSessionPermission> GetSessionPermissions(Guid? kasmId, Guid? userId, CancellationToken cancel)
        {
            if (kasmId is null && userId is null) throw new ArgumentException("Give a session (-KasmId, or pipe a session) or a user (-UserId or -UserName): Kasm lists session permissions by one or the other.");
            var target = new JsonObject();
            if (kasmId is { } k) target["kasm_id"] = k.ToString("N");
            if (userId is { } u) target["user_id"] = u.ToString("N");
            using var response = _transport.Send(KasmEndpoints.GetSessionPermissions, new JsonObject { ["target_session_permissions"] = target }, cancel);
            // A server that ignored one of the two filters would answer more than was asked: only matching rows are kept.
            return MapPermissions(response).Where(p => (kasmId is null || p.KasmId == kasmId) && (userId is null || p.UserId == userId)).ToList();
        }

        /// <summary>
        /// set_session_permissions for one user, or set_all_session_permissions (<paramref name="userId"/> null): the same
        /// access for every user who already holds a permission on the session. Returns the permissions Kasm answers with.
        /// </summary>
        public IReadOnlyList<KasmSessionPermission> SetSessionPermission(Guid kasmId, Guid? userId, KasmSessionAccess access, CancellationToken cancel)
        {
            string letters = AccessLetters(access);
            var target = new JsonObject { ["kasm_id"] = kasmId.ToString("N") };
            KasmEndpoint endpoint;
            if (userId is { } u)
            {
                endpoint = KasmEndpoints.SetSessionPermissions;
                target["session_permissions"] = new JsonArray(new JsonObject { ["user_id"] = u.ToString("N"), ["access"] = letters });
            }
            else
            {
                endpoint = KasmEndpoints.SetAllSessionPermissions;
                target["access"] = letters;
            }
            using var response = _transport.Send(endpoint, new JsonObject { ["target_session_permissions"] = target }, cancel);
            return MapPermissions(response).Where(p => userId is null || p.UserId == userId).ToList();
        }

        /// <summary>delete_session_permissions for one user, or delete_all_session_permissions (<paramref name="userId"/> null).</summary>
        public void RemoveSessionPermission(Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            var target = new JsonObject { ["kasm_id"] = kasmId.ToString("N") };
            if (userId is { } u) target["user_ids"] = new JsonArray(JsonValue.Create(u.ToString("N")));
            using var _ = _transport.Send(userId is null ? KasmEndpoints.DeleteAllSessionPermissions : KasmEndpoints.DeleteSessionPermissions,
                new JsonObject { ["target_session_permissions"] = target }, cancel);
        }

        /// <summary>View is "r"; Control is "rw" (controlling a session means seeing it). Owner rights are not granted.</summary>
        internal static string AccessLetters(KasmSessionAccess access)
        {
            if ((access & KasmSessionAccess.Owner) != 0) throw new ArgumentException("Owner rights cannot be granted: -Access takes View or Control.");
            if ((access & KasmSessionAccess.Control) != 0) return "rw";
            if ((access & KasmSessionAccess.View) != 0) return "r";
            throw new ArgumentException("-Access must be View or Control.");
        }

        /// <summary>Kasm's access letters as flags; letters it does not know are ignored (the text stays in AccessText).</summary>
        internal static KasmSessionAccess ParseAccess(string? letters)
        {
            var access = KasmSessionAccess.None;
            foreach (char c in letters ?? string.Empty)
                access |= c switch { 'r' => KasmSessionAccess.View, 'w' => KasmSessionAccess.Control, 'o' => KasmSessionAccess.Owner, _ => KasmSessionAccess.None };
            return access;
        }

        private List<KasmSessionPermission> MapPermissions(KasmResponse response)
        {
            var list = new List<KasmSessionPermission>();
            if (!response.Json.TryGetProperty("session_permissions", out var array) || array.ValueKind != System.Text.Json.JsonValueKind.Array)
                throw new KasmApiException(KasmErrorId.UnexpectedResponse, $"Kasm answered {response.Endpoint.Name} without a list of session permissions.",
                    response.Endpoint.Name, response.StatusCode, null, response.Endpoint.Permission);
            foreach (var item in array.EnumerateArray())
            {
                var permission = ModelMapper.Map<KasmSessionPermission>(item, Connection, response.Endpoint.Name);
                permission.Access = ParseAccess(permission.AccessText);
                list.Add(permission);
            }
            return list;
        }
    }
}
