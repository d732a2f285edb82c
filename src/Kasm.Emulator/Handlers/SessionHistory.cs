using System.Globalization;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>
/// get_session_history (docs/kasm-api.md#session-history): every session's accounting row, live or gone, newest first
/// unless sorted otherwise; paged when <c>page</c> or <c>page_size</c> is given (where pages start is the setting
/// <see cref="EmulatorSettings.SessionHistoryPageBase"/>), filtered by <c>filters</c> (all must match) and
/// <c>or_filters</c> (one must match).
/// </summary>
internal static class SessionHistory
{
    /// <summary>The page size when a page is asked for without one (inferred).</summary>
    public const int DefaultPageSize = 25;

    public static JsonObject GetSessionHistory(HandlerContext ctx)
    {
        var rows = ctx.State.HistoryList;
        foreach (var row in rows) Settle(ctx, row);
        var all = Filters(ctx.Body["filters"]);
        var any = Filters(ctx.Body["or_filters"]);
        var found = rows.Where(r => all.All(f => f(r)) && (any.Count == 0 || any.Any(f => f(r)))).ToList();

        string sortBy = ctx.Body.Str("sort_by") ?? "created_date";
        bool descending = !string.Equals(ctx.Body.Str("sort_direction"), "asc", StringComparison.OrdinalIgnoreCase);
        Func<AccountRecord, IComparable?> key = sortBy switch
        {
            "destroyed_date" => r => r.Destroyed,
            "user_name" => r => r.UserName,
            "image_friendly_name" => r => r.ImageFriendlyName,
            "usage_hours" => r => Hours(ctx, r),
            _ => r => r.Created,
        };
        found = descending ? [.. found.OrderByDescending(key)] : [.. found.OrderBy(key)];

        var answer = new JsonObject { ["total"] = found.Count };
        IEnumerable<AccountRecord> shown = found;
        if (ctx.Body.Has("page") || ctx.Body.Has("page_size"))
        {
            int page = WholeNumber(ctx.Body, "page") ?? ctx.Settings.SessionHistoryPageBase;
            int size = WholeNumber(ctx.Body, "page_size") ?? DefaultPageSize;
            if (size < 1) throw ApiError.Invalid("Invalid Request. Missing required parameters");
            long index = Math.Max(0, page - ctx.Settings.SessionHistoryPageBase);
            shown = found.Skip((int)Math.Min(index * size, int.MaxValue)).Take(size);
            answer["page"] = page;
        }
        var list = new JsonArray();
        foreach (var r in shown) list.Add(Wire(ctx, r));
        answer["sessions"] = list;
        return answer;
    }

    /// <summary>A row of a session made in this run takes its destroy time from the session, or from its disappearance.</summary>
    private static void Settle(HandlerContext ctx, AccountRecord row)
    {
        if (row.Session is not { } session || row.Destroyed is not null) return;
        if (session.DestroyRequested is { } asked)
        {
            row.Destroyed = asked;
            row.DestroyReason = "user_destroyed";
        }
        else if (!ctx.State.SessionsById.ContainsKey(session.KasmId))
        {
            row.Destroyed = ctx.Now;
            row.DestroyReason = "admin_destroyed";
        }
    }

    private static double Hours(HandlerContext ctx, AccountRecord r) =>
        Math.Round(((r.Destroyed ?? ctx.Now) - r.Created).TotalHours, 4);

    private static JsonObject Wire(HandlerContext ctx, AccountRecord r) => new()
    {
        ["account_id"] = Ids.Hex(r.AccountId),
        ["kasm_id"] = Ids.Hex(r.KasmId),
        ["user_id"] = Ids.Hex(r.UserId),
        ["user_name"] = r.UserName,
        ["image_id"] = Ids.Hex(r.ImageId),
        ["image_name"] = r.ImageName,
        ["image_src"] = r.ImageSrc,
        ["image_friendly_name"] = r.ImageFriendlyName,
        ["start_date"] = Timestamps.Format(r.Created),
        ["created_date"] = Timestamps.Format(r.Created),
        ["destroyed_date"] = r.Destroyed is { } d ? Timestamps.Format(d) : null,
        ["destroy_reason"] = r.DestroyReason,
        ["group_ids"] = new JsonArray([.. r.GroupIds.Select(g => (JsonNode)JsonValue.Create(Ids.Hex(g)))]),
        ["usage_hours"] = Hours(ctx, r),
        ["cast_config_id"] = null,
    };

    private static int? WholeNumber(JsonObject body, string name)
    {
        if (!body.Has(name)) return null;
        double? n = body.Number(name);
        if (n is not { } v || v != Math.Floor(v) || v < 0 || v > int.MaxValue) throw ApiError.Invalid("Invalid Request. Missing required parameters");
        return (int)v;
    }

    /// <summary>
    /// Kasm's filter list: <c>[{"id": field, "value": ...}]</c>. Ids the emulator does not know are ignored (inferred); the
    /// date filters take <c>{"from", "to"}</c> in Kasm's date form.
    /// </summary>
    private static List<Func<AccountRecord, bool>> Filters(JsonNode? node)
    {
        var result = new List<Func<AccountRecord, bool>>();
        if (node is null) return result;
        if (node is not JsonArray list) throw ApiError.Invalid("Invalid Request. Missing required parameters");
        foreach (var item in list)
        {
            if (item is not JsonObject filter || filter.Str("id") is not { } id) throw ApiError.Invalid("Invalid Request. Missing required parameters");
            var value = filter["value"];
            switch (id)
            {
                case "kasm_id":
                {
                    if (value is not JsonValue || !Ids.TryParse(value.ToString(), out var kasmId)) throw ApiError.Invalid("Invalid kasm ID");
                    result.Add(r => r.KasmId == kasmId);
                    break;
                }
                case "user_id":
                {
                    if (value is not JsonValue || !Ids.TryParse(value.ToString(), out var userId)) throw ApiError.Invalid("Invalid user ID");
                    result.Add(r => r.UserId == userId);
                    break;
                }
                case "created_date":
                {
                    var (from, to) = Range(value, "Created");
                    result.Add(r => r.Created >= from && r.Created <= to);
                    break;
                }
                case "destroyed_date":
                {
                    var (from, to) = Range(value, "Destroyed");
                    result.Add(r => r.Destroyed is { } d && d >= from && d <= to);
                    break;
                }
            }
        }
        return result;
    }

    private static (DateTime From, DateTime To) Range(JsonNode? value, string which)
    {
        if (value is not JsonObject range) throw ApiError.Invalid($"{which} date filter is not a dict");
        DateTime from = DateTime.MinValue, to = DateTime.MaxValue;
        if (range.Has("from") && !TryDate(range.Str("from"), out from)) throw ApiError.Invalid($"Invalid {which.ToLowerInvariant()} date ranges");
        if (range.Has("to") && !TryDate(range.Str("to"), out to)) throw ApiError.Invalid($"Invalid {which.ToLowerInvariant()} date ranges");
        if (from > to) throw ApiError.Invalid($"Invalid {which.ToLowerInvariant()} date ranges");
        return (from, to);
    }

    private static bool TryDate(string? text, out DateTime date) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out date);
}
