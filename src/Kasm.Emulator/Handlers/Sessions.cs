using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>request_kasm, get_kasm_status, get_kasms, get_kasm, get_user_kasms, destroy_kasm, pause_kasm, resume_kasm,
/// stop_kasm, keepalive (docs/kasm-api.md#sessions).</summary>
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
        ctx.State.HistoryList.Add(new AccountRecord
        {
            AccountId = Guid.NewGuid(), KasmId = session.KasmId, UserId = user.UserId, UserName = user.Username,
            ImageId = image.ImageId, ImageName = image.Name ?? "", ImageFriendlyName = image.FriendlyName,
            ImageSrc = image.Fields["image_src"]?.GetValue<string>() ?? "", Created = ctx.Now, GroupIds = [.. user.GroupIds],
            Session = session,
        });
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

    /// <summary>pause_kasm: running → pausing → paused (docs/kasm-api.md, pause_kasm, resume_kasm, stop_kasm).</summary>
    public static JsonObject PauseKasm(HandlerContext ctx) =>
        ChangeLifecycle(ctx, "pause", ctx.Settings.AllowKasmPause, [SessionPhase.Running], SessionPhase.Pausing, SessionPhase.Paused);

    /// <summary>stop_kasm: running or paused → stopping → stopped.</summary>
    public static JsonObject StopKasm(HandlerContext ctx) =>
        ChangeLifecycle(ctx, "stop", ctx.Settings.AllowKasmStop, [SessionPhase.Running, SessionPhase.Paused], SessionPhase.Stopping, SessionPhase.Stopped);

    /// <summary>resume_kasm: paused or stopped → starting → running. Resuming needs no group setting (docs/kasm-api.md).</summary>
    public static JsonObject ResumeKasm(HandlerContext ctx) =>
        ChangeLifecycle(ctx, "resume", true, [SessionPhase.Paused, SessionPhase.Stopped], SessionPhase.Starting, SessionPhase.Running);

    /// <summary>
    /// The three lifecycle calls: kasm_id and user_id; the owner, or a key with Sessions Modify (the admin override); a
    /// caller without the override also needs the group setting. Answers <c>{}</c> at once and changes the state after
    /// the settings' lifecycle delay (docs/kasm-api.md, pause_kasm, resume_kasm, stop_kasm).
    /// </summary>
    private static JsonObject ChangeLifecycle(HandlerContext ctx, string verb, bool groupAllows, SessionPhase[] from, SessionPhase moving, SessionPhase to)
    {
        var session = RequireSession(ctx, "Invalid Request");
        var user = ctx.TopLevelUser() ?? throw ApiError.Invalid("Invalid Request");
        bool admin = ctx.Holds(Permission.SessionsModify);
        if (!admin && user.UserId != session.UserId) throw ApiError.Denied($"Unauthorized attempt to {verb} session");
        if (!admin && !groupAllows) throw ApiError.Denied($"User is not authorized to issue a {verb} request");
        var phase = session.PhaseAt(ctx.Now);
        if (Array.IndexOf(from, phase) < 0)
            throw ApiError.Invalid(verb == "resume"
                ? $"Session ({Ids.Hex(session.KasmId)}) is in status ({phase.WireName()}) and cannot be resumed"
                : $"Session is not in a valid state to be {(verb == "stop" ? "stopped" : "paused")}");
        session.HeldPhase = to;
        session.Transition = moving;
        session.TransitionEnds = ctx.Now.AddMilliseconds(ctx.Settings.LifecycleDelayMs);
        return [];
    }

    /// <summary>
    /// keepalive: kasm_id alone; moves the expiry to an hour from now and answers <c>{"usage_reached": false}</c>
    /// (docs/kasm-api.md, keepalive). A session being deleted cannot be kept alive.
    /// </summary>
    public static JsonObject Keepalive(HandlerContext ctx)
    {
        var session = RequireSession(ctx, "Invalid Request: Missing required parameters");
        if (session.PhaseAt(ctx.Now) == SessionPhase.Deleting)
            throw ApiError.Invalid($"Kasm ({Ids.Hex(session.KasmId)[..8]}) is currently scheduled to be deleted. Can not honor keepalive request");
        if (ctx.Settings.UsageReached) return new JsonObject { ["usage_reached"] = true };
        session.KeepaliveDate = ctx.Now;
        session.ExpirationDate = ctx.Now + SessionLifetime;
        return new JsonObject { ["usage_reached"] = false };
    }

    /// <summary>
    /// exec_command_kasm: runs exec_config.cmd in the owner's running session and answers the session, never the
    /// command's output (docs/kasm-api.md, exec_command_kasm). The emulator keeps the commands in the session's record.
    /// </summary>
    public static JsonObject ExecCommandKasm(HandlerContext ctx)
    {
        const string invalid = "Invalid request, check paramemters"; // sic, as Kasm spells it
        var session = RequireSession(ctx, invalid);
        var user = ctx.TopLevelUser() ?? throw ApiError.Invalid(invalid);
        if (user.UserId != session.UserId) throw ApiError.Invalid(invalid);
        if (ctx.Body["exec_config"] is not JsonObject config || string.IsNullOrWhiteSpace(config.Str("cmd"))) throw ApiError.Invalid(invalid);
        if (session.PhaseAt(ctx.Now) != SessionPhase.Running) throw ApiError.Invalid("Kasm is not running or is not responding");
        session.Commands.Add(config.ToJsonString());
        return new JsonObject
        {
            ["kasm"] = SessionWire.Session(ctx, session),
            ["current_time"] = Timestamps.Format(ctx.Now),
        };
    }

    /// <summary>The desktop the emulator pretends each session has, for screenshots.</summary>
    private const int DesktopWidth = 1280, DesktopHeight = 720;

    /// <summary>
    /// get_kasm_screenshot: raw JPEG bytes (Content-Type image/jpg, sic), fitted into width × height (default 300 × 300)
    /// with the desktop's aspect ratio kept. Missing kasm_id: 400, empty body; not the owner's, or no screenshot (not
    /// running): 404, empty body. 1.15 swaps width and height first (docs/kasm-api.md, get_kasm_screenshot).
    /// </summary>
    public static ApiResponse GetKasmScreenshot(HandlerContext ctx)
    {
        string? raw = ctx.Body.Str("kasm_id");
        if (raw is null) return ApiResponse.Empty(400);
        if (!Ids.TryParse(raw, out var id) || !ctx.State.SessionsById.TryGetValue(id, out var session)) return ApiResponse.Empty(404);
        var user = ctx.TopLevelUser();
        if (user is null || user.UserId != session.UserId || session.PhaseAt(ctx.Now) != SessionPhase.Running) return ApiResponse.Empty(404);
        double width = ctx.Body.Number("width") ?? 300, height = ctx.Body.Number("height") ?? 300;
        if (width < 1 || height < 1) return ApiResponse.Empty(400);
        if (ctx.Profile.ScreenshotSwapsSize) (width, height) = (height, width);
        double scale = Math.Min(Math.Min(width / DesktopWidth, height / DesktopHeight), 1.0);
        int w = Math.Max(1, (int)Math.Round(DesktopWidth * scale)), h = Math.Max(1, (int)Math.Round(DesktopHeight * scale));
        return new ApiResponse(200, "image/jpg", Jpeg.Grey(w, h));
    }

    /// <summary>create_kasm_share_id: a new 8-hex share id, where the owner's group allows sharing (docs/kasm-api.md, sharing).</summary>
    public static JsonObject CreateKasmShareId(HandlerContext ctx)
    {
        var (session, user) = OwnSession(ctx);
        // Real servers: off unless the group setting allows it. The seed profile always shares, as its request_kasm does.
        if (ctx.Profile.RealServerRules && !ctx.Settings.AllowKasmSharing)
            throw ApiError.Invalid($"Sharing is not allowed for this ({user.Username})");
        if (session.ShareId is not null) throw ApiError.Invalid($"A share_id already exists for Kasm ({session.ShareId})");
        session.ShareId = Ids.NewShareId();
        return new JsonObject { ["share_id"] = session.ShareId };
    }

    /// <summary>get_kasm_share_id: the share id, null when the session is not shared.</summary>
    public static JsonObject GetKasmShareId(HandlerContext ctx) =>
        new() { ["share_id"] = OwnSession(ctx).Session.ShareId };

    /// <summary>delete_kasm_share_id: ends sharing, and the viewers' access with it; answers <c>{"share_id": null}</c>.</summary>
    public static JsonObject DeleteKasmShareId(HandlerContext ctx)
    {
        var (session, _) = OwnSession(ctx);
        session.ShareId = null;
        session.Viewers.Clear();
        // The viewers' permissions go with the share id; those that also control or own the session stay (inferred).
        session.Permissions.RemoveAll(p => p.Access == "r");
        return new JsonObject { ["share_id"] = null };
    }

    /// <summary>
    /// join_kasm: a viewer's login to a shared, running session. Without user_id the server makes an anonymous viewer
    /// (docs/kasm-api.md, join_kasm). The answer's kasm is a reduced view; the link is /#/connect/join/share/user/token.
    /// </summary>
    public static JsonObject JoinKasm(HandlerContext ctx)
    {
        string shareId = ctx.Body.Str("share_id") ?? throw ApiError.Invalid("Missing Parameters: share_id is missing");
        var session = ctx.State.SessionsById.Values.FirstOrDefault(s => s.ShareId == shareId)
            ?? throw ApiError.NotFound($"No Kasm found with share_id ({shareId})");
        if (session.PhaseAt(ctx.Now) != SessionPhase.Running) throw ApiError.Invalid($"Kasm ({Ids.Hex(session.KasmId)}) is not running");
        var viewer = ctx.TopLevelUser() ?? NewAnonymousUser(ctx);
        if (!session.Viewers.Contains(viewer.UserId)) session.Viewers.Add(viewer.UserId);
        ctx.State.UsersById.TryGetValue(session.UserId, out var owner);
        var full = SessionWire.Session(ctx, session);
        var kasm = new JsonObject { ["user"] = new JsonObject { ["username"] = owner?.Username }, ["view_only_token"] = "" };
        foreach (var key in new[] { "kasm_id", "share_id", "host", "port", "hostname", "image", "client_settings" })
            if (full[key] is { } value) kasm[key] = value.DeepClone();
        if (full["port_map"] is JsonObject ports)
            kasm["port_map"] = new JsonObject(ports.Where(p => p.Key is "vnc" or "audio").Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        string token = Ids.Dashed(Guid.NewGuid());
        return new JsonObject
        {
            ["kasm"] = kasm,
            ["current_time"] = Timestamps.Format(ctx.Now),
            ["user_id"] = Ids.Hex(viewer.UserId),
            ["username"] = viewer.Username,
            ["session_token"] = token,
            ["kasm_url"] = $"/#/connect/join/{shareId}/{Ids.Hex(viewer.UserId)}/{token}",
        };
    }

    /// <summary>The session of kasm_id when user_id names its owner (the share-id calls; docs/kasm-api.md, sharing).</summary>
    private static (SessionRecord Session, UserRecord User) OwnSession(HandlerContext ctx)
    {
        var session = RequireSession(ctx, "Missing required parameters");
        var user = ctx.TopLevelUser() ?? throw ApiError.Invalid("Missing required parameters");
        if (user.UserId != session.UserId) throw ApiError.Denied("Access Denied");
        return (session, user);
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
