using System;
using System.Collections.Generic;
using System.Linq;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>
        /// The item a name means: an exact match of one of its names, case ignored. An unknown name is KasmItemNotFound
        /// and an ambiguous one KasmInvalidArgument, each listing candidates; callers resolve names before they send
        /// anything that changes state (KasmApiCmdlet.ImageNamed and UserNamed).
        /// </summary>
        internal static T PickByName<T>(IReadOnlyList<T> items, string name, Func<T, string?[]> namesOf, string noun, Func<T, string> describe)
        {
            string wanted = name.Trim();
            var exact = items.Where(i => namesOf(i).Any(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase))).ToList();
            if (exact.Count == 1) return exact[0];
            if (exact.Count > 1)
                throw new KasmApiException(KasmErrorId.InvalidArgument,
                    $"The {noun} name '{wanted}' is ambiguous: it matches {string.Join("; ", exact.Select(describe))}. Use the id instead. Nothing was sent.");
            var near = items.Where(i => namesOf(i).Any(n => n != null && n.IndexOf(wanted, StringComparison.OrdinalIgnoreCase) >= 0)).ToList();
            var shown = (near.Count > 0 ? near : items).Take(10).Select(i => namesOf(i).FirstOrDefault(n => !string.IsNullOrEmpty(n)) ?? "").ToList();
            string candidates = shown.Count == 0 ? $"there is no {noun} at all" : (near.Count > 0 ? "similar: " : "known: ") + string.Join(", ", shown);
            throw new KasmApiException(KasmErrorId.ItemNotFound, $"No {noun} has the name '{wanted}' ({candidates}). Nothing was sent.");
        }
    }
}
