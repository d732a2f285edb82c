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
    /// <summary>Where a session stands while it starts.</summary>
    internal sealed class SessionProgress
    {
        public SessionProgress(string status, string? message, int? percent) { Status = status; Message = message; Percent = percent; }
        public string Status { get; }
        public string? Message { get; }
        public int? Percent { get; }
    }

    internal sealed partial class KasmClient
    {
        public const string RunningStatus = "running";

        public KasmSession RequestSession(Guid imageId, Guid userId, bool enableSharing, string? kasmUrl, IDictionary? environment, CancellationToken cancel)
        {
            var body = new JsonObject { ["image_id"] = imageId.ToString("N"), ["user_id"] = userId.ToString("N") };
            if (enableSharing) body["enable_sharing"] = true;
            if (!string.IsNullOrEmpty(kasmUrl)) body["kasm_url"] = kasmUrl;
            if (environment != null && environment.Count > 0) body["environment"] = JsonPayload.FromDictionary(environment);
            using var response = _transport.Send(KasmEndpoints.RequestKasm, body, cancel);
            var session = ModelMapper.Map<KasmSession>(response.Json, Connection);
            session.ImageId ??= imageId;
            session.UserId ??= userId;
            return session;
        }

        /// <summary>
        /// One get_kasm_status poll. A running session comes back as the session object; a session that is not running
        /// yet comes back as its progress. Kasm answers "not running yet" with HTTP 200, error_message and no 'kasm' key
        /// (1.16+ also sends operational_status), so an absent 'kasm' is "not ready", not a failure (kasm-api.md §4.2).
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
                var session = ModelMapper.Map<KasmSession>(kasm, Connection);
                if (root.TryGetProperty("kasm_url", out var url) && url.ValueKind == JsonValueKind.String)
                    session.KasmUrl = KasmValue.ToAbsoluteUri(url.GetString(), Connection.Server) ?? session.KasmUrl;
                return (session, new SessionProgress(session.Status ?? RunningStatus, session.OperationalMessage, session.OperationalProgress));
            }
            if (root.ValueKind != JsonValueKind.Object)
                throw ResponseClassifier.Unreadable(response.Endpoint, response.StatusCode, response.ContentType, response.Body, null);
            bool hasStatus = root.TryGetProperty("operational_status", out var s) && s.ValueKind == JsonValueKind.String;
            // 1.16+ sends operational_status with every "not running yet" answer, so an error_message without it is a
            // real refusal (not the owner, scheduled for deletion, ...). 1.15 sends none, so there it stays "starting".
            if (!hasStatus && Connection.ServerVersion != null && Connection.ServerVersion >= new Version(1, 16)) throw Refusal(response);
            string status = hasStatus ? s.GetString()! : "starting";
            string? message = root.TryGetProperty("operational_message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString()
                : root.TryGetProperty("error_message", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            int? percent = root.TryGetProperty("operational_progress", out var p) && p.ValueKind == JsonValueKind.Number
                ? (int)Math.Round(p.GetDouble()) : (int?)null;
            return (null, new SessionProgress(status, message, percent));
        }

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
                var (session, progress) = GetSessionStatus(requested.KasmId, requested.UserId, cancel);
                last = progress;
                onProgress?.Invoke(progress);
                if (session != null && string.Equals(session.Status, RunningStatus, StringComparison.OrdinalIgnoreCase))
                {
                    // Every get_kasm_status mints a fresh login link that supersedes the one request_kasm gave
                    // (kasm-api.md §2.6), so the running session carries the newest link and the token inside it.
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
                if (watch.Elapsed >= timeout)
                    throw new KasmApiException(KasmErrorId.Timeout,
                        $"Session {requested.KasmId} did not start within {timeout.TotalSeconds:0} seconds (last status: {last.Status}). It may still start: check it with Get-KasmSession -KasmId {requested.KasmId}.",
                        KasmEndpoints.GetKasmStatus.Name, 0, last.Message, KasmEndpoints.GetKasmStatus.Permission);
                var wait = interval < timeout - watch.Elapsed ? interval : timeout - watch.Elapsed;
                if (wait > TimeSpan.Zero && cancel.WaitHandle.WaitOne(wait)) cancel.ThrowIfCancellationRequested();
            }
        }

        /// <summary>The login token at the end of a kasm_url (/#/connect/kasm/&lt;kasm&gt;/&lt;user&gt;/&lt;token&gt;).</summary>
        internal static string? TokenOf(Uri kasmUrl)
        {
            var parts = kasmUrl.Fragment.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return parts.Length >= 5 && parts[1] == "connect" ? parts[parts.Length - 1] : null;
        }

        public IEnumerable<KasmSession> GetSessions(CancellationToken cancel) =>
            List<KasmSession>(KasmEndpoints.GetKasms, null, "kasms", cancel);

        /// <summary>Asks Kasm to destroy a session. Kasm deletes it asynchronously; the id is rejected once it is gone.</summary>
        public void DestroySession(Guid kasmId, Guid? userId, CancellationToken cancel)
        {
            var body = new JsonObject { ["kasm_id"] = kasmId.ToString("N") };
            if (userId.HasValue) body["user_id"] = userId.Value.ToString("N");
            using var _ = _transport.Send(KasmEndpoints.DestroyKasm, body, cancel);
        }
    }
}
