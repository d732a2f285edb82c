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
}
