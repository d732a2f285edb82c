using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>system_info (docs/kasm-api.md#system-info): version, database, and the Community Edition fallback licence.</summary>
internal static class SystemInfo
{
    private static readonly Guid InstallationId = Guid.ParseExact("c0ffee00b4d54e1a9f3e2d1c0b9a8f7e", "N");
    private static readonly Guid ApiServerId = Guid.ParseExact("e7f8a9b0c1d24e3f9a8b7c6d5e4f3a2b", "N");

    private static readonly string[] Features =
    [
        "session_staging", "session_casting", "log_forwarding", "developer_api", "inject_ssh_keys", "saml", "ldap",
        "sso", "allow_kasm_sharing", "login_banner", "usage_limit",
    ];

    public static JsonObject Get(HandlerContext ctx)
    {
        int limit = ctx.Settings.LicenseLimit;
        int used = ctx.State.LiveSessions().Count();
        string latest = ctx.Profile.Version == "1.19.0" ? "1.19.0" : "1.16.0";
        return new JsonObject
        {
            ["system_info"] = new JsonObject
            {
                ["db"] = new JsonObject
                {
                    ["alembic_version"] = "a3b2c1d0e9f8",
                    ["host"] = "db",
                    ["installation_id"] = Ids.Dashed(InstallationId),
                },
                ["api"] = new JsonObject
                {
                    ["server_id"] = Ids.Hex(ApiServerId),
                    ["server_hostname"] = "kasm-api-host",
                    ["build_id"] = ctx.Profile.BuildId,
                    ["zone_name"] = SeedData.ZoneName,
                },
                ["license"] = new JsonObject
                {
                    ["status"] = new JsonObject
                    {
                        ["limit"] = limit,
                        ["license_type"] = "Per Concurrent Kasm",
                        ["license_sku"] = "Standard",
                        ["licensed"] = false,
                        ["features"] = new JsonArray([.. Features.Select(f => (JsonNode)f)]),
                        ["limit_remaining"] = Math.Max(0, limit - used),
                    },
                },
                ["update"] = new JsonObject
                {
                    ["status"] = new JsonObject { ["latest_version"] = latest, ["release_notes_url"] = "https://kasmweb.com/docs/latest/release_notes.html" },
                    // docs/kasm-api.md#system-info: compares the first three parts of build_id with latest_version.
                    ["update_available"] = latest != ctx.Profile.Version,
                },
            },
        };
    }
}
