using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>
        /// get_session_recordings, every page: page 1, 2, ... until the answer's <c>items</c> total is reached, a page
        /// is empty, or a page brings no recording not seen before (a server that ignores <c>page</c>), so it works
        /// whatever the page size. Recordings are handed on page by page as the caller enumerates, so leaving early
        /// (Select-Object -First) sends no further page. A failure on a server whose licences (get_licenses) grant no
        /// session recording is <see cref="KasmErrorId.NotLicensed"/> (docs/kasm-api.md#session-recordings).
        /// </summary>
        public IEnumerable<KasmSessionRecording> GetSessionRecordings(Guid kasmId, bool downloadLinks, CancellationToken cancel)
        {
            if (kasmId == Guid.Empty) throw new ArgumentException("The session id is empty.", nameof(kasmId));
            var seen = new HashSet<Guid>();
            for (int page = 1; ; page++)
            {
                var body = new JsonObject { ["target_kasm_id"] = kasmId.ToString("N"), ["page"] = page };
                if (downloadLinks) body["preauth_download_link"] = true;
                KasmResponse response;
                try { response = _transport.Send(KasmEndpoints.GetSessionRecordings, body, cancel); }
                catch (KasmApiException failure) when (page == 1) { throw NotLicensedOr(failure, cancel); }
                response.KeepDocument = true;
                var root = response.Json;
                long? total = root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Number && items.TryGetInt64(out var n) ? n : (long?)null;
                int fresh = 0;
                foreach (var recording in Enumerate<KasmSessionRecording>(response, "session_recordings", null))
                {
                    if (!seen.Add(recording.RecordingId)) continue;
                    fresh++;
                    recording.KasmId = kasmId;
                    if (downloadLinks && !IsLink(recording.DownloadUrl))
                    {
                        recording.DownloadUrl = null;
                        recording.DownloadLinkFailed = true;
                    }
                    yield return recording;
                }
                if (fresh == 0 || total is long all && seen.Count >= all) yield break;
            }
        }

        /// <summary>An absolute http(s) URL; anything else (Kasm's "error" when signing failed) is no link.</summary>
        private static bool IsLink(string? url) =>
            Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp);

        /// <summary>
        /// Kasm's answer to an unlicensed recording call is not known by status (docs/kasm-api.md#session-recordings),
        /// so a refusal (200 with error_message, 400, 403) is checked against the licences: when get_licenses can be read
        /// and none grants session recording (the Enterprise SKU or the session_recording feature), the failure is
        /// KasmNotLicensed. Otherwise (licensed, or the licences cannot be read) it stays the failure it was.
        /// </summary>
        private KasmApiException NotLicensedOr(KasmApiException failure, CancellationToken cancel)
        {
            if (failure.StatusCode != 200 && failure.StatusCode != 400 && failure.StatusCode != 403) return failure;
            List<KasmLicense> licences;
            try { licences = GetLicenses(cancel).ToList(); }
            catch (KasmApiException) { return failure; }
            if (licences.Any(GrantsRecording)) return failure;
            return new KasmApiException(KasmErrorId.NotLicensed,
                $"Kasm refused {failure.Method} and no installed licence grants session recording (it needs the Enterprise licence or the session_recording feature): {failure.ServerMessage}",
                failure.Method, failure.StatusCode, failure.ServerMessage, failure.RequiredPermission, failure);
        }

        internal static bool GrantsRecording(KasmLicense licence)
        {
            if (string.Equals(licence.Sku, "Enterprise", StringComparison.OrdinalIgnoreCase)) return true;
            if (licence.Features == null) return false;
            foreach (DictionaryEntry feature in licence.Features)
                if (string.Equals(feature.Key as string, "session_recording", StringComparison.OrdinalIgnoreCase) && feature.Value is bool on && on)
                    return true;
            return false;
        }
    }
}
