using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>request_kasm, get_kasm_status, get_kasms, get_kasm, get_user_kasms, destroy_kasm (docs/kasm-api.md#sessions).</summary>
internal static class Sessions
{
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromHours(1);

    public static JsonObject RequestKasm(HandlerContext ctx)
    {
        var image = ResolveImage(ctx);
        var user = ctx.TopLevelUser();
        if (user is not null)
        {
            if (ctx.State.LiveSessions().Count(s => s.UserId == user.UserId) >= ctx.Settings.MaxKasmsPerUser)
                throw ApiError.Invalid($"Kasm limit exceeded for user: ({user.Username})");
        }
        if (ctx.State.LiveSessions().Count() >= ctx.Settings.LicenseLimit)
            throw ApiError.Invalid("Per concurrent session license limit exceeded. Unable to create session");
        // No user_id: the server makes an anonymous user, member of All Users (docs/kasm-api.md#sessions).
        user ??= NewAnonymousUser(ctx);
        // enable_sharing where the group does not allow sharing: the session is still made (docs/kasm-api.md,
        // request_kasm) and the answer carries the success keys and error_message together.
        bool askedSharing = ctx.Body.Bool("enable_sharing") == true;
        bool sharing = askedSharing && (!ctx.Profile.RealServerRules || ctx.Settings.AllowKasmSharing);

        var session = new SessionRecord
        {
            KasmId = Guid.NewGuid(),
            UserId = user.UserId,
            ImageId = image.ImageId,
            ServerId = SeedData.AgentServerId,
            Created = ctx.Now,
            KeepaliveDate = ctx.Now,
            ExpirationDate = ctx.Now + SessionLifetime,
            StartDelayMs = ctx.Settings.SessionStartDelayMs,
            ShareId = sharing ? Ids.NewShareId() : null,
            ContainerId = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()),
            ContainerIp = $"172.18.0.{2 + ctx.State.SessionsById.Count % 250}",
            Cores = image.Cores,
            Memory = image.Memory,
            Gpus = image.GpuCount,
            Environment = ctx.Body["environment"] is JsonObject env
                ? env.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "")
                : [],
        };
        ctx.State.SessionsById[session.KasmId] = session;
        user.LastSession = ctx.Now;

        // Quirk (docs/kasm-api.md#sessions, docs/kasm-api.md#answers): kasm_id and session_token are dashed here, user_id is hex.
        string token = Ids.Dashed(Guid.NewGuid());
        var response = new JsonObject
        {
            ["kasm_id"] = Ids.Dashed(session.KasmId),
            ["status"] = "starting",
            ["user_id"] = Ids.Hex(user.UserId),
            ["username"] = user.Username,
            ["session_token"] = token,
            ["kasm_url"] = $"/#/connect/kasm/{Ids.Dashed(session.KasmId)}/{Ids.Hex(user.UserId)}/{token}",
        };
        // share_id: 1.15 only when sharing was asked for; 1.19 always, null otherwise (docs/kasm-api.md#sessions).
        if (session.ShareId is not null || ctx.Profile.ShareIdAlways) response["share_id"] = session.ShareId;
        if (askedSharing && !sharing) response["error_message"] = "Failed to create Share ID";
        if (ctx.Settings.NewSessionStatus is { } held) ctx.State.SetSessionStatus(session.KasmId, held);
        return response;
    }

    public static JsonObject GetKasmStatus(HandlerContext ctx)
    {
        var session = RequireSession(ctx);
        // 1.15 crashes (500 HTML) when user_id is absent (docs/kasm-api.md#sessions); the seed profile calls it a bad request.
        var user = ctx.TopLevelUser() ?? throw (ctx.Profile.IsSeed
            ? ApiError.Invalid("Invalid Request: Missing user_id")
            : ApiError.Crash("get_kasm_status without user_id"));
        if (session.UserId != user.UserId) throw ApiError.Denied("Access Denied");

        var phase = session.PhaseAt(ctx.Now);
        // Paused and stopped sessions answer with their operational_status and no kasm key, on every version
        // (docs/kasm-api.md, get_kasm_status).
        if (phase is SessionPhase.Paused or SessionPhase.Stopped)
            return new JsonObject { ["operational_status"] = phase.WireName() };
        if (phase != SessionPhase.Running)
        {
            // Not an error on the wire: HTTP 200 with error_message (and, after 1.15, operational_*), no kasm key.
            var body = new JsonObject
            {
                ["error_message"] = phase == SessionPhase.Deleting
                    ? "Kasm is currently scheduled to be deleted."
                    : $"This session is currently {phase.WireName()}.",
            };
            if (ctx.Profile.StatusShowsOperational)
            {
                var (message, progress) = phase.Progress();
                body["operational_status"] = phase.WireName();
                body["operational_message"] = message;
                body["operational_progress"] = progress;
            }
            return body;
        }

        // Running: a fresh token on every call; this kasm_url has the kasm id hex and the user id dashed (docs/kasm-api.md#sessions, docs/kasm-api.md#answers).
        string token = Ids.Dashed(Guid.NewGuid());
        return new JsonObject
        {
            ["kasm"] = SessionWire.Session(ctx, session),
            ["current_time"] = Timestamps.Format(ctx.Now),
            ["kasm_url"] = $"/#/connect/kasm/{Ids.Hex(session.KasmId)}/{Ids.Dashed(user.UserId)}/{token}",
        };
    }

    public static JsonObject GetKasms(HandlerContext ctx)
    {
        var kasms = ctx.State.SessionsById.Values.ToList();
        var response = new JsonObject();
        ctx.List(response, "kasms", kasms, s => SessionWire.AdminView(ctx, s));
        // docs/kasm-api.md#sessions: with zero sessions 1.15 leaves current_time out.
        if (kasms.Count > 0 || !ctx.Profile.Quirks115) response["current_time"] = Timestamps.Format(ctx.Now);
        return response;
    }

    public static JsonObject GetKasm(HandlerContext ctx)
    {
        var target = ctx.Target("target_kasm", "Invalid Request. Missing target_kasm");
        string raw = target.Str("kasm_id") ?? throw ApiError.Invalid("Invalid Request. Missing kasm_id");
        if (!Ids.TryParse(raw, out var id) || !ctx.State.SessionsById.TryGetValue(id, out var session))
            throw ApiError.NotFound("Invalid Request. Invalid kasm_id");
        return new JsonObject
        {
            ["kasm"] = SessionWire.AdminView(ctx, session),
            ["current_time"] = Timestamps.Format(ctx.Now),
        };
    }

    public static JsonObject GetUserKasms(HandlerContext ctx)
    {
        var user = ctx.TopLevelUser() ?? throw ApiError.Invalid("Invalid Request: Missing user_id");
        return new JsonObject
        {
            ["kasms"] = new JsonArray([.. ctx.State.SessionsById.Values.Where(s => s.UserId == user.UserId)
                .Select(s => (JsonNode)SessionWire.Session(ctx, s))]),
            ["current_time"] = Timestamps.Format(ctx.Now),
        };
    }

    /// <summary>Answers <c>{}</c> at once; the session shows "deleting" and vanishes after the destroy delay (docs/kasm-api.md#sessions).</summary>
    public static JsonObject DestroyKasm(HandlerContext ctx)
    {
        var session = RequireSession(ctx, "Invalid Request");
        var user = ctx.TopLevelUser();
        // Real servers need user_id (the owner) whatever the key holds: without it the handler fails with an HTML 500
        // and destroys nothing (docs/kasm-api.md, destroy_kasm). The seed document sends kasm_id alone.
        if (user is null && ctx.Profile.RealServerRules) throw ApiError.Crash("destroy_kasm without user_id");
        // Sessions Delete lets a key delete anyone's session; otherwise user_id must name the owner (docs/kasm-api.md#sessions).
        if (!ctx.Holds(Permission.SessionsDelete) && user?.UserId != session.UserId)
            throw ApiError.Denied("Unauthorized attempt to delete session");
        // A second destroy of a session still being deleted is accepted and run again on real servers.
        if (session.DestroyRequested is not null && !ctx.Profile.RealServerRules)
            throw ApiError.Invalid("Session is not in a valid state to be deleted");
        session.DestroyRequested = ctx.Now;
        session.DestroyDelayMs = ctx.Settings.DestroyDelayMs;
        return [];
    }

    private static SessionRecord RequireSession(HandlerContext ctx, string missing = "Invalid Request: Missing kasm_id")
    {
        // The auth wrapper has already answered 400 for an unknown kasm_id (docs/kasm-api.md#transport-and-authentication step 7), so a miss here means "absent".
        string raw = ctx.Body.Str("kasm_id") ?? throw ApiError.Invalid(missing);
        return Ids.TryParse(raw, out var id) && ctx.State.SessionsById.TryGetValue(id, out var s)
            ? s
            : throw ApiError.NotFound($"No session found with kasm_id ({raw})");
    }

    private static ImageRecord ResolveImage(HandlerContext ctx)
    {
        // No default images are configured, so a missing image_id always ends here (docs/kasm-api.md#sessions; image_name is ignored).
        string raw = ctx.Body.Str("image_id") ?? throw ApiError.Invalid("No Default Image Found");
        if (!Ids.TryParse(raw, out var id) || !ctx.State.ImagesById.TryGetValue(id, out var image))
            throw ApiError.NotFound($"Invalid Request: Unknown image_id ({raw})");
        if (!image.Enabled) throw ApiError.Invalid("Image Not Authorized");
        if (!image.Available)
            throw ApiError.Invalid("No resources are available to create the requested Kasm. Please try again later or contact an Administrator");
        return image;
    }

    private static UserRecord NewAnonymousUser(HandlerContext ctx)
    {
        var user = new UserRecord
        {
            UserId = Guid.NewGuid(),
            Username = "anon_" + Ids.RandomAlphaNumeric(16, lowerOnly: true),
            Anonymous = true,
            Created = ctx.Now,
            GroupIds = [GroupRecord.AllUsersId],
        };
        ctx.State.UsersById[user.UserId] = user;
        return user;
    }
}
