using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading;
using Kasm.Models;

namespace Kasm.Client
{
    internal sealed partial class KasmClient
    {
        /// <summary>The "All Users" group, the same id on every installation (docs/kasm-api.md#groups).</summary>
        internal static readonly Guid AllUsersGroupId = new Guid("68d557ac4cac42cca9f31c7c853de0f3");

        /// <summary>
        /// get_settings_group: every known setting of the group, the group's value where it has set one (docs/kasm-api.md#group-settings).
        /// A row is set on the group when its group_id is the group's (inferred: the default rows carry none).
        /// </summary>
        public IEnumerable<KasmGroupSetting> GetGroupSettings(Guid groupId, string? groupName, CancellationToken cancel) =>
            List<KasmGroupSetting>(KasmEndpoints.GetSettingsGroup, new JsonObject { ["target_group"] = TargetGroup(groupId) }, "settings", cancel,
                s => FinishSetting(s, groupId, groupName));

        private static KasmGroupSetting FinishSetting(KasmGroupSetting setting, Guid groupId, string? groupName)
        {
            setting.GroupId = groupId;
            setting.GroupName = groupName;
            if (setting.TryGetAdditional("value", out var raw))
            {
                setting.Value = TypedSettingValue(setting.ValueType, raw);
                setting.RemoveAdditional("value");
            }
            if (setting.TryGetAdditional("group_id", out var owner))
            {
                setting.IsSet = owner is string text && Guid.TryParse(text, out var id) && id == groupId;
                setting.RemoveAdditional("group_id");
            }
            return setting;
        }

        /// <summary>A setting's value as its type says (bool, long, double, parsed JSON, text); the value as sent when it does not read so.</summary>
        internal static object? TypedSettingValue(string? valueType, object? raw)
        {
            switch (valueType)
            {
                case "bool":
                    if (raw is bool) return raw;
                    if (raw is string b && bool.TryParse(b.Trim(), out bool parsed)) return parsed;
                    return raw;
                case "int":
                    return KasmValue.TryReadKeptNumber(raw, typeof(long), out var whole) ? whole : raw;
                case "float":
                    return KasmValue.TryReadKeptNumber(raw, typeof(double), out var real) ? real : raw;
                case "json":
                    if (raw is string json)
                    {
                        try
                        {
                            using var doc = JsonDocument.Parse(json);
                            return ModelMapper.ToPowerShell(doc.RootElement);
                        }
                        catch (JsonException) { return raw; }
                    }
                    return raw;
                default:
                    return raw;
            }
        }

        /// <summary>
        /// The text Kasm stores for <paramref name="value"/> as a <paramref name="valueType"/> setting: true/false, a whole
        /// number, an invariant real, JSON text (from JSON text, a hashtable, an object, an array or a bool), or the text
        /// itself. Throws <see cref="ArgumentException"/> for a value that is not of the type, before anything is sent.
        /// </summary>
        internal static string SettingWireValue(string name, string? valueType, object? value)
        {
            if (value is PSObject pso && !(pso.BaseObject is PSCustomObject)) value = pso.BaseObject;
            if (value == null) throw new ArgumentException($"The group setting {name} needs a value; to go back to the default, use Remove-KasmGroupSetting.");
            string Bad(string what) => throw new ArgumentException($"The group setting {name} is {what}; '{Shown(value)}' is not one.");
            switch (valueType)
            {
                case "bool":
                    if (value is bool b) return b ? "true" : "false";
                    if (value is SwitchParameter sw) return sw.IsPresent ? "true" : "false";
                    if (value is string s && bool.TryParse(s.Trim(), out bool parsed)) return parsed ? "true" : "false";
                    return Bad("a bool (true or false)");
                case "int":
                    if (value is bool || !(IsNumber(value) || value is string)) return Bad("a whole number");
                    return KasmValue.TryReadNumber(Invariant(value), typeof(long), out var whole)
                        ? ((long)whole!).ToString(CultureInfo.InvariantCulture) : Bad("a whole number");
                case "float":
                    if (value is bool || !(IsNumber(value) || value is string)) return Bad("a number");
                    return KasmValue.TryReadNumber(Invariant(value), typeof(double), out var real)
                        ? ((double)real!).ToString("R", CultureInfo.InvariantCulture) : Bad("a number");
                case "json":
                    if (value is string text)
                    {
                        try { return JsonNode.Parse(text)?.ToJsonString() ?? "null"; }
                        catch (JsonException) { return Bad("JSON (text, a hashtable, an object or a list)"); }
                    }
                    if (value is IDictionary || value is PSObject || value is bool || IsNumber(value) || value is IEnumerable)
                        return JsonPayload.ToNode(value)?.ToJsonString() ?? "null";
                    return Bad("JSON (text, a hashtable, an object or a list)");
                case "string":
                    if (value is string plain) return plain;
                    if (IsNumber(value) || value is bool) return Convert.ToString(value, CultureInfo.InvariantCulture)!.ToLowerInvariant();
                    return Bad("text");
                default:
                    throw new ArgumentException($"The group setting {name} has the value type '{valueType}', which the module does not know; nothing was changed. Use Invoke-KasmApi to set it.");
            }
        }

        private static bool IsNumber(object value) =>
            value is int || value is long || value is short || value is byte || value is sbyte || value is uint || value is ulong || value is ushort
            || value is double || value is float || value is decimal;

        private static string Invariant(object value) => value is double d ? d.ToString("R", CultureInfo.InvariantCulture)
            : value is float f ? ((double)f).ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture)!;

        private static string Shown(object value)
        {
            string text = value is string s ? s : Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            return text.Length > 60 ? text.Substring(0, 60) + "..." : text;
        }

        /// <summary>The group's row for the setting <paramref name="name"/> (exact name), or KasmItemNotFound.</summary>
        private KasmGroupSetting GroupSettingNamed(Guid groupId, string? groupName, string name, CancellationToken cancel) =>
            GetGroupSettings(groupId, groupName, cancel).ToList().FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.Ordinal))
            ?? throw new KasmApiException(KasmErrorId.ItemNotFound, $"The group has no setting named '{name}'; nothing was changed. Get-KasmGroupSetting lists them.",
                KasmEndpoints.GetSettingsGroup.Name, 200, null, KasmEndpoints.GetSettingsGroup.Permission);

        /// <summary>
        /// Sets a group setting. Kasm has add_settings_group (refused when the group has set it) and
        /// update_settings_group (refused when it has not), so the group's settings are read first, the value is
        /// checked against the setting's type, and the fitting one is sent (docs/kasm-api.md#group-settings).
        /// </summary>
        public KasmGroupSetting SetGroupSetting(Guid groupId, string? groupName, string name, object? value, CancellationToken cancel)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A group setting needs a name.");
            var current = GroupSettingNamed(groupId, groupName, name, cancel);
            string wire = SettingWireValue(name, current.ValueType, value);
            var body = new JsonObject
            {
                ["target_group"] = TargetGroup(groupId),
                ["target_setting"] = new JsonObject { ["group_setting_id"] = current.GroupSettingId.ToString("N"), ["value"] = wire },
            };
            using var response = _transport.Send(current.IsSet ? KasmEndpoints.UpdateSettingsGroup : KasmEndpoints.AddSettingsGroup, body, cancel);
            var made = FinishSetting(ModelMapper.Map<KasmGroupSetting>(Property(response, "setting"), Connection), groupId, groupName);
            made.IsSet = true;
            return Made(response, made);
        }

        /// <summary>
        /// remove_settings_group: the group's setting goes back to the default. Returns false, sending nothing more,
        /// when the group has not set it.
        /// </summary>
        public bool RemoveGroupSetting(Guid groupId, string? groupName, string name, CancellationToken cancel)
        {
            if (string.IsNullOrWhiteSpace(name)) throw new ArgumentException("A group setting needs a name.");
            var current = GroupSettingNamed(groupId, groupName, name, cancel);
            if (!current.IsSet) return false;
            using var _ = _transport.Send(KasmEndpoints.RemoveSettingsGroup, new JsonObject { ["group_setting_id"] = current.GroupSettingId.ToString("N") }, cancel);
            return true;
        }
    }
}
