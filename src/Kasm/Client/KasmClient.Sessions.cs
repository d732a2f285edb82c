using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{

    internal sealed partial class KasmClient
    {
        public const string RunningStatus = "running";

        public KasmSession RequestSession(Guid imageId, Guid userId, bool enableSharing, string? kasmUrl, IDictionary? environment, CancellationToken cancel,
            string? imageName = null)
        {
            var body = new JsonObject { ["image_id"] = imageId.ToString("N"), ["user_id"] = userId.ToString("N") };
            if (enableSharing) body["enable_sharing"] = true;
            if (!string.IsNullOrEmpty(kasmUrl)) body["kasm_url"] = kasmUrl;
            if (environment != null && environment.Count > 0) body["environment"] = JsonPayload.FromDictionary(environment);
            using var response = _transport.Send(KasmEndpoints.RequestKasm, body, cancel);
            var session = ModelMapper.Map<KasmSession>(response.Json, Connection, response.Endpoint.Name);
            session.ImageId ??= imageId;
            session.UserId ??= userId;
            // request_kasm's answer does not name the workspace; the caller may know it (a name or a piped workspace).
            session.ImageName ??= imageName;
            return Made(response, session);
        }

        /// <summary>
        /// request_kasm, then (with <paramref name="wait"/>) polls until the session runs. A partial success (the session
        /// was made, sharing failed) does not stop the wait: the running session rides on the KasmPartialSuccess error
        /// thrown at the end. A wait that fails carries the session as its Result, so it is never lost.
        /// </summary>
        public KasmSession StartSession(Guid imageId, Guid userId, bool enableSharing, string? kasmUrl, IDictionary? environment,
            bool wait, TimeSpan timeout, TimeSpan interval, Action<KasmSession, SessionProgress>? onProgress, CancellationToken cancel,
            string? imageName = null)
        {
            KasmApiException? partial = null;
            KasmSession session;
            try
            {
                session = RequestSession(imageId, userId, enableSharing, kasmUrl, environment, cancel, imageName);
            }
            catch (KasmApiException ex) when (ex.ErrorId == KasmErrorId.PartialSuccess && ex.Result is KasmSession made)
            {
                partial = ex;
                session = made;
            }
            if (wait)
            {
                var requested = session;
                try
                {
                    session = WaitForSession(requested, timeout, interval, p => onProgress?.Invoke(requested, p), cancel);
                    session.ImageName ??= imageName;
                }
                catch (KasmApiException ex)
                {
                    ex.Result ??= requested;
                    if (partial != null)
                        throw new KasmApiException(ex.ErrorId, ex.Message + " Before that: " + partial.Message, ex.Method, ex.StatusCode,
                            ex.ServerMessage, ex.RequiredPermission, ex) { Result = ex.Result };
                    throw;
                }
            }
            if (partial != null)
            {
                partial.Result = session;
                throw partial;
            }
            return session;
        }

        /// <summary>
        /// Statuses from which a session does not go on to running by itself, so waiting for it is pointless: paused,
        /// stopped, being deleted, and "gone" (Kasm no longer knows it). Unknown statuses are not in this list: a newer
        /// Kasm may add start phases, and waiting on those is right.
        /// </summary>
        internal static readonly string[] NotStartingStatuses =
        {
            GoneStatus, "pausing", "paused", "stopping", "stopped", "saving", "delete_pending", "admin_delete_pending",
            "user_delete_pending", "deleting", "destroying",
        };

        /// <summary>The status the module gives a session that no session list has any more.</summary>
        public const string GoneStatus = "gone";

        internal static bool IsNotStarting(string? status) =>
            status != null && Array.IndexOf(NotStartingStatuses, status.ToLowerInvariant()) >= 0;

        /// <summary>
        /// One get_kasm_status poll. A running session comes back as the session object; a session that is not running
        /// yet comes back as its progress. Kasm answers "not running yet" with HTTP 200, error_message and no 'kasm' key;
        /// 1.16+ also sends operational_status, and so do paused and stopped sessions. An answer with neither 'kasm' nor
        /// operational_status is ambiguous (1.15 sends it while starting and for every refusal alike), so the session
        /// lists are asked what the session's status is (<see cref="ListedStatus"/>); no message text is read.
        /// Any non-200 answer (such as 400 for a session that no longer exists) is an error.
        /// </summary>
        public (KasmSession? Session, SessionProgress Progress) GetSessionStatus(Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N") };
            if (userId.HasValue) body["user_id"] = userId.Value.ToString("N");
            using var response = _transport.SendRaw(KasmEndpoints.GetKasmStatus, body, cancel);
            if (response.StatusCode != 200) throw Refusal(response);
            var root = response.Json;
            if (root.ValueKind == JsonValueKind.Object && root.TryGetProperty("kasm", out var kasm) && kasm.ValueKind == JsonValueKind.Object)
            {
                var session = ModelMapper.Map<KasmSession>(kasm, Connection, response.Endpoint.Name);
                if (root.TryGetProperty("kasm_url", out var url) && url.ValueKind == JsonValueKind.String)
                    session.KasmUrl = KasmValue.ToAbsoluteUri(url.GetString(), Connection.Server) ?? session.KasmUrl;
                return (session, new SessionProgress(session.Status ?? RunningStatus, session.OperationalMessage, session.OperationalProgress));
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw ResponseClassifier.Unreadable(response.Endpoint, response.StatusCode, response.ContentType, response.Body, null);
            string? message = root.TryGetProperty("operational_message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : root.TryGetProperty("error_message", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            int? percent = root.TryGetProperty("operational_progress", out var p) && p.ValueKind == JsonValueKind.Number
                ? (int)Math.Round(p.GetDouble()) : (int?)null;
            if (root.TryGetProperty("operational_status", out var s) && s.ValueKind == JsonValueKind.String)
                return (null, new SessionProgress(s.GetString()!, message, percent));

            // Ambiguous: starting on 1.15, or a refusal (not the owner, being deleted, ...). Ask the session lists.
            var (listed, owner) = ListedStatus(kasmId, userId, cancel);
            if (listed == null)
            {
                // No list could be read. 1.16+ always names the status while a session starts, so this is a refusal
                // there; on 1.15 (or an unknown version) it cannot be told from "starting".
                if (Connection.ServerVersion != null && Connection.ServerVersion >= new Version(1, 16)) throw Refusal(response);
                return (null, new SessionProgress("starting", message, percent));
            }
            // Someone else's session never becomes this user's: a refusal. A session listed as running (it got there
            // between the two calls, or the agent check failed for a moment) is reported as still starting and polled
            // again: "running" is reported only with the session that get_kasm_status gives.
            if (owner.HasValue && userId.HasValue && owner.Value != userId.Value) throw Refusal(response);
            if (string.Equals(listed, RunningStatus, StringComparison.OrdinalIgnoreCase)) listed = "starting";
            return (null, new SessionProgress(listed, message, percent));
        }

        /// <summary>
        /// A session's status as the session lists show it, for when get_kasm_status cannot tell. First the owner's own
        /// list (get_user_kasms: the permissions get_kasm_status needs, and a small answer); when the session is not
        /// there, or that list cannot be read, every session (get_kasms, Sessions View), which also tells a session
        /// of someone else's from one that is gone. "gone" when a list was read and no list has it; null when no list
        /// could be read. Connection failures still throw.
        /// </summary>
        internal (string? Status, Guid? Owner) ListedStatus(Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            bool readOne = false;
            var reads = new List<Func<IEnumerable<KasmSession>>>();
            if (userId.HasValue) reads.Add(() => GetUserSessions(userId.Value, cancel));
            reads.Add(() => GetSessions(cancel));
            foreach (var read in reads)
            {
                try
                {
                    foreach (var listed in read())
                        if (listed.KasmId == kasmId) return (listed.Status ?? "requested", listed.UserId ?? userId);
                    readOne = true;
                }
                catch (KasmApiException ex) when (!IsTransportFailure(ex)) { }
            }
            return readOne ? (GoneStatus, null) : (null, null);
        }

        private static bool IsTransportFailure(KasmApiException ex) =>
            ex.ErrorId == KasmErrorId.ConnectionFailed || ex.ErrorId == KasmErrorId.Timeout || ex.ErrorId == KasmErrorId.NotConnected;

        /// <summary>get_user_kasms: one user's sessions.</summary>
        public IEnumerable<KasmSession> GetUserSessions(Guid userId, CancellationToken cancel) =>
            List<KasmSession>(KasmEndpoints.GetUserKasms, new JsonObject { ["user_id"] = userId.ToString("N") }, "kasms", cancel);

        private static KasmApiException Refusal(KasmResponse response) =>
            ResponseClassifier.Classify(response.Endpoint, response.StatusCode, response.ContentType, response.Body, null)
            ?? ResponseClassifier.Unreadable(response.Endpoint, response.StatusCode, response.ContentType, response.Body, null);

        /// <summary>
        /// Polls until the session runs or <paramref name="timeout"/> passes (then KasmTimeout). Progress is reported on
        /// the calling thread after each poll. The running session carries the newest login link and its token.
        /// </summary>
        public KasmSession WaitForSession(KasmSession requested, TimeSpan timeout, TimeSpan interval, Action<SessionProgress>? onProgress, CancellationToken cancel)
        {
            var watch = Stopwatch.StartNew();
            SessionProgress last = new SessionProgress(requested.Status ?? "requested", null, null);
            while (true)
            {
                KasmSession? session;
                SessionProgress progress;
                try
                {
                    (session, progress) = GetSessionStatus(requested.KasmId, requested.UserId, cancel);
                }
                catch (KasmApiException ex) when (ex.StatusCode == 400 || ex.StatusCode == 404)
                {
                    // Kasm answers 400 once a session's id is gone; the lists confirm it (no message is read).
                    if (ListedStatus(requested.KasmId, requested.UserId, cancel).Status != GoneStatus) throw;
                    throw NotStarting(requested, new SessionProgress(GoneStatus, ex.ServerMessage, null), ex);
                }
                last = progress;
                onProgress?.Invoke(progress);
                if (session != null && string.Equals(session.Status, RunningStatus, StringComparison.OrdinalIgnoreCase))
                {
                    // Every get_kasm_status mints a fresh login link that supersedes the one request_kasm gave
                    // (docs/kasm-api.md, get_kasm_status), so the running session carries the newest link and its token.
                    if (session.KasmUrl == null)
                    {
                        session.KasmUrl = requested.KasmUrl;
                        session.SessionToken = requested.SessionToken;
                    }
                    else
                    {
                        session.SessionToken = TokenOf(session.KasmUrl) ?? requested.SessionToken;
                    }
                    session.UserName ??= requested.UserName;
                    session.ShareId ??= requested.ShareId;
                    return session;
                }
                if (IsNotStarting(progress.Status) || (session != null && IsNotStarting(session.Status)))
                    throw NotStarting(requested, progress, null);
                if (watch.Elapsed >= timeout)
                    throw new KasmApiException(KasmErrorId.Timeout,
                        $"Session {requested.KasmId} did not start within {timeout.TotalSeconds:0} seconds (last status: {last.Status}). It may still start: check it with Get-KasmSession -KasmId {requested.KasmId}.",
                        KasmEndpoints.GetKasmStatus.Name, 0, last.Message, KasmEndpoints.GetKasmStatus.Permission) { Result = requested };
                var wait = interval < timeout - watch.Elapsed ? interval : timeout - watch.Elapsed;
                if (wait > TimeSpan.Zero && cancel.WaitHandle.WaitOne(wait)) cancel.ThrowIfCancellationRequested();
            }
        }

        private static KasmApiException NotStarting(KasmSession requested, SessionProgress progress, Exception? inner) =>
            new KasmApiException(KasmErrorId.SessionNotStarting,
                progress.Status == GoneStatus
                    ? $"Session {requested.KasmId} will not start: Kasm no longer lists it for its user (it was deleted, or failed to start and was removed)."
                    : $"Session {requested.KasmId} will not start: it is {progress.Status}.",
                KasmEndpoints.GetKasmStatus.Name, 0, progress.Message, KasmEndpoints.GetKasmStatus.Permission, inner) { Result = requested };

        /// <summary>The login token at the end of a kasm_url (/#/connect/kasm/&lt;kasm&gt;/&lt;user&gt;/&lt;token&gt;).</summary>
        internal static string? TokenOf(Uri kasmUrl)
        {
            var parts = kasmUrl.Fragment.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 5 && parts[1] == "connect" ? parts[parts.Length - 1] : null;
        }

        public IEnumerable<KasmSession> GetSessions(CancellationToken cancel) =>
            List<KasmSession>(KasmEndpoints.GetKasms, null, "kasms", cancel);

        /// <summary>
        /// Asks Kasm to destroy a session. destroy_kasm needs the owner's user_id on every version (without it a 1.15
        /// server fails with an HTML 500 and ends nothing), so without <paramref name="userId"/> the owner is looked up
        /// first with get_kasm. Kasm deletes the session asynchronously; the id is rejected once it is gone.
        /// </summary>
        public void DestroySession(Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            Guid owner = userId ?? OwnerOf(kasmId, cancel);
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N"), ["user_id"] = owner.ToString("N") };
            try
            {
                using var _ = _transport.Send(KasmEndpoints.DestroyKasm, body, cancel);
            }
            catch (KasmApiException ex) when (ex.Attempts > 1 && (ex.StatusCode == 400 || ex.StatusCode == 404)
                                              && ListedStatus(kasmId, owner, cancel).Status == GoneStatus)
            {
                // Resent after a transient fault, and the first send had already ended it: Kasm no longer knows the id.
                // The session is gone, which is what was asked.
            }
        }

        /// <summary>
        /// get_kasm_status for one session, as a state: a running session comes back whole (with a fresh login link); one
        /// that is not running comes back with its id, owner, Status, OperationalMessage and OperationalProgress filled,
        /// not as an error. Without <paramref name="userId"/> the owner is looked up first (get_kasm). A session Kasm no
        /// longer knows is KasmItemNotFound once the session lists confirm it.
        /// </summary>
        public KasmSession GetSessionState(Guid kasmId, Guid? userId, CancellationToken cancel, string? userName = null)
        {
            string? ownerName = userName;
            Guid owner = userId ?? OwnerOf(kasmId, cancel, "Reading the status of", null, out ownerName);
            ownerName ??= userName;
            try
            {
                var (session, progress) = GetSessionStatus(kasmId, owner, cancel);
                if (session != null)
                {
                    // get_kasm_status names the owner by id only: the name comes from the caller or the owner look-up.
                    if (string.IsNullOrEmpty(session.UserName)) session.UserName = ownerName;
                    return session;
                }
                var state = new KasmSession
                {
                    KasmId = kasmId, UserId = owner, UserName = ownerName, Status = progress.Status, OperationalMessage = progress.Message,
                    OperationalProgress = progress.Percent,
                };
                state.Connection = Connection;
                return state;
            }
            catch (KasmApiException ex) when ((ex.StatusCode == 400 || ex.StatusCode == 404) && ListedStatus(kasmId, owner, cancel).Status == GoneStatus)
            {
                throw new KasmApiException(KasmErrorId.ItemNotFound, $"No session has the id {kasmId}.",
                    ex.Method, ex.StatusCode, ex.ServerMessage, ex.RequiredPermission, ex);
            }
        }

        /// <summary>
        /// Waits for an existing session to run (get_kasm_status polls, as New-KasmSession -Wait does). Without
        /// <paramref name="userId"/> the owner is looked up first (get_kasm).
        /// </summary>
        public KasmSession WaitForSession(Guid kasmId, Guid? userId, TimeSpan timeout, TimeSpan interval, Action<SessionProgress>? onProgress, CancellationToken cancel)
        {
            Guid owner = userId ?? OwnerOf(kasmId, cancel, "Waiting for");
            var requested = new KasmSession { KasmId = kasmId, UserId = owner, Connection = Connection };
            return WaitForSession(requested, timeout, interval, onProgress, cancel);
        }

        /// <summary>
        /// pause_kasm, resume_kasm or stop_kasm: kasm_id with the owner's user_id (looked up with get_kasm when not
        /// given). Kasm answers at once and changes the session's state in the background.
        /// </summary>
        public void ChangeSessionState(KasmEndpoint endpoint, Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            Guid owner = userId ?? OwnerOf(kasmId, cancel, "Changing the state of", endpoint);
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N"), ["user_id"] = owner.ToString("N") };
            using var _ = _transport.Send(endpoint, body, cancel);
        }

        /// <summary>
        /// keepalive: moves the session's expiry on. True when Kasm extended it; false when it answered usage_reached
        /// (the user's usage budget is spent) or without the key (a session time limit applies), so nothing moved.
        /// </summary>
        public bool KeepSessionAlive(Guid kasmId, CancellationToken cancel)
        {
            using var response = _transport.Send(KasmEndpoints.Keepalive, new JsonObject { ["kasm_id"] = kasmId.ToString("N") }, cancel);
            var root = response.Json;
            return root.ValueKind == JsonValueKind.Object && root.TryGetProperty("usage_reached", out var reached)
                   && reached.ValueKind == JsonValueKind.False;
        }

        /// <summary>
        /// exec_command_kasm: runs <paramref name="execConfig"/> (cmd, and optionally user, privileged, workdir,
        /// environment) in the owner's session. Kasm answers with the session only: the command's output and exit code
        /// are never returned. Without <paramref name="userId"/> the owner is looked up first (get_kasm).
        /// </summary>
        public KasmSession ExecuteInSession(Guid kasmId, Guid? userId, JsonObject execConfig, CancellationToken cancel)
        {
            if (execConfig == null) throw new ArgumentNullException(nameof(execConfig));
            if (!(execConfig["cmd"] is JsonValue cmd) || string.IsNullOrWhiteSpace(cmd.ToString()))
                throw new ArgumentException("The command to run is empty.", nameof(execConfig));
            Guid owner = userId ?? OwnerOf(kasmId, cancel, "Running a command in", KasmEndpoints.ExecCommandKasm);
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N"), ["user_id"] = owner.ToString("N"), ["exec_config"] = execConfig };
            using var response = _transport.Send(KasmEndpoints.ExecCommandKasm, body, cancel);
            var session = ModelMapper.Map<KasmSession>(Property(response, "kasm"), Connection);
            session.UserId ??= owner;
            return session;
        }

        /// <summary>
        /// get_kasm_screenshot: the session's desktop as JPEG bytes, fitted into <paramref name="width"/> ×
        /// <paramref name="height"/> with its aspect ratio kept. Kasm 1.15 swaps the two before asking the desktop, so for a
        /// 1.15 server they are sent swapped and the image fits the box asked for. Kasm answers 404 with an empty body when
        /// it has no screenshot (the session is not running, or not the user's): KasmNotFound. Without
        /// <paramref name="userId"/> the owner is looked up first (get_kasm).
        /// </summary>
        public byte[] GetScreenshot(Guid kasmId, Guid? userId, int width, int height, CancellationToken cancel)
        {
            if (width < 1 || height < 1) throw new ArgumentException("The screenshot's width and height must be at least 1.");
            Guid owner = userId ?? OwnerOf(kasmId, cancel, "Taking a screenshot of", KasmEndpoints.GetKasmScreenshot);
            bool swap = ScreenshotSwapsSize(Connection.ServerVersion);
            var body = new JsonObject
            {
                ["kasm_id"] = kasmId.ToString("N"), ["user_id"] = owner.ToString("N"),
                ["width"] = swap ? height : width, ["height"] = swap ? width : height,
            };
            using var response = _transport.SendRaw(KasmEndpoints.GetKasmScreenshot, body, cancel);
            if (response.StatusCode == 404 && response.Body.Length == 0)
                throw new KasmApiException(KasmErrorId.NotFound,
                    $"Kasm has no screenshot of session {kasmId}: it is not running, or it is not the session of user {owner}.",
                    KasmEndpoints.GetKasmScreenshot.Name, 404, null, KasmEndpoints.GetKasmScreenshot.Permission);
            if (response.StatusCode != 200) throw Refusal(response);
            if (IsJpeg(response.Body)) return response.Body;
            // Not a picture: a JSON error_message, or something unreadable.
            throw ResponseClassifier.Classify(response.Endpoint, response.StatusCode, response.ContentType, response.Body, null)
                  ?? new KasmApiException(KasmErrorId.UnexpectedResponse,
                      $"Kasm answered get_kasm_screenshot for session {kasmId} with {response.Body.Length} bytes of {response.ContentType ?? "no content type"}, not a JPEG image.",
                      KasmEndpoints.GetKasmScreenshot.Name, response.StatusCode, null, KasmEndpoints.GetKasmScreenshot.Permission);
        }

        /// <summary>Kasm 1.15's public get_kasm_screenshot swaps width and height (docs/kasm-api.md, get_kasm_screenshot).</summary>
        internal static bool ScreenshotSwapsSize(Version? server) => server != null && server.Major == 1 && server.Minor == 15;

        /// <summary>A JPEG starts with the SOI marker followed by another marker.</summary>
        internal static bool IsJpeg(byte[] body) => body.Length > 3 && body[0] == 0xFF && body[1] == 0xD8 && body[2] == 0xFF;

        /// <summary>
        /// create_kasm_share_id (<paramref name="create"/>) or get_kasm_share_id: the session's share id, null from get when
        /// the session is not shared. Without <paramref name="userId"/> the owner is looked up first (get_kasm).
        /// </summary>
        public KasmSessionShare GetOrCreateShare(Guid kasmId, Guid? userId, bool create, CancellationToken cancel)
        {
            var endpoint = create ? KasmEndpoints.CreateKasmShareId : KasmEndpoints.GetKasmShareId;
            Guid owner = userId ?? OwnerOf(kasmId, cancel, create ? "Sharing" : "Reading the share id of", endpoint);
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N"), ["user_id"] = owner.ToString("N") };
            using var response = _transport.Send(endpoint, body, cancel);
            var share = ModelMapper.Map<KasmSessionShare>(response.Json, Connection);
            share.KasmId = kasmId;
            share.OwnerId = owner;
            if (create && string.IsNullOrEmpty(share.ShareId))
                throw new KasmApiException(KasmErrorId.UnexpectedResponse, $"Kasm answered create_kasm_share_id for session {kasmId} without a share id.",
                    endpoint.Name, response.StatusCode, null, endpoint.Permission);
            return Made(response, share);
        }

        /// <summary>delete_kasm_share_id: ends sharing; viewers lose access. Without <paramref name="userId"/> the owner is looked up first.</summary>
        public void DeleteShare(Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            Guid owner = userId ?? OwnerOf(kasmId, cancel, "Ending the sharing of", KasmEndpoints.DeleteKasmShareId);
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N"), ["user_id"] = owner.ToString("N") };
            using var _ = _transport.Send(KasmEndpoints.DeleteKasmShareId, body, cancel);
        }

        /// <summary>
        /// join_kasm: a viewer's login to the shared session with <paramref name="shareId"/>, as <paramref name="userId"/>
        /// or, without it, as an anonymous user Kasm makes. The link (KasmUrl) and its token are credentials.
        /// </summary>
        public KasmSessionJoin JoinSession(string shareId, Guid? userId, CancellationToken cancel)
        {
            if (string.IsNullOrWhiteSpace(shareId)) throw new ArgumentException("The share id is empty.", nameof(shareId));
            var body = new JsonObject { ["share_id"] = shareId.Trim() };
            if (userId.HasValue) body["user_id"] = userId.Value.ToString("N");
            using var response = _transport.Send(KasmEndpoints.JoinKasm, body, cancel);
            var join = ModelMapper.Map<KasmSessionJoin>(response.Json, Connection);
            join.ShareId ??= shareId.Trim();
            return Made(response, join);
        }

        /// <summary>get_kasm: one session's admin view (Sessions View), with its user name and server.</summary>
        public KasmSession GetSession(Guid kasmId, CancellationToken cancel)
        {
            var body = new JsonObject { ["target_kasm"] = new JsonObject { ["kasm_id"] = kasmId.ToString("N") } };
            using var response = _transport.Send(KasmEndpoints.GetKasm, body, cancel);
            return ModelMapper.Map<KasmSession>(Property(response, "kasm"), Connection);
        }

        /// <summary>The owner of a session, from get_kasm (Sessions View).</summary>
        internal Guid OwnerOf(Guid kasmId, CancellationToken cancel) => OwnerOf(kasmId, cancel, "Ending", KasmEndpoints.DestroyKasm);

        /// <summary>The owner of a session, from get_kasm (Sessions View), for <paramref name="doing"/> the session with <paramref name="needing"/>.</summary>
        internal Guid OwnerOf(Guid kasmId, CancellationToken cancel, string doing, KasmEndpoint? needing = null) =>
            OwnerOf(kasmId, cancel, doing, needing, out _);

        /// <summary><see cref="OwnerOf(Guid, CancellationToken, string, KasmEndpoint?)"/>, with the owner's user name when get_kasm names it.</summary>
        internal Guid OwnerOf(Guid kasmId, CancellationToken cancel, string doing, KasmEndpoint? needing, out string? ownerName)
        {
            ownerName = null;
            needing ??= KasmEndpoints.GetKasmStatus;
            string nothing = needing == KasmEndpoints.DestroyKasm ? "Nothing was ended." : needing.ReadOnly ? "Nothing was read." : "Nothing was changed.";
            var body = new JsonObject { ["target_kasm"] = new JsonObject { ["kasm_id"] = kasmId.ToString("N") } };
            KasmResponse response;
            try
            {
                response = _transport.Send(KasmEndpoints.GetKasm, body, cancel);
            }
            catch (KasmApiException ex) when ((ex.ErrorId == KasmErrorId.ApiError || ex.ErrorId == KasmErrorId.InvalidRequest || ex.ErrorId == KasmErrorId.NotFound)
                                              && ListedStatus(kasmId, null, cancel).Status == GoneStatus)
            {
                throw new KasmApiException(KasmErrorId.ItemNotFound, $"No session has the id {kasmId}. {nothing}",
                    ex.Method, ex.StatusCode, ex.ServerMessage, ex.RequiredPermission, ex);
            }
            catch (KasmApiException ex) when (ex.ErrorId == KasmErrorId.Unauthorized || ex.ErrorId == KasmErrorId.Forbidden)
            {
                throw new KasmApiException(ex.ErrorId,
                    $"{doing} session {kasmId} needs its owner's user id ({needing.Name} requires it), and this API key cannot look the owner up " +
                    $"(get_kasm needs '{KasmEndpoints.GetKasm.Permission}'). {nothing} Pass -UserId, or pipe the session from Get-KasmSession or Get-KasmUser | Get-KasmSession.",
                    ex.Method, ex.StatusCode, ex.ServerMessage, ex.RequiredPermission, ex);
            }
            using (response)
            {
                var session = ModelMapper.Map<KasmSession>(Property(response, "kasm"), Connection, response.Endpoint.Name);
                ownerName = session.UserName;
                return session.UserId ?? throw new KasmApiException(KasmErrorId.UnexpectedResponse,
                    $"Kasm answered get_kasm for session {kasmId} without its user_id, so its owner is unknown. {nothing} Pass -UserId.",
                    KasmEndpoints.GetKasm.Name, response.StatusCode, null, KasmEndpoints.GetKasm.Permission);
            }
        }
    }
}
