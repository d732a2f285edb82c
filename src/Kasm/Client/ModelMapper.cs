using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;
using System.Text.Json;
using Kasm.Models;

namespace Kasm.Client
{
    /// <summary>
    /// Reads API objects into the module's types: snake_case fields to PascalCase properties, ids to Guid,
    /// timestamps to UTC DateTime, relative URLs to absolute ones, and every unmodelled field into AdditionalProperties.
    /// The models themselves never see System.Text.Json (docs/design.md).
    /// <para>
    /// Odd answers (docs/kasm-api.md#odd-answers): a field that cannot be read as its property's type (wrong JSON kind,
    /// text that does not parse, a number out of the type's range, a fraction for a whole number) leaves the property at
    /// its default and is kept as it came in AdditionalProperties, and the object is still returned. The one exception
    /// is the identity (<see cref="KasmIdentityAttribute"/>): an item without a readable id fails with
    /// KasmUnexpectedResponse naming the field. JSON null, and the texts "None" and "null" (or blank) in a field that is
    /// not text, read as no value.
    /// </para>
    /// </summary>
    internal static partial class ModelMapper
    {
        private sealed class FieldMap
        {
            public FieldMap(PropertyInfo property, string[][] paths, bool identity)
            {
                Property = property;
                Paths = paths;
                Identity = identity;
                Type = property.PropertyType;
                ValueType = Nullable.GetUnderlyingType(Type) ?? Type;
                if (ValueType.IsArray && typeof(KasmObject).IsAssignableFrom(ValueType.GetElementType()))
                {
                    ObjectElement = ValueType.GetElementType();
                    MakeArray = (Func<List<KasmObject>, Array>)typeof(ModelMapper).GetMethod(nameof(ToArrayOf), BindingFlags.NonPublic | BindingFlags.Static)!
                        .MakeGenericMethod(ObjectElement!).CreateDelegate(typeof(Func<List<KasmObject>, Array>));
                }
                Set = CompileSetter(property);
            }
            public PropertyInfo Property { get; }
            /// <summary>The property's type (asked for once per field and item).</summary>
            public Type Type { get; }
            /// <summary>The property's type without Nullable (worked out once: Nullable.GetUnderlyingType allocates per call).</summary>
            public Type ValueType { get; }
            /// <summary>For an array of module objects, its element type; otherwise null.</summary>
            public Type? ObjectElement { get; }
            /// <summary>For an array of module objects, a typed array of the mapped items (Array.CreateInstance per item was costly).</summary>
            public Func<List<KasmObject>, Array>? MakeArray { get; }
            /// <summary>Sets the property on an object of the mapped type (compiled once per property).</summary>
            public Action<object, object?> Set { get; }
            public string[][] Paths { get; }
            public bool Identity { get; }
            public string ApiName => string.Join(".", Paths[0]);
        }

        private sealed class TypeMap
        {
            public TypeMap(Type type, FieldMap[] fields)
            {
                Create = CompileConstructor(type);
                HasIdentity = fields.Any(f => f.Identity);
                Fields = fields;
                TopLevelNames = new HashSet<string>(fields.SelectMany(f => f.Paths).Where(p => p.Length == 1).Select(p => p[0]), StringComparer.Ordinal);
                // One pass of a reader can map the type when each property reads one top-level field of its own
                // (MapItem finds one property per name; Map would set two properties that read the same field).
                if (fields.Length <= 64 && fields.All(f => f.Paths.Length == 1 && f.Paths[0].Length == 1)
                    && fields.Select(f => f.Paths[0][0]).Distinct(StringComparer.Ordinal).Count() == fields.Length)
                {
                    FastNames = fields.Select(f => System.Text.Encoding.UTF8.GetBytes(f.Paths[0][0])).ToArray();
                    for (int n = 0; n < fields.Length; n++)
                        if (fields[n].Identity) IdentityMask |= 1UL << n;
                }
            }
            /// <summary>With <see cref="FastNames"/>: a bit per identity field (each must be read), by its index in <see cref="Fields"/>.</summary>
            public ulong IdentityMask { get; }
            /// <summary>
            /// Each field's one API name in UTF-8 (in the order of <see cref="Fields"/>), or null when a field has several
            /// names or a nested path, or two fields read the same name.
            /// </summary>
            public byte[][]? FastNames { get; }
            public FieldMap[] Fields { get; }
            /// <summary>A new object of the mapped type (compiled once per type: Activator.CreateInstance is slower).</summary>
            public Func<KasmObject> Create { get; }
            public bool HasIdentity { get; }
            /// <summary>The one-segment API names the properties read (nested paths leave their parent additional).</summary>
            public HashSet<string> TopLevelNames { get; }
        }

        private static readonly ConcurrentDictionary<Type, TypeMap> Maps = new ConcurrentDictionary<Type, TypeMap>();

        /// <summary>
        /// Maps one object. With <paramref name="lazy"/> the unmodelled fields are not copied: the object keeps
        /// <paramref name="element"/> and reads them on first use of AdditionalProperties, so the caller must keep the
        /// element's document alive (not disposed) for as long as the object lives.
        /// </summary>
        /// <remarks>
        /// With <paramref name="itemBytes"/> (the element's own JSON text) the object keeps those bytes instead of the
        /// element, and <paramref name="element"/>'s document may be disposed after the call; nested objects are then
        /// mapped eagerly.
        /// </remarks>
        public static T Map<T>(JsonElement element, KasmConnection? connection, string? method = null, bool lazy = false, byte[]? itemBytes = null) where T : KasmObject, new() =>
            (T)Map(typeof(T), element, connection, method, lazy, itemBytes);

        /// <summary>
        /// Maps one object. Throws KasmUnexpectedResponse (naming the field) when the item is not an object or its
        /// identity is missing or unreadable; never any other exception, whatever the JSON holds.
        /// </summary>
        public static KasmObject Map(Type type, JsonElement element, KasmConnection? connection, string? method = null, bool lazy = false, byte[]? itemBytes = null)
        {
            bool nestedLazy = lazy && itemBytes == null;
            var map = MapFor(type);
            var result = map.Create();
            result.Connection = connection;
            var fields = map.Fields;
            if (element.ValueKind != JsonValueKind.Object)
            {
                if (map.HasIdentity)
                    throw Unreadable(type, method, $"an item is {Kind(element)} where a {type.Name} object was expected");
                return result;
            }

            // The top-level fields a property read are not "additional"; those it could not read (odd answers) or did
            // not look at (a later name of a field already read) are, and are noted per object only when there are any.
            HashSet<string>? unread = null;
            foreach (var field in fields)
            {
                bool read = false, present = false;
                int n = 0;
                for (; n < field.Paths.Length; n++)
                {
                    var path = field.Paths[n];
                    if (!TryGetPath(element, path, out var value)) continue;
                    present = true;
                    if (IsNoValue(value, field.ValueType)) break;
                    if (TryConvert(value, field, connection, method, nestedLazy, out var converted))
                    {
                        field.Set(result, converted);
                        read = true;
                        break;
                    }
                    // Not readable as the property's type: keep it as it came (below), and try the next name.
                    if (path.Length == 1) (unread ??= new HashSet<string>(StringComparer.Ordinal)).Add(path[0]);
                }
                // Other names of the field after the one that was read were not looked at: they stay additional.
                for (n++; n < field.Paths.Length; n++)
                    if (field.Paths[n].Length == 1 && element.TryGetProperty(field.Paths[n][0], out _))
                        (unread ??= new HashSet<string>(StringComparer.Ordinal)).Add(field.Paths[n][0]);
                if (field.Identity && !read)
                    throw Unreadable(type, method, present
                        ? $"its '{field.ApiName}' is not an id ({Describe(element, field)})"
                        : $"it has no '{field.ApiName}'");
            }
            if (lazy && itemBytes != null)
            {
                result.AdditionalSource = new UnmodelledFields(itemBytes, map.TopLevelNames, unread);
                return result;
            }
            var unmodelled = new UnmodelledFields(element, map.TopLevelNames, unread);
            if (lazy) result.AdditionalSource = unmodelled;
            else if (unmodelled.Any()) unmodelled.CopyTo(result.AdditionalProperties);
            return result;
        }

        /// <summary>An object's unmodelled fields, read from its element when asked for (KasmObject.AdditionalProperties).</summary>
        private sealed class UnmodelledFields : IKasmFieldSource
        {
            private readonly JsonElement _element;
            private readonly byte[]? _bytes;
            private readonly HashSet<string> _modelled;
            private readonly HashSet<string>? _unread;
            private List<string>? _removed;

            /// <summary>Fields read from an element whose document stays alive.</summary>
            public UnmodelledFields(JsonElement element, HashSet<string> modelled, HashSet<string>? unread)
            {
                _element = element;
                _modelled = modelled;
                _unread = unread;
            }

            /// <summary>Fields read from the item's own JSON text (parsed again when asked for: it holds only bytes).</summary>
            public UnmodelledFields(byte[] bytes, HashSet<string> modelled, HashSet<string>? unread)
            {
                _bytes = bytes;
                _modelled = modelled;
                _unread = unread;
            }

            private bool IsAdditional(string name) =>
                (!_modelled.Contains(name) || _unread != null && _unread.Contains(name)) && (_removed == null || !_removed.Contains(name));

            private T Read<T>(Func<JsonElement, T> read)
            {
                if (_bytes == null) return read(_element);
                // Already checked when the list was read (UTF-8, depth, surrogates), so this parses.
                using var doc = JsonDocument.Parse(_bytes, new JsonDocumentOptions { MaxDepth = 64 });
                return read(doc.RootElement);
            }

            public bool Any() => Read(e =>
            {
                foreach (var p in e.EnumerateObject())
                    if (IsAdditional(p.Name)) return true;
                return false;
            });

            public void CopyTo(IDictionary<string, object?> target) => Read(e =>
            {
                foreach (var p in e.EnumerateObject())
                    if (IsAdditional(p.Name)) target[p.Name] = ToPowerShell(p.Value);
                return true;
            });

            public bool TryGet(string name, out object? value)
            {
                object? found = null;
                bool any = IsAdditional(name) && Read(e =>
                {
                    // A repeated key: the last one wins, as in CopyTo.
                    bool seen = false;
                    foreach (var p in e.EnumerateObject())
                        if (p.NameEquals(name)) { found = ToPowerShell(p.Value); seen = true; }
                    return seen;
                });
                value = found;
                return any;
            }

            public void Remove(string name) => (_removed ??= new List<string>()).Add(name);
        }

        /// <summary>JSON null, or "None"/"null"/blank text in a field that is not text: Kasm's ways of saying "no value".</summary>
        private static bool IsNoValue(JsonElement value, Type target) =>
            value.ValueKind == JsonValueKind.Null
            || value.ValueKind == JsonValueKind.String && target != typeof(string) && KasmValue.IsNone(value.GetString());

        private static KasmApiException Unreadable(Type type, string? method, string what) =>
            new KasmApiException(KasmErrorId.UnexpectedResponse,
                $"Kasm answered {method ?? "the request"} with a {type.Name.Replace("Kasm", string.Empty).ToLowerInvariant()} that cannot be used: {what}. The item was left out; the others are unaffected.",
                method ?? string.Empty);

        private static string Describe(JsonElement element, FieldMap field)
        {
            if (!TryGetPath(element, field.Paths[0], out var v)) return "missing";
            if (v.ValueKind == JsonValueKind.String)
            {
                string text = v.GetString() ?? string.Empty;
                return text.Length > 40 ? $"text of {text.Length} characters" : $"'{Printable(text)}'";
            }
            return Kind(v);
        }

        private static string Printable(string text)
        {
            var chars = text.Select(c => char.IsControl(c) ? '?' : c).ToArray();
            return new string(chars);
        }

        private static string Kind(JsonElement value) => value.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Null => "null",
            _ => "nothing",
        };

        /// <summary>
        /// Plain PowerShell values for any JSON: PSCustomObject, object[], string, int/long/decimal/double, bool, null.
        /// A number too large for any of them is kept as its text. Never throws.
        /// </summary>
        public static object? ToPowerShell(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var pso = new PSObject();
                    foreach (var p in value.EnumerateObject())
                    {
                        // A repeated key: the last one wins, as in ConvertFrom-Json.
                        pso.Properties.Remove(p.Name);
                        pso.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    }
                    return pso;
                case JsonValueKind.Array:
                    return value.EnumerateArray().Select(ToPowerShell).ToArray();
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Number:
                    if (value.TryGetInt32(out int i)) return i;
                    if (value.TryGetInt64(out long l)) return l;
                    if (value.TryGetDecimal(out decimal m) && IsWhole(value)) return m;
                    if (value.TryGetDouble(out double d) && !double.IsInfinity(d) && !double.IsNaN(d)) return d;
                    return value.GetRawText();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        private static bool IsWhole(JsonElement number)
        {
            string raw = number.GetRawText();
            return raw.IndexOfAny(new[] { '.', 'e', 'E' }) < 0;
        }

        private static TypeMap MapFor(Type type) => Maps.GetOrAdd(type, t => new TypeMap(t,
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetCustomAttribute<KasmIgnoreAttribute>() == null)
                .Select(p => new FieldMap(p, (p.GetCustomAttribute<KasmFieldAttribute>()?.Names ?? new[] { SnakeCase(p.Name) })
                    .Select(n => n.Split('.')).ToArray(), p.GetCustomAttribute<KasmIdentityAttribute>() != null))
                .ToArray()));

        /// <summary>
        /// (target, value) => ((T)target).Property = (TProperty)value, compiled. A null value sets the property's default;
        /// a value of another type throws InvalidCastException, as PropertyInfo.SetValue's ArgumentException did
        /// (TryConvert only hands over values of the property's type). Expression.Compile is in netstandard2.0 and
        /// .NET Framework; where code cannot be compiled (an interpreter-only runtime) it interprets, still correct.
        /// </summary>
        internal static Action<object, object?> CompileSetter(PropertyInfo property)
        {
            var target = Expression.Parameter(typeof(object), "target");
            var value = Expression.Parameter(typeof(object), "value");
            var type = property.PropertyType;
            // Unboxing null to a value type throws, where SetValue set the default: a null is turned into default(T).
            Expression converted = type.IsValueType && Nullable.GetUnderlyingType(type) == null
                ? Expression.Condition(Expression.Equal(value, Expression.Constant(null)), Expression.Default(type), Expression.Convert(value, type))
                : Expression.Convert(value, type);
            var assign = Expression.Assign(Expression.Property(Expression.Convert(target, property.DeclaringType!), property), converted);
            return Expression.Lambda<Action<object, object?>>(assign, target, value).Compile();
        }

        private static Array ToArrayOf<T>(List<KasmObject> items) where T : KasmObject
        {
            var array = new T[items.Count];
            for (int n = 0; n < array.Length; n++) array[n] = (T)items[n];
            return array;
        }

        /// <summary>() => new T(), compiled.</summary>
        internal static Func<KasmObject> CompileConstructor(Type type) =>
            Expression.Lambda<Func<KasmObject>>(Expression.Convert(Expression.New(type), typeof(KasmObject))).Compile();

        internal static string SnakeCase(string pascal)
        {
            var chars = new List<char>(pascal.Length + 4);
            for (int i = 0; i < pascal.Length; i++)
            {
                char c = pascal[i];
                if (char.IsUpper(c) && i > 0) chars.Add('_');
                chars.Add(char.ToLowerInvariant(c));
            }
            return new string(chars.ToArray());
        }

        private static bool TryGetPath(JsonElement element, string[] path, out JsonElement value)
        {
            value = element;
            foreach (var segment in path)
            {
                if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(segment, out value)) return false;
            }
            return true;
        }

        /// <summary>True when <paramref name="value"/> reads as the type of <paramref name="field"/> under the rule above; never throws.</summary>
        private static bool TryConvert(JsonElement value, FieldMap field, KasmConnection? connection, string? method, bool lazy, out object? result)
        {
            result = null;
            var type = field.ValueType;
            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            if (type == typeof(string))
            {
                result = text;
                return text != null;
            }
            if (type == typeof(Guid))
            {
                if (!KasmValue.TryParseGuid(text, out var id)) return false;
                result = id;
                return true;
            }
            if (type == typeof(DateTime))
            {
                if (!KasmValue.TryParseDate(text, out var date)) return false;
                result = date;
                return true;
            }
            if (type == typeof(bool))
            {
                if (value.ValueKind == JsonValueKind.True || value.ValueKind == JsonValueKind.False) { result = value.GetBoolean(); return true; }
                if (text != null && bool.TryParse(text.Trim(), out var b)) { result = b; return true; }
                return false;
            }
            if (type == typeof(int) || type == typeof(long) || type == typeof(double))
            {
                if (!KasmValue.TryReadNumber(value.ValueKind == JsonValueKind.Number ? value.GetRawText() : text, type, out var number)) return false;
                result = number;
                return true;
            }
            if (type == typeof(Uri))
            {
                result = KasmValue.ToAbsoluteUri(text, connection?.Server);
                return result != null;
            }
            if (type == typeof(string[]))
            {
                if (value.ValueKind == JsonValueKind.Array)
                {
                    var list = new List<string>();
                    foreach (var e in value.EnumerateArray())
                    {
                        if (e.ValueKind == JsonValueKind.Null) continue;
                        if (e.ValueKind != JsonValueKind.String) return false;
                        list.Add(e.GetString()!);
                    }
                    result = list.ToArray();
                    return true;
                }
                if (text != null) { result = text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries); return true; }
                return false;
            }
            if (type == typeof(Hashtable))
            {
                var source = value;
                if (text != null)
                {
                    if (text.Trim().Length == 0) { result = new Hashtable(StringComparer.OrdinalIgnoreCase); return true; }
                    try { using var doc = JsonDocument.Parse(text); source = doc.RootElement.Clone(); }
                    catch (JsonException) { return false; }
                }
                if (source.ValueKind != JsonValueKind.Object) return false;
                var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var p in source.EnumerateObject()) table[p.Name] = ToPowerShell(p.Value);
                result = table;
                return true;
            }
            if (field.ObjectElement != null)
            {
                if (value.ValueKind != JsonValueKind.Array) return false;
                var element = field.ObjectElement;
                var items = new List<KasmObject>();
                foreach (var e in value.EnumerateArray())
                {
                    // A nested item that cannot be read makes the whole field unreadable: it is kept as it came.
                    if (e.ValueKind != JsonValueKind.Object) return false;
                    try { items.Add(Map(element, e, connection, method, lazy)); }
                    catch (KasmApiException) { return false; }
                }
                result = field.MakeArray!(items);
                return true;
            }
            if (type == typeof(object)) { result = ToPowerShell(value); return true; }
            return false;
        }
    }
}
