using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>create_user, get_user, get_users, update_user (docs/kasm-api.md#users).</summary>
internal static class Users
{
    private const string MissingParameters = "Invalid Request: Missing required parameters";
    private const int MaxNameLength = 64;

    public static JsonObject CreateUser(HandlerContext ctx)
    {
        var target = ctx.Target("target_user", MissingParameters);
        string username = (target.Str("username") ?? "").Trim().ToLowerInvariant();
        string? password = target.Str("password");
        // docs/kasm-api.md#users: /api/public generates a password when none is given; the admin-UI variant requires one. The seed
        // document knows only one create_user, so it behaves like the public one on both mounts.
        bool passwordRequired = ctx.Mount != Mount.Public && !ctx.Profile.IsSeed;
        if (username.Length == 0 || (passwordRequired && string.IsNullOrEmpty(password)))
            throw ApiError.Invalid(MissingParameters);
        if (ctx.State.FindUserByName(username) is not null)
            throw ApiError.Invalid($"Error creating user ({username}): (User already exists)");

        var user = new UserRecord
        {
            UserId = Guid.NewGuid(),
            Username = username,
            FirstName = Truncate(target.Str("first_name")),
            LastName = Truncate(target.Str("last_name")),
            Phone = Truncate(target.Str("phone")),
            Organization = Truncate(target.Str("organization")),
            Notes = target.Str("notes"),
            Realm = target.Str("realm") ?? "local",
            Locked = target.Bool("locked") ?? false,
            Disabled = target.Bool("disabled") ?? false,
            Password = password ?? Ids.RandomAlphaNumeric(24),
            Created = ctx.Now,
            PasswordSetDate = ctx.Now,
            GroupIds = [GroupRecord.AllUsersId],
        };
        ctx.State.UsersById[user.UserId] = user;
        return new JsonObject { ["user"] = UserWire.Short(ctx, user) };
    }

    public static JsonObject GetUser(HandlerContext ctx)
    {
        var target = ctx.Target("target_user", "Invalid Request: Missing target_user");
        UserRecord? user;
        string? rawId = target.Str("user_id");
        if (rawId is not null)
        {
            // user_id wins over username when both are sent (docs/kasm-api.md#users).
            if (!Ids.TryParse(rawId, out var id)) throw ApiError.Invalid($"Invalid Request: user_id ({rawId}) is not a UUID");
            user = ctx.State.FindUser(id) ?? throw ApiError.NotFound($"Invalid Request: Unknown user ({rawId})");
        }
        else
        {
            string username = target.Str("username") ?? throw ApiError.Invalid("Invalid Request: Missing user_id or username");
            user = ctx.State.FindUserByName(username.Trim()) ?? throw ApiError.NotFound($"Invalid Request: Unknown user ({username})");
        }
        return new JsonObject { ["user"] = UserWire.Full(ctx, user) };
    }

    public static JsonObject GetUsers(HandlerContext ctx)
    {
        bool anonymousOnly = ctx.Body.Bool("anonymous_only") ?? false;
        bool includeAnonymous = anonymousOnly || (ctx.Body.Bool("anonymous") ?? false);
        var users = ctx.State.UsersById.Values
            .Where(u => anonymousOnly ? u.Anonymous : includeAnonymous || !u.Anonymous)
            .ToList();
        // docs/kasm-api.md#users: with no users at all the 1.15 handler returns a bare {}.
        if (users.Count == 0 && ctx.Profile.Quirks115) return [];

        int total = users.Count;
        var response = new JsonObject();
        if (ctx.Body.Number("page") is { } page && page >= 1)
        {
            int size = (int)(ctx.Body.Number("page_size") ?? 20);
            users = [.. users.Skip(((int)page - 1) * size).Take(size)];
            response["page"] = (int)page;
        }
        ctx.List(response, "users", users, u => UserWire.ListEntry(ctx, u));
        response["total"] = total;
        return response;
    }

    public static JsonObject UpdateUser(HandlerContext ctx)
    {
        var target = ctx.Target("target_user", "Invalid Request");
        string? username = target.Str("username")?.Trim().ToLowerInvariant();
        if (string.IsNullOrEmpty(username)) throw ApiError.Invalid("Username is not present");
        string? rawId = target.Str("user_id");
        if (rawId is null || !Ids.TryParse(rawId, out var id)) throw ApiError.Invalid("Invalid Request");
        var user = ctx.State.FindUser(id) ?? throw ApiError.NotFound("Unknown User");

        // docs/kasm-api.md#permissions: changing a Global Admin (here: an Administrators member) also needs Users Modify Admin.
        if (user.GroupIds.Contains(GroupRecord.AdministratorsId) && !ctx.Holds(Permission.UsersModifyAdmin))
            throw ApiError.Unauthorized();
        if (username != user.Username && ctx.State.FindUserByName(username) is not null)
            throw ApiError.Invalid($"Error updating user ({username}): (User already exists)");

        string? status = target.Str("status");
        if (status is not null and not ("active" or "inactive")) throw ApiError.Invalid($"Invalid Status ({status})");
        string? password = target.Str("password");
        string realm = target.Str("realm") ?? user.Realm;
        if (!string.IsNullOrEmpty(password))
        {
            if (realm is not ("local" or "ldap")) throw ApiError.Invalid("Passwords can only be set on local and ldap accounts.");
            if (password.Length < 8) throw ApiError.Invalid("Your password must be at least 8 characters long");
        }

        // Only fields present (and not null) change (docs/kasm-api.md#users).
        user.Username = username;
        Set(target, "first_name", v => user.FirstName = Truncate(v));
        Set(target, "last_name", v => user.LastName = Truncate(v));
        Set(target, "phone", v => user.Phone = Truncate(v));
        Set(target, "organization", v => user.Organization = Truncate(v));
        Set(target, "notes", v => user.Notes = v);
        Set(target, "city", v => user.City = v);
        Set(target, "state", v => user.State = v);
        Set(target, "country", v => user.Country = v);
        Set(target, "email", v => user.Email = v);
        Set(target, "custom_attribute_1", v => user.CustomAttribute1 = v);
        Set(target, "custom_attribute_2", v => user.CustomAttribute2 = v);
        Set(target, "custom_attribute_3", v => user.CustomAttribute3 = v);
        user.Realm = realm;
        if (target.Bool("locked") is { } locked) user.Locked = locked;
        if (target.Bool("disabled") is { } disabled) user.Disabled = disabled;
        // Real servers: status active/inactive sets locked false/true, not disabled (docs/kasm-api.md, update_user).
        if (status is not null)
        {
            if (ctx.Profile.RealServerRules) user.Locked = status == "inactive";
            else user.Disabled = status == "inactive";
        }
        if (!string.IsNullOrEmpty(password))
        {
            // Setting a password also unlocks the account (docs/kasm-api.md#users).
            user.Password = password;
            user.PasswordSetDate = ctx.Now;
            user.Locked = false;
        }
        return new JsonObject { ["user"] = UserWire.Short(ctx, user) };
    }

    private static void Set(JsonObject target, string name, Action<string> apply)
    {
        if (target.Str(name) is { } value) apply(value);
    }

    private static string? Truncate(string? value) => value is { Length: > MaxNameLength } ? value[..MaxNameLength] : value;

    /// <summary>The user of <c>target_user.user_id</c>, or the 400 answers of docs/kasm-api.md#users.</summary>
    private static UserRecord TargetUser(HandlerContext ctx, string unknown = "Unknown user ({0})")
    {
        var target = ctx.Target("target_user", "Invalid Request: Missing required parameters");
        string raw = target.Str("user_id") ?? throw ApiError.Invalid("Invalid Request: Missing required parameters");
        return Ids.TryParse(raw, out var id) && ctx.State.FindUser(id) is { } user ? user : throw ApiError.NotFound(string.Format(unknown, raw));
    }

    private static bool IsAdmin(UserRecord user) => user.GroupIds.Contains(GroupRecord.AdministratorsId);

    /// <summary>
    /// delete_user: <c>{"target_user": {"user_id"}, "force": bool}</c> → <c>{}</c>. A user with sessions needs force, and
    /// then the key needs Sessions Delete; an administrator needs Users Modify Admin (docs/kasm-api.md, delete_user).
    /// </summary>
    public static JsonObject DeleteUser(HandlerContext ctx)
    {
        var user = TargetUser(ctx);
        // Kasm answers this one with HTTP 200 even on /api/public; the emulator answers it as its other validation errors.
        if (ctx.Body.ContainsKey("force") && ctx.Body["force"]?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
            throw ApiError.Invalid("Invalid Request. 'force' option must be boolean");
        bool force = ctx.Body.Bool("force") ?? false;
        if (IsAdmin(user) && !ctx.Holds(Permission.UsersModifyAdmin))
            throw ApiError.Unauthorized($"API Key ({ctx.Key.Name}) unauthorized for deleting the requested user ({user.Username}).");
        var sessions = ctx.State.SessionsById.Values.Where(s => s.UserId == user.UserId).ToList();
        if (sessions.Count > 0 && !force)
            throw ApiError.Invalid($"Users contains ({sessions.Count}) kasms and 'force' option not set to True");
        if (sessions.Count > 0 && !ctx.Holds(Permission.SessionsDelete))
            throw ApiError.Unauthorized($"API Key ({ctx.Key.Name}) unauthorized for deleting the requested user ({user.Username}) sessions.");
        foreach (var session in sessions) ctx.State.SessionsById.Remove(session.KasmId);
        ctx.State.UsersById.Remove(user.UserId);
        ctx.State.StorageMappingList.RemoveAll(m => m.UserId == user.UserId);
        return [];
    }

    /// <summary>logout_user: removes all of the user's login tokens → <c>{}</c> (docs/kasm-api.md, logout_user).</summary>
    public static JsonObject LogoutUser(HandlerContext ctx)
    {
        var user = TargetUser(ctx);
        user.LoginTokens.Clear();
        return [];
    }

    /// <summary>
    /// get_login: a one-click login link, always https, on the host the request used:
    /// <c>https://host/#/connect/login/dash/&lt;user hex&gt;/&lt;token dashed&gt;</c> (docs/kasm-api.md, get_login).
    /// </summary>
    public static JsonObject GetLogin(HandlerContext ctx)
    {
        var user = TargetUser(ctx, "No user found with id: ({0})");
        var token = Guid.NewGuid();
        user.LoginTokens.Add(Ids.Hex(token));
        return new JsonObject { ["url"] = $"https://{ctx.RequestAuthority}/#/connect/login/dash/{Ids.Hex(user.UserId)}/{Ids.Dashed(token)}" };
    }

    /// <summary>get_attributes: by user_id or username → <c>{"user_attributes": {...}}</c> (docs/kasm-api.md, get_attributes).</summary>
    public static JsonObject GetAttributes(HandlerContext ctx)
    {
        var target = ctx.Target("target_user", "Invalid Request: Missing required parameters");
        UserRecord? user = target.Str("user_id") is { } raw
            ? (Ids.TryParse(raw, out var id) ? ctx.State.FindUser(id) : null)
            : target.Str("username") is { } name ? ctx.State.FindUserByName(name.Trim()) : throw ApiError.Invalid("Invalid Request: Missing required parameters");
        if (user is null) throw ApiError.NotFound($"No user found with name/id: ({target.Str("user_id") ?? target.Str("username")})");
        var a = user.Attributes;
        return new JsonObject
        {
            ["user_attributes"] = new JsonObject
            {
                ["user_attributes_id"] = Ids.Hex(a.UserAttributesId),
                ["user_id"] = Ids.Hex(user.UserId),
                ["default_image"] = a.DefaultImage is { } image ? Ids.Hex(image) : null,
                ["show_tips"] = a.ShowTips,
                ["auto_login_kasm"] = a.AutoLoginKasm,
                ["toggle_control_panel"] = a.ToggleControlPanel,
                ["theme"] = a.Theme,
                ["chat_sfx"] = a.ChatSfx,
                ["ssh_public_key"] = a.SshPublicKey,
                ["preferred_language"] = a.PreferredLanguage,
                ["preferred_timezone"] = a.PreferredTimezone,
            },
        };
    }

    /// <summary>
    /// update_user_attributes: <c>{"target_user_attributes": {"user_id", ...}}</c> → <c>{}</c>; only the fields sent
    /// change (inferred). An administrator's attributes need Users Modify Admin (docs/kasm-api.md, update_user_attributes).
    /// </summary>
    public static JsonObject UpdateUserAttributes(HandlerContext ctx)
    {
        var target = ctx.Target("target_user_attributes", "No target user attribute in request");
        string raw = target.Str("user_id") ?? throw ApiError.Invalid("Missing required parameters");
        var user = Ids.TryParse(raw, out var id) && ctx.State.FindUser(id) is { } u ? u : throw ApiError.NotFound("Missing or invalid user");
        if (IsAdmin(user) && !ctx.Holds(Permission.UsersModifyAdmin)) throw ApiError.Unauthorized();
        var a = user.Attributes;
        if (target.ContainsKey("default_image"))
        {
            string? image = target.Str("default_image");
            if (image is null) a.DefaultImage = null;
            else a.DefaultImage = Ids.TryParse(image, out var imageId) && ctx.State.ImagesById.ContainsKey(imageId)
                ? imageId : throw ApiError.Invalid($"Invalid default_image ({image})");
        }
        if (target.Bool("show_tips") is { } tips) a.ShowTips = tips;
        if (target.ContainsKey("auto_login_kasm")) a.AutoLoginKasm = target.Bool("auto_login_kasm");
        if (target.Bool("toggle_control_panel") is { } panel) a.ToggleControlPanel = panel;
        if (target.Bool("chat_sfx") is { } sfx) a.ChatSfx = sfx;
        Set(target, "theme", v => a.Theme = v);
        Set(target, "ssh_public_key", v => a.SshPublicKey = v);
        Set(target, "preferred_language", v => a.PreferredLanguage = v);
        Set(target, "preferred_timezone", v => a.PreferredTimezone = v);
        return [];
    }
}
