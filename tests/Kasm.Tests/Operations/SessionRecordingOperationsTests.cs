#nullable enable
using Xunit;
using System.Collections;
using Kasm.Client;
using Kasm.Emulator.State;
using Kasm.Models;

namespace Kasm.Tests.Operations;

/// <summary>GetSessionRecordings against the in-process emulator (docs/kasm-api.md#session-recordings).</summary>
public abstract class SessionRecordingOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    protected SessionRecordingOperationsTests(TFixture fixture) : base(fixture) { }

    [Fact]
    public void GetSessionRecordings_reads_page_after_page_until_the_total()
    {
        var all = Client().GetSessionRecordings(SeedData.RecordedKasmId, false, CancellationToken.None).ToList();
        Assert.Equal(SeedData.Recordings.Where(r => r.KasmId == SeedData.RecordedKasmId).Select(r => r.RecordingId), all.Select(r => r.RecordingId));
        Assert.All(all, r => Assert.Equal(SeedData.RecordedKasmId, r.KasmId));
        var bodies = Log.Bodies("get_session_recordings");
        Assert.Equal(new[] { 1, 2 }, bodies.Select(b => b["page"]!.GetValue<int>()));
        Assert.All(bodies, b => Assert.Equal(Hex(SeedData.RecordedKasmId), b["target_kasm_id"]!.GetValue<string>()));
    }

    [Fact]
    public void GetSessionRecordings_sends_no_page_the_caller_does_not_read()
    {
        F.Quiet();
        Assert.Equal(5, Client().GetSessionRecordings(SeedData.RecordedKasmId, false, CancellationToken.None).Take(5).Count());
        Assert.Single(F.Emulator.RequestLog, e => e.Method == "get_session_recordings");
    }

    [Fact]
    public void GetSessionRecordings_turns_a_failed_link_into_no_link_and_a_flag()
    {
        F.Emulator.Settings.RecordingLinksFail = true;
        var r = Client().GetSessionRecordings(SeedData.ShortRecordedKasmId, true, CancellationToken.None).Single();
        Assert.Null(r.DownloadUrl);
        Assert.True(r.DownloadLinkFailed);
        Assert.True(Log.Single("get_session_recordings")["preauth_download_link"]!.GetValue<bool>());
    }

    [Fact]
    public void GetSessionRecordings_is_KasmNotLicensed_when_no_licence_grants_recording()
    {
        F.Emulator.Settings.SessionRecordingLicensed = false;
        var e = Assert.Throws<KasmApiException>(() => Client().GetSessionRecordings(SeedData.RecordedKasmId, false, CancellationToken.None).ToList());
        Assert.Equal(KasmErrorId.NotLicensed, e.ErrorId);
        Assert.Equal("get_session_recordings", e.Method);
        Assert.IsType<KasmApiException>(e.InnerException);
    }

    [Fact]
    public void GetSessionRecordings_keeps_the_error_it_had_when_the_licences_cannot_be_read()
    {
        // The readonly key reads licences too; a key that cannot (imagesonly) keeps the refusal it got.
        F.Emulator.Settings.SessionRecordingLicensed = false;
        var e = Assert.Throws<KasmApiException>(() => Client("imagesonly").GetSessionRecordings(SeedData.RecordedKasmId, false, CancellationToken.None).ToList());
        Assert.NotEqual(KasmErrorId.NotLicensed, e.ErrorId);
    }
}

public sealed class SessionRecordingOperations115Tests : SessionRecordingOperationsTests<Kasm115Fixture> { public SessionRecordingOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class SessionRecordingOperations119Tests : SessionRecordingOperationsTests<Kasm119Fixture> { public SessionRecordingOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class SessionRecordingOperationsSeedTests : SessionRecordingOperationsTests<SeedFixture> { public SessionRecordingOperationsSeedTests(SeedFixture f) : base(f) { } }

/// <summary>Which licences grant session recording (no server involved).</summary>
public class SessionRecordingLicenceTests
{
    [Theory]
    [InlineData("Enterprise", false, true)]
    [InlineData("enterprise", null, true)]
    [InlineData("Standard", true, true)]
    [InlineData("Standard", false, false)]
    [InlineData(null, null, false)]
    public void GrantsRecording_reads_the_sku_and_the_feature(string? sku, bool? feature, bool grants)
    {
        var licence = new KasmLicense { Sku = sku, Features = feature is bool f ? new Hashtable { ["session_recording"] = f } : null };
        Assert.Equal(grants, KasmClient.GrantsRecording(licence));
    }
}
