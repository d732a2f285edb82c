using System.Text.Json.Nodes;
using Xunit;

namespace Kasm.Tests.Emulator;

/// <summary>get_session_recordings (docs/kasm-api.md#session-recordings).</summary>
public class SessionRecordingTests
{
    private const string Recorded = "e1f2a3b4c5d64e7f8091a2b3c4d5e6f7";
    private const string Path = "api/public/get_session_recordings";

    private static JsonObject Ask(string kasmId, int? page = null, bool links = false)
    {
        var body = new JsonObject { ["target_kasm_id"] = kasmId };
        if (page is { } p) body["page"] = p;
        if (links) body["preauth_download_link"] = true;
        return body;
    }

    [Theory]
    [InlineData("seed")]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_session_recordings_pages_five_at_a_time_with_the_total(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var first = await emu.CallAsync(Path, Ask(Recorded));
        Assert.Equal(200, first.Status);
        Assert.Equal(7, first.Json["items"]!.GetValue<int>());
        Assert.Equal(5, first.Json["per_page"]!.GetValue<int>());
        Assert.Equal(1, first.Json["page"]!.GetValue<int>());
        var items = first.Json["session_recordings"]!.AsArray();
        Assert.Equal(5, items.Count);
        Assert.Matches(Formats.Hex32, items[0]!["recording_id"]!.GetValue<string>());
        Assert.Equal(60.5, items[0]!["session_recording_metadata"]!["duration"]!.GetValue<double>());
        Assert.Null(items[0]!["session_recording_download_url"]);

        var second = await emu.CallAsync(Path, Ask(Recorded, page: 2));
        var rest = second.Json["session_recordings"]!.AsArray();
        Assert.Equal(2, rest.Count);
        Assert.DoesNotContain(rest, r => items.Any(i => i!["recording_id"]!.GetValue<string>() == r!["recording_id"]!.GetValue<string>()));
        Assert.Empty((await emu.CallAsync(Path, Ask(Recorded, page: 3))).Json["session_recordings"]!.AsArray());
    }

    [Theory]
    [InlineData("kasm-1.15")]
    [InlineData("kasm-1.19")]
    public async Task Get_session_recordings_gives_download_links_or_the_literal_error(string profile)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var linked = await emu.CallAsync(Path, Ask(Recorded, links: true));
        Assert.StartsWith("https://", linked.Json["session_recordings"]![0]!["session_recording_download_url"]!.GetValue<string>());
        emu.Emulator.Settings.RecordingLinksFail = true;
        var failed = await emu.CallAsync(Path, Ask(Recorded, links: true));
        Assert.Equal("error", failed.Json["session_recordings"]![0]!["session_recording_download_url"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("seed", 400, 400)]
    [InlineData("kasm-1.15", 400, 400)]
    [InlineData("kasm-1.19", 400, 400)]
    public async Task Get_session_recordings_refuses_unknown_sessions_and_an_unlicensed_server(string profile, int invalid, int unlicensed)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        var unknown = await emu.CallAsync(Path, Ask("00000000000040008000000000000000"));
        Assert.Equal(invalid, unknown.Status);
        Assert.Equal("Invalid Kasm ID", unknown.ErrorMessage);
        var missing = await emu.CallAsync(Path, new JsonObject());
        Assert.Equal(invalid, missing.Status);
        Assert.Equal(invalid, (await emu.CallAsync(Path, Ask(Recorded, page: 0))).Status);

        emu.Emulator.Settings.SessionRecordingLicensed = false;
        var refused = await emu.CallAsync(Path, Ask(Recorded));
        Assert.Equal(unlicensed, refused.Status);
        Assert.Equal("Access Denied. This feature is not licensed", refused.ErrorMessage);
        var licence = (await emu.CallAsync("api/public/get_licenses")).Json["licenses"]![0]!;
        Assert.False(licence["features"]!["session_recording"]!.GetValue<bool>());
        Assert.Equal("Standard", licence["sku"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("kasm-1.15", 401)]
    [InlineData("kasm-1.19", 403)]
    public async Task Get_session_recordings_needs_session_recordings_view_and_allows_read_only_keys(string profile, int status)
    {
        await using var emu = await TestEmulator.StartAsync(profile);
        Assert.Equal(status, (await emu.CallAsync(Path, Ask(Recorded), keyName: "imagesonly")).Status);
        Assert.Equal(200, (await emu.CallAsync(Path, Ask(Recorded), keyName: "readonly")).Status);
        Assert.Equal(404, (await emu.CallAsync("api/admin/get_session_recordings", Ask(Recorded))).Status);
    }
}
