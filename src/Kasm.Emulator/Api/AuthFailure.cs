namespace Kasm.Emulator.Api;

/// <summary>The auth wrapper's failure steps (docs/kasm-api.md#transport-and-authentication; the licence step is not modelled).</summary>
internal enum AuthFailure
{
    BadKey,
    Expired,
    ReadOnly,
    Impersonation,
    UnknownUser,
    UnknownKasm,
    MissingPermission,
    NoCredentials,
    MalformedUuid,
}
