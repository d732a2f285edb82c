using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>
        /// get_session_history, every page, newest first (docs/kasm-api.md#session-history). Kasm's docs do not say where
        /// its pages start, so the listing is right under either reading: it asks for page 0, 1, 2, ... and keeps each row
        /// once (by account id); it stops when the rows seen reach the answer's <c>total</c>, at an empty page after the
        /// first (a 1-based server may answer page 0 with nothing, or with page 1 again), or after two pages in a row
        /// that bring nothing new (a server that ignores <c>page</c>). Sessions starting meanwhile only push rows to
        /// later pages, where they are met again and skipped. The filters are sent and also checked here, so a server
        /// that ignored one answers no more than was asked. <paramref name="incomplete"/> hears the rows seen and the
        /// total when the listing ended short of it.
        /// </summary>
        public IEnumerable<KasmSessionHistoryEntry> GetSessionHistory(Guid? kasmId, Guid? userId, DateTime? after, DateTime? before,
            int pageSize, Action<long, long>? incomplete, CancellationToken cancel)
        {
            if (pageSize < 1) throw new ArgumentOutOfRangeException(nameof(pageSize), "The page size must be at least 1.");
            if (after is DateTime a && before is DateTime b && a.ToUniversalTime() > b.ToUniversalTime())
                throw new ArgumentException("-After is later than -Before: no session could match.");
            var filters = new JsonArray();
            if (kasmId is Guid k) filters.Add(new JsonObject { ["id"] = "kasm_id", ["value"] = k.ToString("N") });
            if (userId is Guid u) filters.Add(new JsonObject { ["id"] = "user_id", ["value"] = u.ToString("N") });
            if (after != null || before != null)
            {
                var range = new JsonObject();
                if (after is DateTime from) range["from"] = KasmDate(from);
                if (before is DateTime to) range["to"] = KasmDate(to);
                filters.Add(new JsonObject { ["id"] = "created_date", ["value"] = range });
            }
            return PagesOfHistory(filters, kasmId, userId, after?.ToUniversalTime(), before?.ToUniversalTime(), pageSize, incomplete, cancel);
        }

        private IEnumerable<KasmSessionHistoryEntry> PagesOfHistory(JsonArray filters, Guid? kasmId, Guid? userId, DateTime? after, DateTime? before,
            int pageSize, Action<long, long>? incomplete, CancellationToken cancel)
        {
            var seen = new HashSet<Guid>();
            long? total = null;
            int stale = 0;
            for (int page = 0; ; page++)
            {
                var body = new JsonObject
                {
                    ["page"] = page,
                    ["page_size"] = pageSize,
                    ["sort_by"] = "created_date",
                    ["sort_direction"] = "desc",
                };
                if (filters.Count > 0) body["filters"] = filters.DeepClone();
                var response = _transport.Send(KasmEndpoints.GetSessionHistory, body, cancel);
                response.KeepDocument = true;
                if (response.Json.TryGetProperty("total", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt64(out var n)) total = n;
                int rows = 0, fresh = 0;
                foreach (var entry in Enumerate<KasmSessionHistoryEntry>(response, "sessions", null))
                {
                    rows++;
                    if (!seen.Add(entry.AccountId == Guid.Empty ? entry.KasmId : entry.AccountId)) continue;
                    fresh++;
                    if (kasmId is Guid k && entry.KasmId != k) continue;
                    if (userId is Guid u && entry.UserId != u) continue;
                    if (after is DateTime from && entry.CreatedDate is DateTime c1 && c1 < from) continue;
                    if (before is DateTime to && entry.CreatedDate is DateTime c2 && c2 > to) continue;
                    yield return entry;
                }
                if (total is long all && seen.Count >= all) yield break;
                if (rows == 0 && page > 0) break;
                stale = fresh == 0 ? stale + 1 : 0;
                if (stale >= 2) break;
            }
            if (total is long expected && seen.Count < expected) incomplete?.Invoke(seen.Count, expected);
        }

        /// <summary>Kasm's date form, in UTC: "2024-03-05 22:18:50".</summary>
        internal static string KasmDate(DateTime value) =>
            (value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value, DateTimeKind.Local) : value)
                .ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }
}
