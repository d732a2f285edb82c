using System;
using System.Collections;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
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
    /// </summary>
    internal static class ModelMapper
    {
        private sealed class FieldMap
        {
            public FieldMap(PropertyInfo property, string[][] paths) { Property = property; Paths = paths; }
            public PropertyInfo Property { get; }
            public string[][] Paths { get; }
        }

        private static readonly ConcurrentDictionary<Type, FieldMap[]> Maps = new ConcurrentDictionary<Type, FieldMap[]>();

        public static T Map<T>(JsonElement element, KasmConnection? connection) where T : KasmObject, new() =>
            (T)Map(typeof(T), element, connection);

        public static KasmObject Map(Type type, JsonElement element, KasmConnection? connection)
        {
            var result = (KasmObject)Activator.CreateInstance(type)!;
            result.Connection = connection;
            if (element.ValueKind != JsonValueKind.Object) return result;

            var consumed = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in MapFor(type))
            {
                foreach (var path in field.Paths)
                {
                    if (!TryGetPath(element, path, out var value)) continue;
                    if (path.Length == 1) consumed.Add(path[0]);
                    if (value.ValueKind == JsonValueKind.Null) break;
                    // "None" is Kasm's null for non-text fields (get_users' last_session): nothing to keep.
                    if (value.ValueKind == JsonValueKind.String && field.Property.PropertyType != typeof(string) && KasmValue.IsNone(value.GetString())) break;
                    if (TryConvert(value, field.Property.PropertyType, connection, out var converted))
                    {
                        field.Property.SetValue(result, converted);
                        break;
                    }
                    if (path.Length == 1) consumed.Remove(path[0]);
                }
            }
            foreach (var p in element.EnumerateObject())
                if (!consumed.Contains(p.Name))
                    result.AdditionalProperties[p.Name] = ToPowerShell(p.Value);
            return result;
        }

        /// <summary>Plain PowerShell values for any JSON: PSCustomObject, object[], string, int/long/double, bool, null.</summary>
        public static object? ToPowerShell(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var pso = new PSObject();
                    foreach (var p in value.EnumerateObject())
                        pso.Properties.Add(new PSNoteProperty(p.Name, ToPowerShell(p.Value)));
                    return pso;
                case JsonValueKind.Array:
                    return value.EnumerateArray().Select(ToPowerShell).ToArray();
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Number:
                    if (value.TryGetInt32(out int i)) return i;
                    if (value.TryGetInt64(out long l)) return l;
                    return value.GetDouble();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                default: return null;
            }
        }

        private static FieldMap[] MapFor(Type type) => Maps.GetOrAdd(type, t =>
            t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && p.GetCustomAttribute<KasmIgnoreAttribute>() == null)
                .Select(p => new FieldMap(p, (p.GetCustomAttribute<KasmFieldAttribute>()?.Names ?? new[] { SnakeCase(p.Name) })
                    .Select(n => n.Split('.')).ToArray()))
                .ToArray());

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

        private static bool TryConvert(JsonElement value, Type target, KasmConnection? connection, out object? result)
        {
            result = null;
            var type = Nullable.GetUnderlyingType(target) ?? target;
            string? text = value.ValueKind == JsonValueKind.String ? value.GetString() : null;

            if (type == typeof(string))
            {
                result = text ?? (value.ValueKind == JsonValueKind.Object || value.ValueKind == JsonValueKind.Array ? value.GetRawText() : value.ToString());
                return true;
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
                if (bool.TryParse(text, out var b)) { result = b; return true; }
                return false;
            }
            if (type == typeof(int) || type == typeof(long) || type == typeof(double))
            {
                double number;
                if (value.ValueKind == JsonValueKind.Number) number = value.GetDouble();
                else if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out number)) return false;
                if (type == typeof(int)) result = (int)Math.Round(number);
                else if (type == typeof(long)) result = value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var l) ? l : (long)Math.Round(number);
                else result = number;
                return true;
            }
            if (type == typeof(Uri))
            {
                result = KasmValue.ToAbsoluteUri(text, connection?.Server);
                return result != null;
            }
            if (type == typeof(string[]))
            {
                if (value.ValueKind == JsonValueKind.Array) { result = value.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String ? e.GetString()! : e.ToString()).ToArray(); return true; }
                if (text != null) { result = text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries); return true; }
                return false;
            }
            if (type == typeof(Hashtable))
            {
                var source = value;
                if (text != null)
                {
                    if (text.Trim().Length == 0) { result = new Hashtable(); return true; }
                    try { using var doc = JsonDocument.Parse(text); source = doc.RootElement.Clone(); }
                    catch (JsonException) { return false; }
                }
                if (source.ValueKind != JsonValueKind.Object) return false;
                var table = new Hashtable(StringComparer.OrdinalIgnoreCase);
                foreach (var p in source.EnumerateObject()) table[p.Name] = ToPowerShell(p.Value);
                result = table;
                return true;
            }
            if (type.IsArray && typeof(KasmObject).IsAssignableFrom(type.GetElementType()))
            {
                if (value.ValueKind != JsonValueKind.Array) return false;
                var element = type.GetElementType()!;
                var items = value.EnumerateArray().Select(e => Map(element, e, connection)).ToArray();
                var array = Array.CreateInstance(element, items.Length);
                Array.Copy(items, array, items.Length);
                result = array;
                return true;
            }
            if (type == typeof(object)) { result = ToPowerShell(value); return true; }
            return false;
        }
    }
}
