using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;

namespace Kasm.Emulator.Api;

/// <summary>One row of the dispatch table.</summary>
/// <param name="Name">The method name (last path segment).</param>
/// <param name="Handler">Runs with the state lock held; returns the success body or throws <see cref="ApiError"/>.</param>
/// <param name="AnyOf">The decorator's permissions: holding any one is enough (docs/kasm-api.md#permissions).</param>
/// <param name="ReadOnly">True when a read-only key may call it (docs/kasm-api.md#transport-and-authentication step 4).</param>
/// <param name="Mounts">Where the method answers; elsewhere it is an unknown URL (404).</param>
/// <param name="PublicErrorsAre400">The /api/public variant answers business errors with HTTP 400 instead of 200 (docs/kasm-api.md#answers).</param>
/// <param name="InternalOnAdminMounts">
/// On /api/admin and /api the method resolves to the ClientApi variant whose decorator asks only for User and
/// which then checks these internally (docs/kasm-api.md#transport-and-authentication, docs/kasm-api.md#users get_user/update_user).
/// </param>
/// <param name="RawHandler">Set for a method whose success is not JSON (get_kasm_screenshot's JPEG): it answers the whole
/// response itself, and <paramref name="Handler"/> is unused.</param>
internal sealed record ApiMethod(
    string Name,
    Func<HandlerContext, JsonObject> Handler,
    Permission[] AnyOf,
    bool ReadOnly,
    Mount Mounts,
    bool PublicErrorsAre400 = false,
    Permission[]? InternalOnAdminMounts = null,
    Func<HandlerContext, ApiResponse>? RawHandler = null)
{
    /// <summary>A row for a method that answers with something other than JSON.</summary>
    public static ApiMethod Raw(string name, Func<HandlerContext, ApiResponse> handler, Permission[] anyOf, bool readOnly, Mount mounts) =>
        new(name, _ => throw new InvalidOperationException($"{name} answers raw"), anyOf, readOnly, mounts, RawHandler: handler);

    /// <summary>The permissions the decorator checks on <paramref name="mount"/>.</summary>
    public Permission[] DecoratorPermissions(Mount mount, bool seed) =>
        InternalOnAdminMounts is not null && mount != Mount.Public && !seed ? [Permission.User] : AnyOf;
}
