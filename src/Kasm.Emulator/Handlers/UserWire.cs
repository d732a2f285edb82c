using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>The three user shapes of docs/kasm-api.md#users.</summary>
internal static class UserWire
{
    /// <summary>The short object create_user/update_user return.</summary>
    public static JsonObject Short(HandlerContext ctx, UserRecord user) => new()
    {
        ["user_id"] = Ids.Hex(user.UserId),
        ["username"] = user.Username,
        ["first_name"] = user.FirstName,
        ["last_name"] = user.LastName,
        ["phone"] = user.Phone,
        ["organization"] = user.Organization,
        ["notes"] = user.Notes,
        ["realm"] = user.Realm,
        ["locked"] = user.Locked,
        ["disabled"] = user.Disabled,
        ["last_session"] = Timestamps.Format(user.LastSession),
        ["groups"] = Groups(ctx, user),
    };

    /// <summary>get_user's fuller object: <c>kasms</c> filled only when the key holds Sessions View.</summary>
    public static JsonObject Full(HandlerContext ctx, UserRecord user)
    {
        var o = Short(ctx, user);
        o["kasms"] = ctx.Holds(Permission.SessionsView) ? Kasms(ctx, user) : new JsonArray();
        o["two_factor"] = false;
        o["program_id"] = null;
        o["created"] = Timestamps.Format(user.Created);
        o["password_set_date"] = Timestamps.Format(user.PasswordSetDate);
        o["city"] = user.City;
        o["state"] = user.State;
        o["country"] = user.Country;
        o["email"] = user.Email;
        o["custom_attribute_1"] = user.CustomAttribute1;
        o["custom_attribute_2"] = user.CustomAttribute2;
        o["custom_attribute_3"] = user.CustomAttribute3;
        return o;
    }

    /// <summary>
    /// One get_users entry. Quirks (docs/kasm-api.md#users, docs/kasm-api.md#answers): <c>user_id</c> is dashed, and <c>last_session</c> is stringified,
    /// so it reads "None" when the user never had a session. Groups only with Groups View, kasms only with Sessions View.
    /// </summary>
    public static JsonObject ListEntry(HandlerContext ctx, UserRecord user) => new()
    {
        ["user_id"] = Ids.Dashed(user.UserId),
        ["username"] = user.Username,
        ["anonymous"] = user.Anonymous,
        ["locked"] = user.Locked,
        ["disabled"] = user.Disabled,
        ["last_session"] = Timestamps.Format(user.LastSession) ?? "None",
        ["groups"] = ctx.Holds(Permission.GroupsView) ? Groups(ctx, user) : new JsonArray(),
        ["first_name"] = user.FirstName,
        ["last_name"] = user.LastName,
        ["phone"] = user.Phone,
        ["organization"] = user.Organization,
        ["notes"] = user.Notes,
        ["kasms"] = ctx.Holds(Permission.SessionsView) ? Kasms(ctx, user) : new JsonArray(),
        ["realm"] = user.Realm,
        ["company"] = new JsonObject(),
        ["created"] = Timestamps.Format(user.Created),
    };

    private static JsonArray Groups(HandlerContext ctx, UserRecord user) =>
        [.. user.GroupIds.Select(ctx.State.FindGroup).OfType<GroupRecord>()
            .Select(g => (JsonNode)new JsonObject { ["name"] = g.Name, ["group_id"] = Ids.Hex(g.GroupId) })];

    private static JsonArray Kasms(HandlerContext ctx, UserRecord user) =>
        [.. ctx.State.SessionsById.Values.Where(s => s.UserId == user.UserId).Select(s => (JsonNode)new JsonObject
        {
            ["kasm_id"] = Ids.Hex(s.KasmId),
            ["start_date"] = Timestamps.Format(s.Created),
            ["keepalive_date"] = Timestamps.Format(s.KeepaliveDate),
            ["expiration_date"] = Timestamps.Format(s.ExpirationDate),
            ["server"] = new JsonObject
            {
                ["server_id"] = Ids.Hex(s.ServerId),
                ["hostname"] = SeedData.AgentHostname,
                ["port"] = 443,
            },
        })];
}
