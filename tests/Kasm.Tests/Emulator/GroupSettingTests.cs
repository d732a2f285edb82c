using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_settings_group, add_settings_group, update_settings_group, remove_settings_group (docs/kasm-api.md#group-settings), per profile.</summary>
public class GroupSettingTests
{
    private const string OpsGroupId = "5b0e7c1d9a2f4c3e8d6b1a0f2e4c6a8b";
    private const string OpsMaxKasmsSettingId = "b0000000000040008000000000000001";

    private static JsonObject Group(string groupId) => new() { ["target_group"] = new JsonObject { ["group_id"] = groupId } };

    private static JsonObject Change(string groupId, string settingId, JsonNode? value) => new()
    {
        ["target_group"] = new JsonObject { ["group_id"] = groupId },
        ["target_setting"] = new JsonObject { ["group_setting_id"] = settingId, ["value"] = value },
    };

    private static async Task<JsonObject> RowAsync(TestEmulator emu, string groupId, string name) =>
        (JsonObject)(await emu.CallAsync("api/public/get_settings_group", Group(groupId))).Json["settings"]!.AsArray()
            .Single(s => s!["name"]!.GetValue<string>() == name)!;

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_settings_group_lists_every_known_setting_with_the_groups_own_values(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var reply = await emu.CallAsync("api/public/get_settings_group", Group(OpsGroupId), "readonly");
        Assert.Equal(200, reply.Status);
        var settings = reply.Json["settings"]!.AsArray();
        Assert.True(settings.Count > 20);
        var max = settings.Single(s => s!["name"]!.GetValue<string>() == "max_kasms_per_user")!;
        Assert.Equal("3", max["value"]!.GetValue<string>());
        Assert.Equal("int", max["value_type"]!.GetValue<string>());
        Assert.Equal(OpsGroupId, max["group_id"]!.GetValue<string>());
        Assert.Equal(OpsMaxKasmsSettingId, max["group_setting_id"]!.GetValue<string>());
        var uploads = settings.Single(s => s!["name"]!.GetValue<string>() == "allow_kasm_uploads")!;
        Assert.Equal("true", uploads["value"]!.GetValue<string>());
        Assert.Null(uploads["group_id"]);
        var all = (await emu.CallAsync("api/admin/get_settings_group", Group(Seeded.AllUsersGroupId))).Json["settings"]!.AsArray();
        Assert.Equal("2", all.Single(s => s!["name"]!.GetValue<string>() == "max_kasms_per_user")!["value"]!.GetValue<string>());
        Assert.NotNull((await emu.CallAsync("api/public/get_settings_group", Group("00000000000040008000000000000000"))).ErrorMessage);
    }

    [Theory]
    [InlineData("seed", 404)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Add_settings_group_refuses_a_setting_the_group_has_and_update_one_it_lacks(string profile, int errorStatus)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var pause = await RowAsync(emu, OpsGroupId, "allow_kasm_pause");
        string catalogueId = pause["group_setting_id"]!.GetValue<string>();
        var wrongUpdate = await emu.CallAsync("api/public/update_settings_group", Change(OpsGroupId, catalogueId, "true"));
        Assert.Equal(errorStatus, wrongUpdate.Status);
        Assert.NotNull(wrongUpdate.ErrorMessage);
        var added = await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, catalogueId, "true"));
        Assert.Equal(200, added.Status);
        Assert.Equal("true", added.Json["setting"]!["value"]!.GetValue<string>());
        Assert.Equal(OpsGroupId, added.Json["setting"]!["group_id"]!.GetValue<string>());
        string ownId = added.Json["setting"]!["group_setting_id"]!.GetValue<string>();
        Assert.NotEqual(catalogueId, ownId);
        Assert.NotNull((await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, catalogueId, "true"))).ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, OpsMaxKasmsSettingId, "4"))).ErrorMessage);
        // A JSON bool passes as well as its text (inferred: the emulator takes both, stores text).
        Assert.Equal(200, (await emu.CallAsync("api/public/update_settings_group", Change(OpsGroupId, ownId, false))).Status);
        Assert.Equal("false", (await RowAsync(emu, OpsGroupId, "allow_kasm_pause"))["value"]!.GetValue<string>());
        // The other groups keep the default.
        Assert.Null((await RowAsync(emu, Seeded.AllUsersGroupId, "allow_kasm_pause"))["group_id"]);
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Settings_group_values_are_checked_against_the_value_type(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        Assert.NotNull((await emu.CallAsync("api/public/update_settings_group", Change(OpsGroupId, OpsMaxKasmsSettingId, "many"))).ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/update_settings_group", Change(OpsGroupId, OpsMaxKasmsSettingId, 1.5))).ErrorMessage);
        string usage = (await RowAsync(emu, OpsGroupId, "usage_limit"))["group_setting_id"]!.GetValue<string>();
        Assert.NotNull((await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, usage, "{not json"))).ErrorMessage);
        string pause = (await RowAsync(emu, OpsGroupId, "allow_kasm_pause"))["group_setting_id"]!.GetValue<string>();
        Assert.NotNull((await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, pause, "maybe"))).ErrorMessage);
        var missing = new JsonObject { ["target_group"] = new JsonObject { ["group_id"] = OpsGroupId }, ["target_setting"] = new JsonObject { ["group_setting_id"] = pause } };
        Assert.NotNull((await emu.CallAsync("api/public/add_settings_group", missing)).ErrorMessage);
        Assert.Equal("3", (await RowAsync(emu, OpsGroupId, "max_kasms_per_user"))["value"]!.GetValue<string>());
        Assert.Null((await RowAsync(emu, OpsGroupId, "usage_limit"))["group_id"]);
        var json = await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, usage, """{"type": "per_user", "interval": "monthly", "hours": 10}"""));
        Assert.Equal(200, json.Status);
        Assert.Equal(10, JsonNode.Parse((await RowAsync(emu, OpsGroupId, "usage_limit"))["value"]!.GetValue<string>())!["hours"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Licensed_settings_are_refused_when_the_licence_does_not_cover_them(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        emu.Emulator.State.Settings.GroupSettingsUnlicensed = true;
        string sharing = (await RowAsync(emu, OpsGroupId, "allow_kasm_sharing"))["group_setting_id"]!.GetValue<string>();
        var refused = await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, sharing, "true"));
        Assert.Equal(200, refused.Status);
        Assert.NotNull(refused.ErrorMessage);
        Assert.Null((await RowAsync(emu, OpsGroupId, "allow_kasm_sharing"))["group_id"]);
        string pause = (await RowAsync(emu, OpsGroupId, "allow_kasm_pause"))["group_setting_id"]!.GetValue<string>();
        Assert.Null((await emu.CallAsync("api/public/add_settings_group", Change(OpsGroupId, pause, "true"))).ErrorMessage);
    }

    [Theory]
    [InlineData("seed", 404)]
    [InlineData("kasm-1.15", 200)]
    [InlineData("kasm-1.19", 200)]
    public async Task Remove_settings_group_puts_the_default_back(string profile, int errorStatus)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var removed = await emu.CallAsync("api/public/remove_settings_group", new JsonObject { ["group_setting_id"] = OpsMaxKasmsSettingId });
        Assert.Equal(200, removed.Status);
        Assert.Null(removed.ErrorMessage);
        var row = await RowAsync(emu, OpsGroupId, "max_kasms_per_user");
        Assert.Equal("2", row["value"]!.GetValue<string>());
        Assert.Null(row["group_id"]);
        var again = await emu.CallAsync("api/public/remove_settings_group", new JsonObject { ["group_setting_id"] = OpsMaxKasmsSettingId });
        Assert.Equal(errorStatus, again.Status);
        Assert.NotNull(again.ErrorMessage);
        Assert.NotNull((await emu.CallAsync("api/public/remove_settings_group", new JsonObject())).ErrorMessage);
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)]
    public async Task Settings_group_calls_need_groups_view_or_modify_and_changes_a_key_that_is_not_read_only(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        Assert.Equal(status, (await emu.CallAsync("api/public/get_settings_group", Group(OpsGroupId), "imagesonly")).Status);
        Assert.Equal(status, (await emu.CallAsync("api/public/update_settings_group", Change(OpsGroupId, OpsMaxKasmsSettingId, "4"), "imagesonly")).Status);
        Assert.Equal(401, (await emu.CallAsync("api/public/update_settings_group", Change(OpsGroupId, OpsMaxKasmsSettingId, "4"), "readonly")).Status);
        Assert.Equal(401, (await emu.CallAsync("api/public/remove_settings_group", new JsonObject { ["group_setting_id"] = OpsMaxKasmsSettingId }, "readonly")).Status);
        Assert.Equal("3", (await RowAsync(emu, OpsGroupId, "max_kasms_per_user"))["value"]!.GetValue<string>());
    }
}
