using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kasm.Emulator.State;

/// <summary>The image schema: every field docs/kasm-api.md#workspaces-images lists, with its kind and default.</summary>
internal static class ImageFields
{
    public static readonly IReadOnlyDictionary<string, ImageFieldKind> Kinds = new Dictionary<string, ImageFieldKind>
    {
        ["image_id"] = ImageFieldKind.ReadOnly,
        ["name"] = ImageFieldKind.String,
        ["friendly_name"] = ImageFieldKind.String,
        ["description"] = ImageFieldKind.String,
        ["notes"] = ImageFieldKind.String,
        ["image_src"] = ImageFieldKind.String,
        ["enabled"] = ImageFieldKind.Bool,
        ["available"] = ImageFieldKind.Bool,
        ["hidden"] = ImageFieldKind.Bool,
        ["cores"] = ImageFieldKind.Float,
        ["memory"] = ImageFieldKind.Int,
        ["gpu_count"] = ImageFieldKind.Int,
        ["require_gpu"] = ImageFieldKind.Bool,
        ["cpu_allocation_method"] = ImageFieldKind.String,
        ["x_res"] = ImageFieldKind.Int,
        ["y_res"] = ImageFieldKind.Int,
        ["docker_registry"] = ImageFieldKind.String,
        ["docker_user"] = ImageFieldKind.String,
        ["docker_token"] = ImageFieldKind.String,
        ["hash"] = ImageFieldKind.String,
        ["uncompressed_size_mb"] = ImageFieldKind.Int,
        ["image_type"] = ImageFieldKind.String,
        ["server_id"] = ImageFieldKind.Uuid,
        ["server_pool_id"] = ImageFieldKind.Uuid,
        ["zone_id"] = ImageFieldKind.Uuid,
        ["restrict_to_server"] = ImageFieldKind.Bool,
        ["restrict_to_zone"] = ImageFieldKind.Bool,
        ["zone_name"] = ImageFieldKind.ReadOnly,
        ["restrict_to_network"] = ImageFieldKind.Bool,
        ["restrict_network_names"] = ImageFieldKind.StringList,
        ["allow_network_selection"] = ImageFieldKind.Bool,
        ["persistent_profile_path"] = ImageFieldKind.String,
        ["persistent_profile_config"] = ImageFieldKind.ReadOnly,
        ["volume_mappings"] = ImageFieldKind.JsonString,
        ["run_config"] = ImageFieldKind.JsonString,
        ["exec_config"] = ImageFieldKind.JsonString,
        ["launch_config"] = ImageFieldKind.JsonString,
        ["filter_policy_id"] = ImageFieldKind.String,
        ["filter_policy_name"] = ImageFieldKind.ReadOnly,
        ["filter_policy_force_disabled"] = ImageFieldKind.Bool,
        ["session_time_limit"] = ImageFieldKind.Int,
        ["categories"] = ImageFieldKind.Categories,
        ["default_category"] = ImageFieldKind.ReadOnly,
        ["link_url"] = ImageFieldKind.String,
        ["imageAttributes"] = ImageFieldKind.ReadOnly,
    };

    /// <summary>Fields a caller holding only Images Modify Resources may change (docs/kasm-api.md#workspaces-images update_image).</summary>
    public static readonly IReadOnlySet<string> ResourceFields = new HashSet<string>
    {
        "require_gpu", "gpu_count", "memory", "cores", "cpu_allocation_method", "volume_mappings", "run_config",
        "exec_config", "persistent_profile_path", "uncompressed_size_mb", "docker_registry", "docker_user",
        "docker_token", "hash",
    };

    /// <summary>How secrets are masked in every read (docs/kasm-api.md, data formats).</summary>
    public const string Mask = "**********";

    /// <summary>
    /// What update_image leaves of an image before applying what was sent: every editable field back to its default,
    /// with the values docs/kasm-api.md names for the ones known to be reset (registry, user, token, hash, server and
    /// persistent profile path null; GPUs 0; hidden false). Computed fields and <c>available</c> (a fact about the
    /// agents, not an input) stay.
    /// </summary>
    public static JsonObject Reset(JsonObject current)
    {
        var reset = (JsonObject)current.DeepClone();
        var defaults = Defaults(Guid.Empty);
        foreach (var (name, kind) in Kinds)
        {
            if (kind == ImageFieldKind.ReadOnly || name == "available") continue;
            reset[name] = defaults[name]?.DeepClone();
        }
        foreach (var name in new[] { "docker_registry", "docker_user", "docker_token", "hash", "server_id", "persistent_profile_path" })
            reset[name] = null;
        reset["gpu_count"] = 0;
        reset["hidden"] = false;
        return reset;
    }

    /// <summary>A complete image object with the defaults of docs/kasm-api.md#workspaces-images, ready for the seed to override.</summary>
    public static JsonObject Defaults(Guid imageId) => new()
    {
        ["image_id"] = Ids.Hex(imageId),
        ["name"] = null,
        ["friendly_name"] = "",
        ["description"] = "",
        ["notes"] = "",
        ["image_src"] = "",
        ["enabled"] = true,
        ["available"] = false,
        ["hidden"] = false,
        ["cores"] = PyJson.Float(1),
        ["memory"] = 768000000L,
        ["gpu_count"] = 0,
        ["require_gpu"] = false,
        ["cpu_allocation_method"] = "Inherit",
        ["x_res"] = 800,
        ["y_res"] = 600,
        ["docker_registry"] = "https://index.docker.io/v1/",
        ["docker_user"] = null,
        ["docker_token"] = null,
        ["hash"] = null,
        ["uncompressed_size_mb"] = 0,
        ["image_type"] = "Container",
        ["server_id"] = null,
        ["server_pool_id"] = null,
        ["zone_id"] = null,
        ["restrict_to_server"] = false,
        ["restrict_to_zone"] = false,
        ["zone_name"] = null,
        ["restrict_to_network"] = false,
        ["restrict_network_names"] = new JsonArray(),
        ["allow_network_selection"] = false,
        ["persistent_profile_path"] = null,
        ["persistent_profile_config"] = new JsonObject(),
        ["volume_mappings"] = new JsonObject(),
        ["run_config"] = new JsonObject(),
        ["exec_config"] = new JsonObject(),
        ["launch_config"] = new JsonObject(),
        ["filter_policy_id"] = null,
        ["filter_policy_name"] = null,
        ["filter_policy_force_disabled"] = false,
        ["session_time_limit"] = null,
        ["categories"] = new JsonArray(),
        ["link_url"] = null,
        ["imageAttributes"] = new JsonArray(),
    };

    /// <summary>The image as get_images/update_image return it: secrets masked, computed fields filled.</summary>
    public static JsonObject ToWire(ImageRecord image)
    {
        var wire = (JsonObject)image.Fields.DeepClone();
        if (wire["docker_token"] is JsonValue token && token.GetValue<string>().Length > 0)
            wire["docker_token"] = Mask;
        var categories = wire["categories"] as JsonArray;
        wire["default_category"] = categories is { Count: > 0 } ? categories[0]?.DeepClone() : null;
        return wire;
    }

    /// <summary>Parses a JSON-encoded string field; throws <see cref="JsonException"/> when it is not a JSON object text.</summary>
    public static JsonNode ParseJsonString(string text)
    {
        if (text.Length == 0) return new JsonObject();
        return JsonNode.Parse(text) ?? throw new JsonException("null");
    }
}
