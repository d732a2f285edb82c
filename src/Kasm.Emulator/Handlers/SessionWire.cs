using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>The session ("kasm") object of docs/kasm-api.md#sessions.</summary>
internal static class SessionWire
{
    private const int ProxyPort = 443;

    public static JsonObject Session(HandlerContext ctx, SessionRecord s)
    {
        var phase = s.PhaseAt(ctx.Now);
        var (message, progress) = phase.Progress();
        bool placed = phase.IsPlaced();
        ctx.State.ImagesById.TryGetValue(s.ImageId, out var image);
        string dashed = Ids.Dashed(s.KasmId);

        var o = new JsonObject
        {
            ["kasm_id"] = Ids.Hex(s.KasmId),
            ["user_id"] = Ids.Hex(s.UserId),
            ["image_id"] = Ids.Hex(s.ImageId),
            ["server_id"] = placed ? Ids.Hex(s.ServerId) : null,
            ["operational_status"] = phase.WireName(),
            ["operational_message"] = message,
            ["operational_progress"] = progress,
            ["container_id"] = placed ? s.ContainerId : null,
            ["container_ip"] = placed ? s.ContainerIp : null,
            ["docker_network"] = null,
            ["hostname"] = ctx.RequestHost,
            ["host"] = placed ? SeedData.AgentIp : null,
            ["port"] = ProxyPort,
            ["cores"] = PyJson.Float(s.Cores),
            ["memory"] = s.Memory,
            ["gpus"] = s.Gpus,
            ["start_date"] = Timestamps.Format(s.Created),
            ["keepalive_date"] = Timestamps.Format(s.KeepaliveDate),
            ["expiration_date"] = Timestamps.Format(s.ExpirationDate),
            ["created_date"] = Timestamps.Format(s.Created),
            ["share_id"] = s.ShareId,
            // Tokens are always blank in API output (docs/kasm-api.md#sessions).
            ["token"] = "",
            ["view_only_token"] = "",
            ["is_persistent_profile"] = false,
            ["persistent_profile_mode"] = null,
            ["is_standby"] = false,
            ["staging_config_id"] = null,
            ["cast_config_id"] = null,
            ["autoscale_config_id"] = null,
            ["connection_proxy_id"] = null,
            ["connection_info"] = null,
            ["queued_tasks"] = new JsonArray(),
            // port_map paths carry the dashed kasm id (docs/kasm-api.md#answers).
            ["port_map"] = new JsonObject
            {
                ["vnc"] = Port($"desktop/{dashed}/vnc"),
                ["audio"] = Port($"desktop/{dashed}/audio"),
                ["uploads"] = Port($"desktop/{dashed}/uploads"),
                ["audio_input"] = Port($"desktop/{dashed}/audio_input"),
                ["webcam"] = Port($"desktop/{dashed}/webcam"),
            },
            ["image"] = image is null ? null : ImageSummary(image),
            // client_settings is an empty list until the session runs (docs/kasm-api.md#sessions).
            ["client_settings"] = phase == SessionPhase.Running ? ClientSettings() : new JsonArray(),
        };
        if (!ctx.Profile.Quirks115 && !ctx.Profile.IsSeed)
        {
            // 1.16+ extras (docs/kasm-api.md#sessions).
            o["point_of_presence"] = null;
            o["rdp_client_type"] = null;
            o["agent_installed"] = false;
        }
        return o;
    }

    /// <summary>get_kasms/get_kasm add the owner's name and the server (null fields until placed, docs/kasm-api.md#sessions).</summary>
    public static JsonObject AdminView(HandlerContext ctx, SessionRecord s)
    {
        var o = Session(ctx, s);
        bool placed = s.PhaseAt(ctx.Now).IsPlaced();
        o["user"] = new JsonObject { ["username"] = ctx.State.FindUser(s.UserId)?.Username };
        o["server"] = new JsonObject
        {
            ["hostname"] = placed ? SeedData.AgentHostname : null,
            ["port"] = placed ? ProxyPort : null,
            ["provider"] = placed ? "Docker" : null,
            ["zone_name"] = SeedData.ZoneName,
        };
        return o;
    }

    private static JsonObject Port(string path) => new() { ["path"] = path, ["port"] = ProxyPort };

    private static JsonObject ImageSummary(ImageRecord image)
    {
        var wire = ImageFields.ToWire(image);
        var summary = new JsonObject();
        foreach (var name in new[] { "image_id", "name", "friendly_name", "image_src", "session_time_limit", "categories", "default_category", "image_type" })
            summary[name] = wire[name]?.DeepClone();
        return summary;
    }

    private static JsonObject ClientSettings() => new()
    {
        ["allow_kasm_audio"] = true,
        ["allow_kasm_uploads"] = true,
        ["allow_kasm_downloads"] = true,
        ["allow_kasm_clipboard_down"] = true,
        ["allow_kasm_clipboard_up"] = true,
        ["allow_kasm_microphone"] = false,
        ["allow_kasm_gamepad"] = false,
        ["allow_kasm_webcam"] = false,
        ["allow_kasm_printing"] = false,
    };
}
