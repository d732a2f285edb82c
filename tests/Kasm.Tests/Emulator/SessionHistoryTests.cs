using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_session_history (docs/kasm-api.md#session-history), in every profile.</summary>
public class SessionHistoryTests
{
    private const string Path = "api/public/get_session_history";

    private static JsonArray Rows(Reply reply) => reply.Json["sessions"]!.AsArray();

    private static JsonObject Filter(string id, JsonNode? value) => new() { ["id"] = id, ["value"] = value };

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Lists_the_fixtures_newest_first_and_pages_from_the_configured_base(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var all = await emu.CallAsync(Path);
        Assert.Equal(200, all.Status);
        Assert.Equal(12, all.Json["total"]!.GetValue<int>());
        Assert.Equal(12, Rows(all).Count);
        Assert.Null(all.Json["page"]);
        var oldest = Rows(all)[^1]!;
        Assert.Equal("e1f2a3b4c5d64e7f8091a2b3c4d5e6f7", oldest["kasm_id"]!.GetValue<string>());
        Assert.Equal("a0c0000000004000800000000000e1f2", oldest["account_id"]!.GetValue<string>());
        Assert.Equal("user@kasm.local", oldest["user_name"]!.GetValue<string>());
        Assert.Matches(Formats.Timestamp, oldest["destroyed_date"]!.GetValue<string>());
        Assert.Equal(1.5, oldest["usage_hours"]!.GetValue<double>());

        var first = await emu.CallAsync(Path, new JsonObject { ["page"] = 1, ["page_size"] = 5 });
        Assert.Equal(1, first.Json["page"]!.GetValue<int>());
        Assert.Equal(Rows(all)[0]!["account_id"]!.GetValue<string>(), Rows(first)[0]!["account_id"]!.GetValue<string>());
        var zero = await emu.CallAsync(Path, new JsonObject { ["page"] = 0, ["page_size"] = 5 });
        Assert.Equal(Rows(first).ToJsonString(), Rows(zero).ToJsonString());
        var third = await emu.CallAsync(Path, new JsonObject { ["page"] = 3, ["page_size"] = 5 });
        Assert.Equal(2, Rows(third).Count);

        emu.Emulator.Settings.SessionHistoryPageBase = 0;
        var zeroBased = await emu.CallAsync(Path, new JsonObject { ["page"] = 1, ["page_size"] = 5 });
        Assert.Equal(Rows(all)[5]!["account_id"]!.GetValue<string>(), Rows(zeroBased)[0]!["account_id"]!.GetValue<string>());
        Assert.Equal(12, zeroBased.Json["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    public async Task A_session_made_and_destroyed_gets_a_row_and_then_its_destroyed_date(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile, o => o.SessionStartDelayMs = 0);
        string kasmId = (await emu.CallAsync("api/public/request_kasm", new JsonObject { ["user_id"] = Seeded.PlainUserId, ["image_id"] = Seeded.ChromeImageId }))
            .Json["kasm_id"]!.GetValue<string>();
        var filter = new JsonObject { ["filters"] = new JsonArray(Filter("kasm_id", kasmId)) };
        var live = Assert.Single(Rows(await emu.CallAsync(Path, filter)))!;
        Assert.Null(live["destroyed_date"]);
        Assert.Equal(Seeded.PlainUserId, live["user_id"]!.GetValue<string>());
        await emu.CallAsync("api/public/destroy_kasm", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = Seeded.PlainUserId });
        var ended = Assert.Single(Rows(await emu.CallAsync(Path, filter.DeepClone().AsObject())))!;
        Assert.NotNull(ended["destroyed_date"]);
        Assert.Equal(13, (await emu.CallAsync(Path)).Json["total"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Filters_narrow_the_rows_and_bad_filters_are_refused_by_name(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var admin = await emu.CallAsync(Path, new JsonObject { ["filters"] = new JsonArray(Filter("user_id", Seeded.AdminUserId)) });
        Assert.Equal(3, admin.Json["total"]!.GetValue<int>());
        var either = await emu.CallAsync(Path, new JsonObject
        {
            ["or_filters"] = new JsonArray(Filter("kasm_id", "e1f2a3b4c5d64e7f8091a2b3c4d5e6f7"), Filter("kasm_id", "e2f3a4b5c6d74f8091a2b3c4d5e6f708")),
        });
        Assert.Equal(2, either.Json["total"]!.GetValue<int>());
        var none = await emu.CallAsync(Path, new JsonObject { ["filters"] = new JsonArray(Filter("created_date", new JsonObject { ["from"] = "2999-01-01 00:00:00" })) });
        Assert.Equal(0, none.Json["total"]!.GetValue<int>());

        Assert.Equal("Invalid kasm ID", (await emu.CallAsync(Path, new JsonObject { ["filters"] = new JsonArray(Filter("kasm_id", "nope")) })).ErrorMessage);
        Assert.Equal("Created date filter is not a dict", (await emu.CallAsync(Path, new JsonObject { ["filters"] = new JsonArray(Filter("created_date", "2024")) })).ErrorMessage);
        var backwards = new JsonObject { ["from"] = "2024-02-01 00:00:00", ["to"] = "2024-01-01 00:00:00" };
        Assert.Equal("Invalid destroyed date ranges", (await emu.CallAsync(Path, new JsonObject { ["filters"] = new JsonArray(Filter("destroyed_date", backwards)) })).ErrorMessage);
        Assert.Equal(200, (await emu.CallAsync(Path, null, "readonly")).Status);
        Assert.Equal(200, (await emu.CallAsync("api/admin/get_session_history")).Status);
    }
}
