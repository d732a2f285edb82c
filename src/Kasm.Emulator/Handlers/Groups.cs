using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.State;

namespace Kasm.Emulator.Handlers;

/// <summary>get_groups (docs/kasm-api.md#groups).</summary>
internal static class Groups
{
    /// <summary>Every group; the emulator's keys that may call it may view them all.</summary>
    public static JsonObject GetGroups(HandlerContext ctx) => new()
    {
        ["groups"] = new JsonArray([.. ctx.State.GroupList.Select(g => (JsonNode)Wire(g))]),
    };

    private static JsonObject Wire(GroupRecord g) => new()
    {
        ["group_id"] = Ids.Hex(g.GroupId),
        ["name"] = g.Name,
        ["description"] = g.Description,
        ["priority"] = g.Priority,
        ["is_system"] = g.IsSystem,
        ["group_metadata"] = null,
        ["group_mappings"] = new JsonArray(),
    };
}
