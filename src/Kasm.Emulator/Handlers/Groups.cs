using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>get_groups, create_group, update_group, delete_group, get_users_group, add_user_group, remove_user_group (docs/kasm-api.md#groups).</summary>
internal static class Groups
{
    /// <summary>Every group; the emulator's keys that may call it may view them all.</summary>
    public static JsonObject GetGroups(HandlerContext ctx) => new()
    {
        ["groups"] = new JsonArray([.. ctx.State.GroupList.Select(g => (JsonNode)Wire(g))]),
    };

    private const string Missing = "Invalid Request. Missing required parameters";

    private static int Priority(JsonObject target)
    {
        var node = target["priority"];
        if (node is JsonValue v && v.TryGetValue<int>(out int p) && p is >= 1 and <= 4095) return p;
        throw ApiError.Invalid($"Invalid priority value ({node?.ToJsonString() ?? "None"})");
    }

    private static GroupRecord TargetGroup(HandlerContext ctx, JsonObject target, string unknown)
    {
        string raw = target.Str("group_id") ?? throw ApiError.Invalid(Missing);
        if (!Ids.TryParse(raw, out var id)) throw ApiError.Invalid("Invalid Request. group_id must be a uuid");
        return ctx.State.FindGroup(id) ?? throw ApiError.NotFound(string.Format(unknown, raw));
    }

    /// <summary>create_group: name and priority required → <c>{"group": ..., "group_mappings": []}</c>.</summary>
    public static JsonObject CreateGroup(HandlerContext ctx)
    {
        var target = ctx.Target("target_group", Missing);
        string name = target.Str("name")?.Trim() is { Length: > 0 } n ? n : throw ApiError.Invalid(Missing);
        if (!target.ContainsKey("priority")) throw ApiError.Invalid(Missing);
        int priority = Priority(target);
        if (ctx.State.GroupList.Any(g => string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
            throw ApiError.Invalid($"Group ({name}) already exists");
        var group = new GroupRecord { GroupId = Guid.NewGuid(), Name = name, Description = target.Str("description"), Priority = priority, Metadata = target["group_metadata"]?.DeepClone() };
        ctx.State.GroupList.Add(group);
        return new JsonObject { ["group"] = Wire(group), ["group_mappings"] = new JsonArray() };
    }

    /// <summary>update_group: group_id required; name, description, priority as sent → <c>{"group": ...}</c>.</summary>
    public static JsonObject UpdateGroup(HandlerContext ctx)
    {
        var target = ctx.Target("target_group", Missing);
        var group = TargetGroup(ctx, target, "Invalid Request. group does not exit by that id"); // sic
        if (target.ContainsKey("priority")) group.Priority = Priority(target);
        if (target.Str("name")?.Trim() is { Length: > 0 } name)
        {
            if (ctx.State.GroupList.Any(g => g != group && string.Equals(g.Name, name, StringComparison.OrdinalIgnoreCase)))
                throw ApiError.Invalid($"Group ({name}) already exists");
            group.Name = name;
        }
        if (target.ContainsKey("description")) group.Description = target.Str("description");
        else if (ctx.Settings.GroupUpdateReplaces) group.Description = null;
        if (target.ContainsKey("group_metadata")) group.Metadata = target["group_metadata"]?.DeepClone();
        else if (ctx.Settings.GroupUpdateReplaces) group.Metadata = null;
        return new JsonObject { ["group"] = Wire(group) };
    }

    /// <summary>delete_group: built-in groups are protected; a group with members needs force (boolean) → <c>{}</c>.</summary>
    public static JsonObject DeleteGroup(HandlerContext ctx)
    {
        var target = ctx.Target("target_group", Missing);
        var group = TargetGroup(ctx, target, "Group {0} does not exist");
        if (ctx.Body.ContainsKey("force") && ctx.Body["force"]?.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False))
            throw ApiError.Invalid("Invalid Request. 'force' option must be boolean");
        if (group.IsSystem) throw ApiError.Invalid($"Group ({group.Name}) is a protected group and cannot be deleted");
        var members = ctx.State.UsersById.Values.Where(u => u.GroupIds.Contains(group.GroupId)).ToList();
        if (members.Count > 0 && ctx.Body.Bool("force") != true)
            throw ApiError.Invalid($"Group contains ({members.Count}) users and 'force' option not set to True");
        foreach (var member in members) member.GroupIds.Remove(group.GroupId);
        ctx.State.GroupList.Remove(group);
        ctx.State.StorageMappingList.RemoveAll(m => m.GroupId == group.GroupId);
        return [];
    }

    /// <summary>get_users_group: the group's members → <c>{"users": [...], "total"}</c>.</summary>
    public static JsonObject GetUsersGroup(HandlerContext ctx)
    {
        var target = ctx.Target("target_group", "Invalid Request: Missing group id");
        var group = TargetGroup(ctx, target, "Request group does not exist");
        var users = ctx.State.UsersById.Values.Where(u => u.GroupIds.Contains(group.GroupId)).ToList();
        return new JsonObject
        {
            ["users"] = new JsonArray([.. users.Select(u => (JsonNode)UserWire.ListEntry(ctx, u))]),
            ["total"] = users.Count,
        };
    }

    /// <summary>add_user_group: <c>{"target_user": {"user_id"}, "target_group": {"group_id"}}</c> → <c>{}</c>.</summary>
    public static JsonObject AddUserGroup(HandlerContext ctx) => ChangeMembership(ctx, add: true);

    /// <summary>remove_user_group: as add_user_group.</summary>
    public static JsonObject RemoveUserGroup(HandlerContext ctx) => ChangeMembership(ctx, add: false);

    private static JsonObject ChangeMembership(HandlerContext ctx, bool add)
    {
        const string missing = "Invalid Request: Missing required parameters";
        string rawUser = (ctx.Body["target_user"] as JsonObject)?.Str("user_id") ?? throw ApiError.Invalid(missing);
        string rawGroup = (ctx.Body["target_group"] as JsonObject)?.Str("group_id") ?? throw ApiError.Invalid(missing);
        var user = Ids.TryParse(rawUser, out var userId) ? ctx.State.FindUser(userId) : null;
        if (user is null) throw ApiError.NotFound($"Invalid User ID ({rawUser})");
        var group = Ids.TryParse(rawGroup, out var groupId) ? ctx.State.FindGroup(groupId) : null;
        if (group is null) throw ApiError.NotFound($"Invalid Group ID ({rawGroup})");
        bool member = user.GroupIds.Contains(group.GroupId);
        if (add && member) throw ApiError.Invalid($"User ({rawUser}) is already a member of group ({rawGroup})");
        if (!add && !member) throw ApiError.Invalid($"User ({rawUser}) is not a member of group ({rawGroup})");
        if (add) user.GroupIds.Add(group.GroupId); else user.GroupIds.Remove(group.GroupId);
        return [];
    }

    /// <summary>get_images_group: the workspaces the group may launch (docs/kasm-api.md#groups).</summary>
    public static JsonObject GetImagesGroup(HandlerContext ctx)
    {
        var target = ctx.Target("target_group", "Invalid Request: Missing group id");
        string raw = target.Str("group_id") ?? throw ApiError.Invalid("Invalid Request: Missing group id");
        var group = (Ids.TryParse(raw, out var id) ? ctx.State.FindGroup(id) : null) ?? throw ApiError.NotFound("Request group does not exist");
        return new JsonObject
        {
            ["images"] = new JsonArray([.. group.Images.Select(link =>
            {
                ctx.State.ImagesById.TryGetValue(link.ImageId, out var image);
                return (JsonNode)new JsonObject
                {
                    ["group_image_id"] = Ids.Hex(link.GroupImageId),
                    ["group_id"] = Ids.Hex(group.GroupId),
                    ["image_id"] = Ids.Hex(link.ImageId),
                    ["image_name"] = image?.Fields["name"]?.DeepClone(),
                    ["group_name"] = group.Name,
                    ["image_friendly_name"] = image?.Fields["friendly_name"]?.DeepClone(),
                    ["image_src"] = image?.Fields["image_src"]?.DeepClone(),
                };
            })]),
        };
    }

    /// <summary>add_images_group: lets the group launch the workspace → <c>{}</c>.</summary>
    public static JsonObject AddImagesGroup(HandlerContext ctx) => ChangeGroupImage(ctx, add: true);

    /// <summary>remove_images_group: the group may no longer launch the workspace → <c>{}</c>.</summary>
    public static JsonObject RemoveImagesGroup(HandlerContext ctx) => ChangeGroupImage(ctx, add: false);

    private static JsonObject ChangeGroupImage(HandlerContext ctx, bool add)
    {
        const string missing = "Invalid request, missing group or image id";
        string rawGroup = (ctx.Body["target_group"] as JsonObject)?.Str("group_id") ?? throw ApiError.Invalid(missing);
        string rawImage = (ctx.Body["target_image"] as JsonObject)?.Str("image_id") ?? throw ApiError.Invalid(missing);
        var group = Ids.TryParse(rawGroup, out var groupId) ? ctx.State.FindGroup(groupId) : null;
        bool imageExists = Ids.TryParse(rawImage, out var imageId) && ctx.State.ImagesById.ContainsKey(imageId);
        if (group is null || !imageExists) throw ApiError.NotFound("Group or image does not exist");
        var link = group.Images.FirstOrDefault(l => l.ImageId == imageId);
        // Adding a workspace the group has, or removing one it lacks, changes nothing (inferred).
        if (add && link is null) group.Images.Add(new GroupImageLink { GroupImageId = Guid.NewGuid(), ImageId = imageId });
        if (!add && link is not null) group.Images.Remove(link);
        return [];
    }

    private static JsonObject Wire(GroupRecord g) => new()
    {
        ["group_id"] = Ids.Hex(g.GroupId),
        ["name"] = g.Name,
        ["description"] = g.Description,
        ["priority"] = g.Priority,
        ["is_system"] = g.IsSystem,
        ["group_metadata"] = g.Metadata?.DeepClone(),
        ["group_mappings"] = new JsonArray(),
    };
}
