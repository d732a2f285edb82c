using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Auth;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>
/// The infrastructure reads (docs/kasm-api.md#infrastructure): get_zones, get_servers, get_licenses, get_api_configs,
/// get_settings. Their fixtures never change (nothing the emulator implements writes them), so they are built per answer.
/// </summary>
internal static class Infrastructure
{
    /// <summary>How a real server shows a stored connection secret on read (docs/kasm-api.md#infrastructure).</summary>
    public const string Masked = "**********";

    public static readonly Guid ZoneId = Guid.ParseExact("2f1e0d9c8b7a46b5a4c3d2e1f0a9b8c7", "N");
    public static readonly Guid ManagerId = Guid.ParseExact("3a2b1c0d9e8f47a6b5c4d3e2f1a0b9c8", "N");
    public static readonly Guid DesktopServerId = Guid.ParseExact("b2c3d4e5f6a74829a3b4c5d6e7f8091a", "N");
    public static readonly Guid LicenseId = Guid.ParseExact("c3d4e5f6a7b848a9b4c5d6e7f8091a2b", "N");

    private const long AgentMemory = 17179869184; // 16 GiB
    private const int AgentCores = 8;

    /// <summary>get_zones: every zone with its managers, servers (left out with <c>brief</c>) and free capacity.</summary>
    public static JsonObject GetZones(HandlerContext ctx)
    {
        bool brief = ctx.Body.Bool("brief") ?? false;
        var live = ctx.State.LiveSessions().ToList();
        var zone = new JsonObject
        {
            ["zone_id"] = Ids.Hex(ZoneId),
            ["zone_name"] = SeedData.ZoneName,
            ["load_strategy"] = "least_load",
            ["prioritize_static_agents"] = true,
            ["search_alternate_zones"] = true,
            ["allow_origin_domain"] = "$request_host$",
            ["upstream_auth_address"] = "$request_host$",
            ["proxy_connections"] = true,
            ["proxy_hostname"] = "$request_host$",
            ["proxy_path"] = "desktop",
            ["proxy_port"] = 443,
            ["primary_manager_id"] = Ids.Hex(ManagerId),
            ["managers"] = new JsonArray(new JsonObject { ["manager_id"] = Ids.Hex(ManagerId), ["manager_hostname"] = "kasm-manager-01" }),
            ["num_kasms"] = live.Count,
            ["available_cores"] = (double)Math.Max(0, AgentCores - live.Count),
            ["available_memory"] = Math.Max(0, AgentMemory - live.Count * 2147483648L),
            ["available_gpus"] = 0,
        };
        if (!brief) zone["servers"] = new JsonArray([.. Servers(ctx, live.Count, all: true)]);
        return new JsonObject { ["zones"] = new JsonArray(zone) };
    }

    /// <summary>
    /// get_servers: Docker agents (server_type host) need Agents View, fixed desktop servers Servers View; a key with
    /// one sees only its kind. <c>target_server.server_id</c> narrows to one; an unknown id is an empty list.
    /// </summary>
    public static JsonObject GetServers(HandlerContext ctx)
    {
        var servers = Servers(ctx, ctx.State.LiveSessions().Count(), all: false);
        if (ctx.Body["target_server"] is JsonObject target && target.Str("server_id") is { } raw)
        {
            if (!Ids.TryParse(raw, out var id)) throw ApiError.Invalid("Invalid Request: server_id must be a uuid");
            servers = servers.Where(s => (string?)s["server_id"] == Ids.Hex(id)).ToList();
        }
        return new JsonObject { ["servers"] = new JsonArray([.. servers]) };
    }

    private static List<JsonObject> Servers(HandlerContext ctx, int sessions, bool all)
    {
        var list = new List<JsonObject>();
        var zone = new JsonObject { ["zone_id"] = Ids.Hex(ZoneId), ["zone_name"] = SeedData.ZoneName };
        if (all || ctx.Holds(Permission.AgentsView))
            list.Add(new JsonObject
            {
                ["server_id"] = Ids.Hex(SeedData.AgentServerId),
                ["server_type"] = "host",
                ["hostname"] = SeedData.AgentHostname,
                ["friendly_name"] = null,
                ["public_ip"] = SeedData.AgentIp,
                ["enabled"] = true,
                ["operational_status"] = "running",
                ["provider"] = "Docker",
                ["cores"] = AgentCores,
                ["memory"] = AgentMemory,
                ["gpus"] = 0,
                ["cores_override"] = null,
                ["memory_override"] = null,
                ["gpus_override"] = null,
                ["prune_images_mode"] = "Normal",
                ["last_reported"] = Timestamps.Format(ctx.Now),
                ["last_reported_elapsed"] = "0:00:05",
                ["zone_id"] = Ids.Hex(ZoneId),
                ["zone_name"] = SeedData.ZoneName,
                ["manager_id"] = Ids.Hex(ManagerId),
                ["is_autoscaled"] = false,
                ["agent_installed"] = true,
                ["connection_type"] = null,
                ["max_simultaneous_sessions"] = null,
                ["autoscale_config"] = new JsonObject(),
                ["zone"] = zone.DeepClone(),
                ["kasms"] = new JsonArray([.. ctx.State.LiveSessions().Select(s => (JsonNode)new JsonObject { ["kasm_id"] = Ids.Hex(s.KasmId) })]),
            });
        if (all || ctx.Holds(Permission.ServersView))
            list.Add(new JsonObject
            {
                ["server_id"] = Ids.Hex(DesktopServerId),
                ["server_type"] = "Desktop",
                ["hostname"] = "win-desktop-01.example.com",
                ["friendly_name"] = "Windows Desktop",
                ["public_ip"] = null,
                ["enabled"] = true,
                ["operational_status"] = "running",
                ["provider"] = null,
                ["zone_id"] = Ids.Hex(ZoneId),
                ["zone_name"] = SeedData.ZoneName,
                ["is_autoscaled"] = false,
                ["agent_installed"] = false,
                ["connection_type"] = "RDP",
                ["connection_port"] = 3389,
                ["connection_username"] = "kasm-rdp",
                // Stored secrets come back masked (docs/kasm-api.md#infrastructure).
                ["connection_password"] = Masked,
                ["connection_private_key"] = Masked,
                ["connection_passphrase"] = Masked,
                ["use_user_private_key"] = false,
                ["max_simultaneous_sessions"] = 1,
                ["autoscale_config"] = new JsonObject(),
                ["zone"] = zone.DeepClone(),
                ["kasms"] = new JsonArray(),
            });
        _ = sessions;
        return list;
    }

    /// <summary>get_licenses: the installed licences (one fixture, inferred shape from docs/kasm-api.md#infrastructure).</summary>
    public static JsonObject GetLicenses(HandlerContext ctx) => new()
    {
        ["licenses"] = new JsonArray(new JsonObject
        {
            ["license_id"] = Ids.Hex(LicenseId),
            ["expiration"] = "2027-06-30 00:00:00",
            ["issued_at"] = "2026-01-05 09:30:00",
            ["issued_to"] = "Example Corp",
            ["limit"] = 25,
            ["is_verified"] = true,
            ["license_type"] = "Per Concurrent Kasm",
            ["features"] = new JsonObject { ["session_staging"] = true, ["session_casting"] = true, ["developer_api"] = true, ["saml"] = true, ["ldap"] = true, ["allow_kasm_sharing"] = true, ["auto_scaling"] = false, ["session_recording"] = ctx.Settings.SessionRecordingLicensed },
            ["sku"] = ctx.Settings.SessionRecordingLicensed ? "Enterprise" : "Standard",
        }),
    };

    /// <summary>get_api_configs: the emulator's fixed keys, without their secrets (never returned after creation).</summary>
    public static JsonObject GetApiConfigs(HandlerContext ctx) => new()
    {
        ["api_configs"] = new JsonArray([.. EmulatorKeys.Defaults.Select(k => (JsonNode)new JsonObject
        {
            ["api_id"] = Ids.Hex(ApiId(k.Name)),
            ["name"] = k.Name,
            ["api_key"] = k.ApiKey,
            ["enabled"] = true,
            ["read_only"] = k.ReadOnly,
            ["created"] = Timestamps.Format(SeedData.Installed),
            ["last_used"] = null,
            ["expires"] = Timestamps.Format(k.Expires),
        })]),
    };

    /// <summary>A fixed id per key name (the first 16 bytes of its SHA-256), so docs and tests can quote it.</summary>
    public static Guid ApiId(string name) => new(SHA256.HashData(Encoding.UTF8.GetBytes("api:" + name)).AsSpan(0, 16));

    /// <summary>get_settings: a few global settings of the kinds docs/kasm-api.md#infrastructure names.</summary>
    public static JsonObject GetSettings(HandlerContext ctx) => new()
    {
        ["settings"] = new JsonArray(
            Setting("d1000000000040008000000000000001", "session_lifetime", "86400", "auth", "int", "Session Lifetime", "Seconds a login stays valid.", false),
            Setting("d1000000000040008000000000000002", "api_anonymous_creation_limit", "3", "develop", "int", "Anonymous Creation Limit", "Anonymous sessions a key may create per hour.", false),
            Setting("d1000000000040008000000000000003", "license_server_url", "https://license.kasmweb.com", "licensing", "string", "License Server URL", "Where activation keys are checked.", false),
            Setting("d1000000000040008000000000000004", "enable_ui_server_logging", "true", "logging", "bool", "Enable UI Server Logging", "Send browser errors to the server log.", true)),
    };

    private static JsonObject Setting(string id, string name, string value, string category, string type, string title, string description, bool restart) => new()
    {
        ["setting_id"] = id,
        ["name"] = name,
        ["value"] = value,
        ["category"] = category,
        ["services_restart"] = restart,
        ["description"] = description,
        ["value_type"] = type,
        ["title"] = title,
    };
}
