namespace Kasm.Emulator.Api;

/// <summary>What kind of failure a handler reports; <see cref="ErrorMapper"/> turns it into a status per profile and mount.</summary>
internal enum ErrorKind
{
    /// <summary>Validation or business rule (duplicate user, limits, bad field).</summary>
    Invalid,
    /// <summary>A resource the request names does not exist.</summary>
    NotFound,
    /// <summary>A target-level permission check inside a handler (401 "Unauthorized" in 1.15, docs/kasm-api.md#answers).</summary>
    Unauthorized,
    /// <summary>
    /// A storage mapping's owner the key may not change (docs/kasm-api.md#storage-mappings): 401 in every kasm profile,
    /// whatever the profile answers a missing decorator permission with; 403 in the seed.
    /// </summary>
    TargetUnauthorized,
    /// <summary>A business-level refusal (not owner, not allowed to change a field): 200 in kasm, 403 in the seed.</summary>
    Denied,
    /// <summary>A crash on a real server: 500 HTML in the kasm profiles, 500 JSON in the seed.</summary>
    ServerCrash,
    /// <summary>A failure the handler itself answers as a JSON 500 in every profile (delete_session_permissions when KasmVNC cannot be reached).</summary>
    JsonServerError,
}
