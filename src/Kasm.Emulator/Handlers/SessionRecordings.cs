using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>
/// get_session_recordings (docs/kasm-api.md#session-recordings): a session's recordings, five per page, page 1-based.
/// The recordings are fixtures (<see cref="SeedData.Recordings"/>); nothing the emulator implements records a session.
/// </summary>
internal static class SessionRecordings
{
    /// <summary>Kasm's fixed page size for get_session_recordings.</summary>
    public const int PerPage = 5;

    public static JsonObject GetSessionRecordings(HandlerContext ctx)
    {
        // The licence is checked first: an unlicensed server says so whatever the request holds (inferred order).
        if (!ctx.Settings.SessionRecordingLicensed) throw ApiError.Invalid("Access Denied. This feature is not licensed");
        string raw = ctx.Body.Str("target_kasm_id") ?? throw ApiError.Invalid("Invalid Request. Missing required parameters");
        if (!Ids.TryParse(raw, out var kasmId)) throw ApiError.Invalid("Invalid Kasm ID");
        var recordings = SeedData.Recordings.Where(r => r.KasmId == kasmId).ToList();
        // A session is known when it is live or has recordings (its accounting row); anything else is not a session.
        if (recordings.Count == 0 && !ctx.State.SessionsById.ContainsKey(kasmId)) throw ApiError.Invalid("Invalid Kasm ID");
        int page = 1;
        if (ctx.Body.Has("page"))
        {
            double? asked = ctx.Body.Number("page");
            if (asked is not { } p || p < 1 || p != Math.Floor(p) || p > int.MaxValue)
                throw ApiError.Invalid("Invalid Request. Missing required parameters");
            page = (int)p;
        }
        bool links = ctx.Body.Bool("preauth_download_link") == true;
        var items = new JsonArray();
        foreach (var r in recordings.Skip((int)Math.Min((page - 1L) * PerPage, int.MaxValue)).Take(PerPage))
        {
            var item = new JsonObject
            {
                ["recording_id"] = Ids.Hex(r.RecordingId),
                ["account_id"] = Ids.Hex(r.AccountId),
                ["session_recording_url"] = $"s3://kasm-recordings/{Ids.Hex(r.AccountId)}/{Ids.Hex(r.RecordingId)}.webm",
                ["session_recording_metadata"] = new JsonObject
                {
                    ["duration"] = r.DurationSeconds,
                    ["created"] = Timestamps.Format(r.Created),
                },
            };
            if (links)
                item["session_recording_download_url"] = ctx.Settings.RecordingLinksFail
                    ? "error"
                    : $"https://kasm-recordings.s3.amazonaws.com/{Ids.Hex(r.AccountId)}/{Ids.Hex(r.RecordingId)}.webm?X-Amz-Expires=3600&X-Amz-Signature={Ids.Hex(r.RecordingId)[..16]}";
            items.Add(item);
        }
        return new JsonObject
        {
            ["session_recordings"] = items,
            ["items"] = recordings.Count,
            ["page"] = page,
            ["per_page"] = PerPage,
            ["total_duration"] = recordings.Sum(r => r.DurationSeconds),
        };
    }
}
