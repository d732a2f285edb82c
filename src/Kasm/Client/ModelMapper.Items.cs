using System;
using System.Buffers.Text;
using System.Collections.Generic;
using System.Text.Json;
using Kasm.Models;

namespace Kasm.Client
{
    internal static partial class ModelMapper
    {
        private static readonly object BoxedTrue = true, BoxedFalse = false;
        private static readonly byte[] NoneText = { (byte)'N', (byte)'o', (byte)'n', (byte)'e' };
        private static readonly byte[] NullText = { (byte)'n', (byte)'u', (byte)'l', (byte)'l' };
        private static readonly JsonReaderOptions ItemReader = new JsonReaderOptions { MaxDepth = 64 };

        /// <summary>
        /// Maps one item of a streamed list from its JSON text (checked by ResponseClassifier.TryCheckItem; the text
        /// may be reused once this returns). The result is the one <c>Map(element, lazy: true, itemBytes)</c> gives on
        /// the parsed item. Where the type allows it (each property reads a top-level field of its own) it is reached
        /// in one pass of Utf8JsonReader, with no document built and no text made for an id, a timestamp or a "None",
        /// and the object keeps only the fields no property read, as a small JSON object of their own text, parsed if
        /// they are asked for. What that pass does not settle by itself (a modelled field that comes twice, an identity
        /// it cannot read, an item that is not an object) goes the usual way from the parsed item, so results and
        /// errors are the same. A large listing spent most of its time building a document per item and looking each
        /// field up in it, and most of its memory keeping every item's whole text (docs/design.md, §8).
        /// </summary>
        public static T MapItem<T>(ArraySegment<byte> item, KasmConnection? connection, string? method) where T : KasmObject, new()
        {
            var map = MapFor(typeof(T));
            if (map.FastNames != null && TryMapFast(map, item.AsSpan(), connection, method, eager: false, out var fast, out var unread, out var rest))
            {
                if (rest != null) fast!.AdditionalSource = new UnmodelledFields(rest, map.TopLevelNames, unread);
                return (T)fast!;
            }
            var bytes = item.AsSpan().ToArray();
            using var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { MaxDepth = 64 });
            return (T)Map(typeof(T), document.RootElement, connection, method, lazy: true, itemBytes: bytes);
        }

        /// <summary>True when <see cref="MapItem"/> reads the type in one pass (tests compare the two ways on it).</summary>
        internal static bool MapsInOnePass(Type type) => MapFor(type).FastNames != null;

        private enum Outcome { Value, NoValue, Unreadable }

        /// <summary>
        /// The one-pass map of an object under Map's rules, or false when Map must decide. With
        /// <paramref name="eager"/> (a nested object, whose unmodelled fields Map copies at once) it is also false
        /// when the object has a field no property reads, or one it cannot read.
        /// </summary>
        /// <remarks>
        /// <paramref name="rest"/>: the object's fields that are additional (not read by a property, or not readable),
        /// as the text of a JSON object in the order they came; null when there are none.
        /// </remarks>
        private static bool TryMapFast(TypeMap map, ReadOnlySpan<byte> json, KasmConnection? connection, string? method, bool eager,
            out KasmObject? result, out HashSet<string>? unread, out byte[]? rest)
        {
            result = null;
            unread = null;
            rest = null;
            // Where each additional field's text (name to end of value) starts and ends.
            int[]? kept = null;
            int keptCount = 0, keptBytes = 0;
            var reader = new Utf8JsonReader(json, ItemReader);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
            var names = map.FastNames!;
            var fields = map.Fields;
            var item = map.Create();
            item.Connection = connection;
            ulong seen = 0, identities = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                int from = (int)reader.TokenStartIndex;
                int f = Find(ref reader, names);
                reader.Read();
                if (f < 0)
                {
                    if (eager) return false;
                    reader.Skip();
                    Keep(ref kept, ref keptCount, ref keptBytes, from, (int)reader.BytesConsumed);
                    continue;
                }
                // A modelled field sent twice: which of the two counts is Map's to say.
                ulong bit = 1UL << f;
                if ((seen & bit) != 0) return false;
                seen |= bit;
                var field = fields[f];
                switch (ReadValue(ref reader, json, field, connection, method, out var value))
                {
                    case Outcome.Value:
                        field.Set(item, value);
                        if (field.Identity) identities |= bit;
                        break;
                    case Outcome.NoValue:
                        break;
                    case Outcome.Unreadable:
                        if (eager) return false;
                        (unread ??= new HashSet<string>(StringComparer.Ordinal)).Add(field.Paths[0][0]);
                        Keep(ref kept, ref keptCount, ref keptBytes, from, (int)reader.BytesConsumed);
                        break;
                }
            }
            // An identity not read: Map throws the error that names it.
            if (identities != map.IdentityMask) return false;
            result = item;
            if (keptCount > 0)
            {
                rest = new byte[keptBytes + keptCount + 1];
                int at = 0;
                for (int n = 0; n < keptCount; n++)
                {
                    rest[at++] = n == 0 ? (byte)'{' : (byte)',';
                    var text = json.Slice(kept![2 * n], kept[2 * n + 1] - kept[2 * n]);
                    text.CopyTo(rest.AsSpan(at));
                    at += text.Length;
                }
                rest[at] = (byte)'}';
            }
            return true;
        }

        private static void Keep(ref int[]? kept, ref int count, ref int bytes, int from, int to)
        {
            if (kept == null) kept = new int[8];
            else if (2 * count == kept.Length) Array.Resize(ref kept, kept.Length * 2);
            kept[2 * count] = from;
            kept[2 * count + 1] = to;
            count++;
            bytes += to - from;
        }

        /// <summary>The index of the field a property name is, or -1.</summary>
        private static int Find(ref Utf8JsonReader reader, byte[][] names)
        {
            if (!reader.ValueIsEscaped)
            {
                var name = reader.ValueSpan;
                for (int n = 0; n < names.Length; n++)
                    if (name.SequenceEqual(names[n])) return n;
                return -1;
            }
            for (int n = 0; n < names.Length; n++)
                if (reader.ValueTextEquals(names[n])) return n;
            return -1;
        }

        /// <summary>
        /// One value under Map's rules (IsNoValue, then TryConvert), the reader left on its last token. The common
        /// cases are read from the token itself; the rest is parsed as an element and given to TryConvert.
        /// </summary>
        private static Outcome ReadValue(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, FieldMap field, KasmConnection? connection, string? method, out object? value)
        {
            value = null;
            var token = reader.TokenType;
            var type = field.ValueType;
            if (token == JsonTokenType.Null) return Outcome.NoValue;
            if (token == JsonTokenType.String)
            {
                if (type == typeof(string)) { value = reader.GetString(); return Outcome.Value; }
                if (type == typeof(Guid) && TryReadGuid(ref reader, out var id)) { value = id; return Outcome.Value; }
                if (type == typeof(DateTime) && TryReadDate(ref reader, out var date)) { value = date; return Outcome.Value; }
                // Kasm's usual "no value" texts, without making them (KasmValue.IsNone; blanks are left to IsNoValue below).
                if (!reader.ValueIsEscaped && (reader.ValueSpan.Length == 0 || reader.ValueSpan.SequenceEqual(NoneText) || reader.ValueSpan.SequenceEqual(NullText)))
                    return Outcome.NoValue;
            }
            else if (token == JsonTokenType.True || token == JsonTokenType.False)
            {
                if (type == typeof(bool)) { value = token == JsonTokenType.True ? BoxedTrue : BoxedFalse; return Outcome.Value; }
            }
            else if (token == JsonTokenType.Number)
            {
                if (type == typeof(int) && reader.TryGetInt32(out int whole)) { value = whole; return Outcome.Value; }
                if (type == typeof(long) && reader.TryGetInt64(out long big)) { value = big; return Outcome.Value; }
            }
            else if (token == JsonTokenType.StartArray && field.ObjectElement != null && TryReadObjects(ref reader, json, field, connection, method, out value))
            {
                return Outcome.Value;
            }
            using var document = JsonDocument.ParseValue(ref reader);
            var element = document.RootElement;
            if (IsNoValue(element, type)) return Outcome.NoValue;
            // Nothing TryConvert returns refers to the element (texts, copies, objects mapped eagerly), so the document goes.
            return TryConvert(element, field, connection, method, false, out value) ? Outcome.Value : Outcome.Unreadable;
        }

        /// <summary>
        /// An array of module objects, each mapped in one pass; false (the reader back at the array's start) when one of
        /// them is not an object or needs Map.
        /// </summary>
        private static bool TryReadObjects(ref Utf8JsonReader reader, ReadOnlySpan<byte> json, FieldMap field, KasmConnection? connection, string? method, out object? value)
        {
            value = null;
            var map = MapFor(field.ObjectElement!);
            if (map.FastNames == null) return false;
            var start = reader;
            var items = new List<KasmObject>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                int from = (int)reader.TokenStartIndex;
                bool isObject = reader.TokenType == JsonTokenType.StartObject;
                reader.Skip();
                if (!isObject || !TryMapFast(map, json.Slice(from, (int)reader.BytesConsumed - from), connection, method, eager: true, out var nested, out _, out _))
                {
                    reader = start;
                    return false;
                }
                items.Add(nested!);
            }
            value = field.MakeArray!(items);
            return true;
        }

        /// <summary>An id in one of the two forms TryParseGuid reads exactly (32 digits, or 36 with dashes), from the token's bytes.</summary>
        private static bool TryReadGuid(ref Utf8JsonReader reader, out Guid id)
        {
            id = Guid.Empty;
            if (reader.ValueIsEscaped) return false;
            var text = reader.ValueSpan;
            if (text.Length == 32) return Utf8Parser.TryParse(text, out id, out int used, 'N') && used == 32;
            if (text.Length == 36) return Utf8Parser.TryParse(text, out id, out int used, 'D') && used == 36;
            return false;
        }

        /// <summary>Kasm's own timestamp form (KasmValue.TryParseKasmDate), from the token's bytes; false for anything else.</summary>
        private static bool TryReadDate(ref Utf8JsonReader reader, out DateTime date)
        {
            date = default;
            if (reader.ValueIsEscaped) return false;
            var text = reader.ValueSpan;
            if (text.Length < 19 || text.Length > 27) return false;
            Span<char> chars = stackalloc char[27];
            for (int n = 0; n < text.Length; n++)
            {
                if (text[n] >= 0x80) return false;
                chars[n] = (char)text[n];
            }
            return KasmValue.TryParseKasmDate(chars.Slice(0, text.Length), out date);
        }
    }
}
