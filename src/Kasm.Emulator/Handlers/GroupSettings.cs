using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>get_settings_group, add_settings_group, update_settings_group, remove_settings_group (docs/kasm-api.md#group-settings).</summary>
internal static class GroupSettings
{
    private const string MissingGroup = "Invalid request: missing target group or group id";
    private const string MissingSetting = "Invalid request: Missing target_setting or target_setting is missing required value.";

    private static GroupRecord Group(HandlerContext ctx)
    {
        string raw = (ctx.Body["target_group"] as JsonObject)?.Str("group_id") ?? throw ApiError.Invalid(MissingGroup);
        return (Ids.TryParse(raw, out var id) ? ctx.State.FindGroup(id) : null) ?? throw ApiError.NotFound("Group does not exist");
    }

    /// <summary>One row: the group's own when it has set the setting, else the catalogue's with the default and no group_id (inferred).</summary>
    private static JsonObject Row(GroupRecord group, GroupSettingDefinition definition)
    {
        var set = group.Settings.FirstOrDefault(s => s.Name == definition.Name);
        return new JsonObject
        {
            ["group_setting_id"] = Ids.Hex(set?.GroupSettingId ?? definition.Id),
            ["name"] = definition.Name,
            ["value"] = set != null ? set.Value : definition.Default,
            ["value_type"] = definition.ValueType,
            ["description"] = definition.Description,
            ["group_id"] = set != null ? Ids.Hex(group.GroupId) : null,
        };
    }

    /// <summary>get_settings_group: every known setting, with the group's value where it has set one → <c>{"settings": [...]}</c>.</summary>
    public static JsonObject GetSettingsGroup(HandlerContext ctx)
    {
        var group = Group(ctx);
        return new JsonObject { ["settings"] = new JsonArray([.. GroupSettingCatalogue.All.Select(d => (JsonNode)Row(group, d))]) };
    }

    /// <summary>add_settings_group: <c>target_setting.group_setting_id</c> is the catalogue row of a setting the group has not set.</summary>
    public static JsonObject AddSettingsGroup(HandlerContext ctx)
    {
        var group = Group(ctx);
        var (target, value) = TargetSetting(ctx);
        var definition = Ids.TryParse(target.Str("group_setting_id") ?? "", out var id)
            ? GroupSettingCatalogue.All.FirstOrDefault(d => d.Id == id) ?? Definition(group, id) : null;
        if (definition is null) throw ApiError.NotFound("Group setting does not exist");
        if (group.Settings.Any(s => s.Name == definition.Name)) throw ApiError.Invalid("Group setting already exists");
        string? text = Validate(ctx, definition, value);
        group.Settings.Add(new GroupSettingValue { GroupSettingId = Guid.NewGuid(), Name = definition.Name, Value = text });
        return new JsonObject { ["setting"] = Row(group, definition) };
    }

    /// <summary>update_settings_group: <c>target_setting.group_setting_id</c> is the group's own row of a setting it has set.</summary>
    public static JsonObject UpdateSettingsGroup(HandlerContext ctx)
    {
        var group = Group(ctx);
        var (target, value) = TargetSetting(ctx);
        var set = Ids.TryParse(target.Str("group_setting_id") ?? "", out var id) ? group.Settings.FirstOrDefault(s => s.GroupSettingId == id) : null;
        if (set is null) throw ApiError.NotFound("Group setting does not exist");
        var definition = GroupSettingCatalogue.Find(set.Name)!;
        set.Value = Validate(ctx, definition, value);
        return new JsonObject { ["setting"] = Row(group, definition) };
    }

    /// <summary>remove_settings_group: top-level <c>group_setting_id</c> (the group's own row) → <c>{}</c>; the setting is back at its default.</summary>
    public static JsonObject RemoveSettingsGroup(HandlerContext ctx)
    {
        string raw = ctx.Body.Str("group_setting_id") ?? throw ApiError.Invalid("Invalid request");
        if (!Ids.TryParse(raw, out var id)) throw ApiError.Invalid("Invalid request");
        foreach (var group in ctx.State.GroupList)
            if (group.Settings.FirstOrDefault(s => s.GroupSettingId == id) is { } set)
            {
                group.Settings.Remove(set);
                return [];
            }
        throw ApiError.NotFound("Group setting does not exist");
    }

    /// <summary>A group's own row id used for add: the setting exists on the group already (so add refuses it).</summary>
    private static GroupSettingDefinition? Definition(GroupRecord group, Guid ownId) =>
        group.Settings.FirstOrDefault(s => s.GroupSettingId == ownId) is { } set ? GroupSettingCatalogue.Find(set.Name) : null;

    private static (JsonObject Target, JsonNode? Value) TargetSetting(HandlerContext ctx)
    {
        var target = ctx.Body["target_setting"] as JsonObject;
        if (target is null || !target.Has("group_setting_id") || !target.ContainsKey("value")) throw ApiError.Invalid(MissingSetting);
        return (target, target["value"]);
    }

    /// <summary>The value as Kasm stores it (text), or the type error; a JSON value or its text form both pass (inferred).</summary>
    private static string? Validate(HandlerContext ctx, GroupSettingDefinition definition, JsonNode? value)
    {
        if (definition.Licensed && ctx.Settings.GroupSettingsUnlicensed) throw ApiError.Invalid("Access Denied. This setting is not licensed");
        string shown = value is null ? "None" : value is JsonValue v && v.TryGetValue<string>(out var s0) ? s0 : value.ToJsonString();
        var bad = ApiError.Invalid($"Invalid value type or value {shown}");
        string? text = value is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : value?.ToJsonString();
        switch (definition.ValueType)
        {
            case "bool":
                if (text is null || !bool.TryParse(text, out bool b)) throw bad;
                return b ? "true" : "false";
            case "int":
                if (text is null || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long n)) throw bad;
                return n.ToString(CultureInfo.InvariantCulture);
            case "float":
                if (text is null || !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || !double.IsFinite(d)) throw bad;
                return d.ToString("R", CultureInfo.InvariantCulture);
            case "json":
                if (text is null) throw bad;
                try { return JsonNode.Parse(text)?.ToJsonString() ?? "null"; }
                catch (JsonException) { throw bad; }
            default:
                return text;
        }
    }
}
