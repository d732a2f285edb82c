using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Api;

/// <summary>What a handler gets: the parsed body, the caller's key, the state (lock held) and the profile.</summary>
internal sealed class HandlerContext
{
    public required EmulatorState State { get; init; }
    public required Profile Profile { get; init; }
    public required Mount Mount { get; init; }
    public required JsonObject Body { get; init; }
    public required EmulatorKey Key { get; init; }
    public required DateTime Now { get; init; }
    /// <summary>The Host the client used, echoed as a session's <c>hostname</c> (docs/kasm-api.md#sessions).</summary>
    public required string RequestHost { get; init; }
    /// <summary>The Host header as sent (with its port), for links Kasm builds from it (get_login, docs/kasm-api.md#users).</summary>
    public string RequestAuthority { get; init; } = "";

    public EmulatorSettings Settings => State.Settings;

    /// <summary>The list answer the handler left to be built as it is written (<see cref="List"/>), if any.</summary>
    public LazyList? Deferred { get; private set; }

    /// <summary>
    /// Puts the list <paramref name="items"/> under <paramref name="key"/> of <paramref name="answer"/>, each entry built by
    /// <paramref name="entry"/> only when the answer is written (docs/design.md, the emulator's streamed lists).
    /// </summary>
    public void List<T>(JsonObject answer, string key, IReadOnlyList<T> items, Func<T, JsonNode> entry) =>
        Deferred = LazyList.Create(answer, key, items, entry, State.Gate);

    public bool Holds(Permission permission) => Permissions.Satisfies(Key.Granted, permission);

    /// <summary>The <c>target_*</c> object of the body, or the missing-parameters error.</summary>
    public JsonObject Target(string name, string missingMessage = "Invalid Request: Missing required parameters") =>
        Body[name] as JsonObject ?? throw ApiError.Invalid(missingMessage);

    /// <summary>Top-level <c>user_id</c> resolved to a user (the auth wrapper already proved it exists, docs/kasm-api.md#transport-and-authentication step 6).</summary>
    public UserRecord? TopLevelUser() =>
        Body.Str("user_id") is { } raw && Ids.TryParse(raw, out var id) ? State.FindUser(id) : null;
}

