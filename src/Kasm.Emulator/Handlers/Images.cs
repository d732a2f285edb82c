using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>get_images, update_image, create_image and delete_image (docs/kasm-api.md#workspaces-images).</summary>
internal static class Images
{
    private const string MissingParameters = "Invalid Request: Missing required parameters";

    /// <summary>Every image, disabled and unavailable ones included; no paging, no filters (docs/kasm-api.md#workspaces-images).</summary>
    public static JsonObject GetImages(HandlerContext ctx)
    {
        var response = new JsonObject();
        ctx.List(response, "images", ctx.State.ImagesById.Values.ToList(), image =>
        {
            var wire = ImageFields.ToWire(image);
            wire["server"] = new JsonObject();
            wire["server_pool"] = new JsonObject();
            return wire;
        });
        return response;
    }

    /// <summary>
    /// update_image. On real servers it replaces: every editable field not sent is reset (docs/kasm-api.md,
    /// update_image: registry, user, token, hash, server and profile path to null, GPUs to 0, hidden to false; the
    /// emulator resets every other editable field to its default too). The seed profile merges, as the seed document
    /// implies. A docker_token sent back as the mask "**********" keeps the stored token, as it must for the admin UI,
    /// which sends the image back as get_images showed it. Fields outside the schema are ignored.
    /// </summary>
    public static JsonObject UpdateImage(HandlerContext ctx)
    {
        var target = ctx.Target("target_image", MissingParameters);
        string rawId = target.Str("image_id") ?? throw ApiError.Invalid(MissingParameters);
        if (!Ids.TryParse(rawId, out var id) || !ctx.State.ImagesById.TryGetValue(id, out var image))
            throw ApiError.NotFound($"User ({ctx.Key.Name}) attempted to update an image ({rawId}) that does not exist.");

        var sent = target.Where(p => p.Key != "image_id" && ImageFields.Kinds.TryGetValue(p.Key, out var k) && k != ImageFieldKind.ReadOnly)
            .Where(p => !(p.Key == "docker_token" && p.Value is JsonValue v && v.TryGetValue<string>(out var t) && t == ImageFields.Mask))
            .ToList();

        // Work on a copy so a validation failure leaves the image untouched.
        var updated = ctx.Profile.RealServerRules ? ImageFields.Reset(image.Fields) : (JsonObject)image.Fields.DeepClone();
        foreach (var (name, value) in sent)
            updated[name] = Convert(ctx, name, ImageFields.Kinds[name], value);
        if (target["docker_token"] is JsonValue mask && mask.TryGetValue<string>(out var m) && m == ImageFields.Mask)
            updated["docker_token"] = image.Fields["docker_token"]?.DeepClone();
        // filter_policy_id also takes the words "force_disabled" and "inherit" (docs/kasm-api.md, update_image).
        if (updated["filter_policy_id"] is JsonValue word && word.TryGetValue<string>(out var w) && w is "force_disabled" or "inherit")
        {
            updated["filter_policy_id"] = null;
            updated["filter_policy_force_disabled"] = w == "force_disabled";
        }

        // A key holding only Images Modify Resources may change the resource fields and nothing else (docs/kasm-api.md#workspaces-images). What
        // counts is a change of value, so sending the whole image back unchanged is allowed (how the admin UI works).
        if (!ctx.Holds(Permission.ImagesModify))
        {
            var changed = ImageFields.Kinds.Keys.Where(k => ImageFields.Kinds[k] != ImageFieldKind.ReadOnly && !ImageFields.ResourceFields.Contains(k)
                && !JsonNode.DeepEquals(updated[k], image.Fields[k]));
            if (changed.Any())
                throw ApiError.Denied($"User ({ctx.Key.Name}) is not authorized to make these changes to the image.");
        }
        Validate(updated);
        image.Fields = updated;
        return new JsonObject { ["image"] = ImageFields.ToWire(image) };
    }

    /// <summary>
    /// create_image: only target_image is required; the fields sent go through update_image's conversions and checks
    /// (JSON-text fields as text, categories as lines) over Kasm's defaults; a new image is not available until an agent
    /// has pulled it (docs/kasm-api.md, create_image).
    /// </summary>
    public static JsonObject CreateImage(HandlerContext ctx)
    {
        var target = ctx.Target("target_image", MissingParameters);
        var id = Guid.NewGuid();
        var fields = ImageFields.Defaults(id);
        foreach (var (name, value) in target)
            if (name != "image_id" && ImageFields.Kinds.TryGetValue(name, out var kind) && kind != ImageFieldKind.ReadOnly)
                fields[name] = Convert(ctx, name, kind, value);
        Validate(fields);
        var image = new ImageRecord { ImageId = id, Fields = fields };
        ctx.State.ImagesById[id] = image;
        return new JsonObject { ["image"] = ImageFields.ToWire(image) };
    }

    /// <summary>delete_image: refused while sessions use the workspace → <c>{}</c> (docs/kasm-api.md, delete_image).</summary>
    public static JsonObject DeleteImage(HandlerContext ctx)
    {
        var target = ctx.Target("target_image", MissingParameters);
        string rawId = target.Str("image_id") ?? throw ApiError.Invalid(MissingParameters);
        if (!Ids.TryParse(rawId, out var id) || !ctx.State.ImagesById.TryGetValue(id, out var image))
            throw ApiError.NotFound($"Image({rawId}) Does not Exist");
        int sessions = ctx.State.SessionsById.Values.Count(s => s.ImageId == id);
        if (sessions > 0)
            throw ApiError.Invalid($"Image ({image.Fields["friendly_name"]}): ID ({Ids.Hex(id)}) currently has ({sessions}) associated Kasm(s) and cannot be deleted");
        ctx.State.ImagesById.Remove(id);
        ctx.State.StorageMappingList.RemoveAll(m => m.ImageId == id);
        foreach (var group in ctx.State.GroupList) group.Images.RemoveAll(l => l.ImageId == id);
        return [];
    }

    private static JsonNode? Convert(HandlerContext ctx, string name, ImageFieldKind kind, JsonNode? value)
    {
        if (value is null) return kind is ImageFieldKind.JsonString ? new JsonObject() : null;
        switch (kind)
        {
            case ImageFieldKind.JsonString:
                // Quirk (docs/kasm-api.md#workspaces-images): the server json.loads() these, so a real object fails. The seed document says
                // nothing about it, so the seed profile accepts both.
                if (value is JsonValue v && v.TryGetValue<string>(out var text))
                {
                    try { return ImageFields.ParseJsonString(text); }
                    catch (JsonException) { throw ApiError.Invalid($"Invalid json format for {name}"); }
                }
                if (ctx.Profile.IsSeed) return value.DeepClone();
                throw ApiError.Invalid($"Invalid json format for {name}");
            case ImageFieldKind.Categories:
            case ImageFieldKind.StringList:
                return StringList(value, name);
            case ImageFieldKind.Float:
                return PyJson.Float(Number(value, name));
            case ImageFieldKind.Int:
                return (long)Number(value, name);
            case ImageFieldKind.Bool:
                return value is JsonValue b && b.TryGetValue<bool>(out var flag)
                    ? flag
                    : throw ApiError.Invalid($"Invalid Request: {name} must be true or false");
            case ImageFieldKind.Uuid:
                string raw = value.ToString();
                if (raw.Length == 0) return null;
                return Ids.TryParse(raw, out var id) ? Ids.Hex(id) : throw ApiError.Invalid($"Invalid Request: {name} must be a uuid");
            default:
                return value is JsonValue s && s.TryGetValue<string>(out var str) ? str : value.ToJsonString();
        }
    }

    private static double Number(JsonNode value, string name)
    {
        if (value is JsonValue v)
        {
            if (v.TryGetValue<double>(out var d)) return d;
            if (v.TryGetValue<string>(out var s) && double.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out d)) return d;
        }
        throw ApiError.Invalid($"Invalid Request: {name} must be a number");
    }

    /// <summary>A newline-separated string (what the admin UI sends, docs/kasm-api.md#workspaces-images) or a list.</summary>
    private static JsonArray StringList(JsonNode value, string name)
    {
        IEnumerable<string> items = value switch
        {
            JsonArray a => a.Select(n => n?.ToString() ?? ""),
            JsonValue v when v.TryGetValue<string>(out var s) => s.Split('\n'),
            _ => throw ApiError.Invalid($"Invalid Request: {name} must be a list"),
        };
        return [.. items.Select(i => i.Trim()).Where(i => i.Length > 0).Select(i => (JsonNode)i)];
    }

    private static void Validate(JsonObject image)
    {
        string? profilePath = image["persistent_profile_path"]?.ToString();
        if (!string.IsNullOrEmpty(profilePath) && !profilePath.Contains("{username}") && !profilePath.Contains("{user_id}"))
            throw ApiError.Invalid("Invalid Request: Persistent Profile Path must contain either {username} or {user_id} as part of the path");
        if (image["restrict_to_network"]?.GetValue<bool>() == true && image["restrict_network_names"] is JsonArray { Count: 0 })
            throw ApiError.Invalid("Invalid Request: Docker Network Names is required if Restrict Image to Docker Network is True");
        if (image["restrict_to_server"]?.GetValue<bool>() == true && image["server_id"] is null)
            throw ApiError.Invalid("Invalid Request: server_id required if restrict_to_server is True");
        if (image["restrict_to_zone"]?.GetValue<bool>() == true && image["zone_id"] is null)
            throw ApiError.Invalid("Invalid Request: zone_id required if restrict_to_zone is True");
    }
}
