using System;
using System.Collections;
using System.Globalization;
using System.Management.Automation;
using System.Security;
using System.Text.Json.Nodes;

namespace Kasm.Client
{
    /// <summary>Builds request bodies from .NET and PowerShell values (hashtables, PSCustomObjects, arrays, Guids, dates).</summary>
    internal static class JsonPayload
    {
        public static JsonObject FromDictionary(IDictionary? values)
        {
            var result = new JsonObject();
            if (values == null) return result;
            foreach (DictionaryEntry entry in values)
                result[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToNode(entry.Value, 0);
            return result;
        }

        public static JsonNode? ToNode(object? value) => ToNode(value, 0);

        private static JsonNode? ToNode(object? value, int depth)
        {
            if (depth > 32) throw new ArgumentException("The body nests deeper than 32 levels.");
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            switch (value)
            {
                case null: return null;
                case JsonNode node: return node.DeepClone();
                case string s: return JsonValue.Create(s);
                case bool b: return JsonValue.Create(b);
                case SwitchParameter sw: return JsonValue.Create(sw.IsPresent);
                case Guid g: return JsonValue.Create(g.ToString("N"));
                case DateTime d: return JsonValue.Create(KasmValue.FormatDate(d));
                case DateTimeOffset o: return JsonValue.Create(KasmValue.FormatDate(o.UtcDateTime));
                case Uri u: return JsonValue.Create(u.ToString());
                case Enum e: return JsonValue.Create(e.ToString());
                case int i: return JsonValue.Create(i);
                case long l: return JsonValue.Create(l);
                case double dbl: return JsonValue.Create(dbl);
                case float f: return JsonValue.Create((double)f);
                case decimal m: return JsonValue.Create(m);
                case short sh: return JsonValue.Create(sh);
                case byte by: return JsonValue.Create(by);
                case uint ui: return JsonValue.Create(ui);
                case ulong ul: return JsonValue.Create(ul);
                case char c: return JsonValue.Create(c.ToString());
                case SecureString _:
                    throw new ArgumentException("A SecureString cannot be sent in a body; pass the parameter the cmdlet offers for it.");
                case IDictionary dict:
                    var obj = new JsonObject();
                    foreach (DictionaryEntry entry in dict) obj[Convert.ToString(entry.Key, CultureInfo.InvariantCulture)!] = ToNode(entry.Value, depth + 1);
                    return obj;
                case PSObject custom:
                    var fromPs = new JsonObject();
                    foreach (var p in custom.Properties) fromPs[p.Name] = ToNode(p.Value, depth + 1);
                    return fromPs;
                case IEnumerable list:
                    var array = new JsonArray();
                    foreach (var item in list) array.Add(ToNode(item, depth + 1));
                    return array;
                default:
                    return JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture));
            }
        }
    }
}
