using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>
/// Session permissions (docs/kasm-api.md#session-permissions): who other than the owner may view (r) or control (rw) a
/// session. Public mount only; every request is wrapped in <c>target_session_permissions</c>; validation failures are 400.
/// </summary>
internal static class SessionPermissions
{
    private const string Missing = "Invalid Request: Missing required parameters";

    /// <summary>get_session_permissions: by any of kasm_id, user_id, session_permission_id (all given must match).</summary>
    public static JsonObject GetSessionPermissions(HandlerContext ctx)
    {
        var target = Target(ctx);
        Guid? kasmId = OptionalId(target, "kasm_id"), userId = OptionalId(target, "user_id"), permissionId = OptionalId(target, "session_permission_id");
        if (kasmId is null && userId is null && permissionId is null) throw ApiError.Invalid(Missing);
        var found = ctx.State.SessionsById.Values.SelectMany(s => s.Permissions)
            .Where(p => (kasmId is null || p.KasmId == kasmId) && (userId is null || p.UserId == userId) && (permissionId is null || p.SessionPermissionId == permissionId));
        return Answer(ctx, found);
    }

    /// <summary>set_session_permissions: kasm_id and a list of {user_id, access}; a user's earlier permission is replaced.</summary>
    public static JsonObject SetSessionPermissions(HandlerContext ctx)
    {
        var target = Target(ctx);
        var session = Session(ctx, target);
        if (target["session_permissions"] is not JsonArray list || list.Count == 0) throw ApiError.Invalid(Missing);
        var wanted = new List<(UserRecord User, string Access)>();
        foreach (var node in list)
        {
            if (node is not JsonObject entry || entry.Str("user_id") is not { } rawUser || entry.Str("access") is not { } access) throw ApiError.Invalid(Missing);
            if (!Ids.TryParse(rawUser, out var id) || !ctx.State.UsersById.TryGetValue(id, out var user))
                throw ApiError.Invalid($"No user found with id: ({rawUser})");
            if (!ValidAccess(access)) throw ApiError.Invalid("Error with request");
            wanted.Add((user, access));
        }
        var set = wanted.Select(w => Set(session, w.User, w.Access)).ToList();
        return Answer(ctx, set);
    }

    /// <summary>set_all_session_permissions: the same access for every user who holds a permission on the session (inferred).</summary>
    public static JsonObject SetAllSessionPermissions(HandlerContext ctx)
    {
        var target = Target(ctx);
        var session = Session(ctx, target);
        string access = target.Str("access") ?? throw ApiError.Invalid(Missing);
        if (!ValidAccess(access)) throw ApiError.Invalid("Error with request");
        foreach (var p in session.Permissions) p.Access = access;
        return Answer(ctx, session.Permissions);
    }

    /// <summary>delete_session_permissions: kasm_id and user_ids; every user must hold one, or nothing is deleted.</summary>
    public static JsonObject DeleteSessionPermissions(HandlerContext ctx)
    {
        var target = Target(ctx);
        var session = Session(ctx, target);
        if (target["user_ids"] is not JsonArray ids || ids.Count == 0) throw ApiError.Invalid(Missing);
        var doomed = new List<SessionPermissionRecord>();
        foreach (var node in ids)
        {
            string raw = node?.GetValueKind() == System.Text.Json.JsonValueKind.String ? node.GetValue<string>() : throw ApiError.Invalid(Missing);
            var permission = Ids.TryParse(raw, out var id) ? session.Permissions.FirstOrDefault(p => p.UserId == id) : null;
            if (permission is null) throw ApiError.Invalid($"No session_permissions found with kasm_id: ({Ids.Hex(session.KasmId)}) and user_id: ({raw})");
            doomed.Add(permission);
        }
        Delete(ctx, session, doomed);
        return new JsonObject();
    }

    /// <summary>delete_all_session_permissions: every permission on the session.</summary>
    public static JsonObject DeleteAllSessionPermissions(HandlerContext ctx)
    {
        var session = Session(ctx, Target(ctx));
        Delete(ctx, session, session.Permissions.ToList());
        return new JsonObject();
    }

    private static void Delete(HandlerContext ctx, SessionRecord session, List<SessionPermissionRecord> doomed)
    {
        // Kasm tells KasmVNC first; when that fails it answers a JSON 500 and keeps the permissions (docs/kasm-api.md#session-permissions).
        if (ctx.Settings.SessionPermissionVncFails && doomed.Count > 0)
            throw ApiError.JsonServerError($"Failed to delete session_permission_ids ([{string.Join(", ", doomed.Select(p => $"'{Ids.Hex(p.SessionPermissionId)}'"))}])");
        foreach (var p in doomed) session.Permissions.Remove(p);
    }

    private static SessionPermissionRecord Set(SessionRecord session, UserRecord user, string access)
    {
        var permission = session.Permissions.FirstOrDefault(p => p.UserId == user.UserId);
        if (permission is null)
        {
            permission = new SessionPermissionRecord
            {
                SessionPermissionId = Guid.NewGuid(), KasmId = session.KasmId, UserId = user.UserId,
                VncUsername = Ids.Hex(Guid.NewGuid())[..12],
            };
            session.Permissions.Add(permission);
        }
        permission.Access = access;
        return permission;
    }

    private static bool ValidAccess(string access) => access.Length > 0 && access.All(c => c is 'r' or 'w' or 'o') && access.Distinct().Count() == access.Length;

    private static JsonObject Target(HandlerContext ctx) =>
        ctx.Body["target_session_permissions"] as JsonObject ?? throw ApiError.Invalid(Missing);

    private static Guid? OptionalId(JsonObject target, string key)
    {
        if (!target.ContainsKey(key) || target[key] is null) return null;
        string raw = target.Str(key) ?? throw ApiError.Invalid(Missing);
        return Ids.TryParse(raw, out var id) ? id : throw ApiError.Invalid(Missing);
    }

    private static SessionRecord Session(HandlerContext ctx, JsonObject target)
    {
        string raw = target.Str("kasm_id") ?? throw ApiError.Invalid(Missing);
        return Ids.TryParse(raw, out var id) && ctx.State.SessionsById.TryGetValue(id, out var session)
            ? session
            : throw ApiError.Invalid($"No session found with kasm_id ({raw})");
    }

    private static JsonObject Answer(HandlerContext ctx, IEnumerable<SessionPermissionRecord> permissions)
    {
        var list = new JsonArray();
        foreach (var p in permissions)
        {
            ctx.State.UsersById.TryGetValue(p.UserId, out var user);
            list.Add(new JsonObject
            {
                ["session_permission_id"] = Ids.Hex(p.SessionPermissionId),
                ["kasm_id"] = Ids.Hex(p.KasmId),
                ["user_id"] = Ids.Hex(p.UserId),
                ["access"] = p.Access,
                ["vnc_username"] = p.VncUsername,
                ["username"] = user?.Username,
            });
        }
        return new JsonObject { ["session_permissions"] = list };
    }
}
