using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Auth;

/// <summary>The auth wrapper every method runs behind: the evaluation order of docs/kasm-api.md#transport-and-authentication (licence step left out).</summary>
internal sealed class Authenticator(IReadOnlyList<EmulatorKey> keys, ErrorMapper errors)
{
    /// <summary>Either the authenticated key, or the response that ends the request.</summary>
    public readonly record struct Outcome(EmulatorKey? Key, ApiResponse? Failure);

    /// <summary>Runs the steps in order. Caller holds the state lock (steps 6 and 7 read the state).</summary>
    public Outcome Authenticate(Credentials credentials, JsonObject body, ApiMethod method, Mount mount,
        EmulatorState state, Profile profile, DateTime now)
    {
        // Step 9 comes last in docs/kasm-api.md#transport-and-authentication but only applies when no key was sent; a key without secret falls through to it too.
        if (!credentials.Complete)
            return Fail(AuthFailure.NoCredentials, profile.IsSeed ? "Invalid API key or secret: none provided" : "Invalid Request");

        // Step 2: unknown key or wrong secret.
        var key = keys.FirstOrDefault(k => k.ApiKey == credentials.ApiKey);
        if (key is null || !SecretMatches(key, credentials.ApiKeySecret!))
            return Fail(AuthFailure.BadKey, "Access Denied");

        // Step 3: expired.
        if (key.Expires is { } expires && expires <= now)
            return Fail(AuthFailure.Expired, "Access has expired");

        // Step 4: read-only key on a method not flagged read-only.
        if (key.ReadOnly && !method.ReadOnly)
            return Fail(AuthFailure.ReadOnly, "Unauthorized");

        // Steps 5–7 run for every method, whether it uses the fields or not (docs/kasm-api.md#transport-and-authentication notes). A JSON null user_id is a
        // value, not "absent": the lookup of None fails with 400 (docs/kasm-api.md, update_user).
        if (profile.RealServerRules && body.ContainsKey("user_id") && body["user_id"] is null)
            return Fail(AuthFailure.UnknownUser, "Invalid user_id (None)");
        if (body.Has("user_id"))
        {
            if (!Permissions.Satisfies(key.Granted, Permission.UsersAuthSession))
                return Fail(AuthFailure.Impersonation, $"API Key ({key.Name}) is not authorized to impersonate a user.");
            string raw = body.Str("user_id")!;
            // A malformed UUID makes the real server's DB lookup raise: 500 HTML, not 400 (docs/kasm-api.md#transport-and-authentication notes).
            if (!Ids.TryParse(raw, out var userId))
                return Fail(AuthFailure.MalformedUuid, $"Invalid user_id ({raw}): not a UUID");
            if (state.FindUser(userId) is null)
                return Fail(AuthFailure.UnknownUser, $"Invalid user_id ({raw})");
        }
        if (body.Has("kasm_id"))
        {
            string raw = body.Str("kasm_id")!;
            if (!Ids.TryParse(raw, out var kasmId))
                return Fail(AuthFailure.MalformedUuid, $"Invalid kasm_id ({raw}): not a UUID");
            if (!state.SessionsById.ContainsKey(kasmId))
                return Fail(AuthFailure.UnknownKasm, $"Invalid kasm_id ({raw})");
        }

        // Step 8: the decorator's permissions (any one suffices).
        if (!Permissions.SatisfiesAny(key.Granted, method.DecoratorPermissions(mount, profile.IsSeed)))
            return Fail(AuthFailure.MissingPermission, "Unauthorized");

        return new Outcome(key, null);
    }

    private Outcome Fail(AuthFailure failure, string message) => new(null, errors.Auth(failure, message));

    private static bool SecretMatches(EmulatorKey key, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(key.ApiKeySecret), Encoding.UTF8.GetBytes(presented));
}
