#nullable enable
using Xunit;
using Kasm.Client;

namespace Kasm.Tests.Client;

public class KasmValueTests
{
    [Fact]
    public void Hex32_and_dashed_ids_parse_to_the_same_guid()
    {
        Assert.True(KasmValue.TryParseGuid("9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f", out var hex));
        Assert.True(KasmValue.TryParseGuid("9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f", out var dashed));
        Assert.True(KasmValue.TryParseGuid("9C1E2D3F4A5B4C6D8E7F0A1B2C3D4E5F", out var upper));
        Assert.True(KasmValue.TryParseGuid(" 9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f ", out var padded));
        Assert.Equal(new Guid("9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f"), hex);
        Assert.Equal(hex, dashed);
        Assert.Equal(hex, upper);
        Assert.Equal(hex, padded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("None")]
    [InlineData("null")]
    [InlineData("9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5")]
    [InlineData("9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5fz")]
    [InlineData("not-a-guid")]
    public void Bad_or_absent_ids_do_not_parse(string? text)
    {
        Assert.False(KasmValue.TryParseGuid(text, out var id));
        Assert.Equal(Guid.Empty, id);
    }

    [Fact]
    public void Kasm_timestamp_is_utc_with_microseconds()
    {
        Assert.True(KasmValue.TryParseDate("2024-03-05 22:18:50.063048", out var d));
        Assert.Equal(DateTimeKind.Utc, d.Kind);
        Assert.Equal(new DateTime(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc).AddTicks(630480), d);
    }

    [Theory]
    [InlineData("2024-03-05 22:18:50", 0)]
    [InlineData("2024-03-05T22:18:50.5", 5_000_000)]
    [InlineData("2024-03-05T23:18:50+01:00", 0)]
    [InlineData("2024-03-05T22:18:50Z", 0)]
    public void Other_timestamp_forms_become_the_same_utc_instant(string text, long extraTicks)
    {
        Assert.True(KasmValue.TryParseDate(text, out var d));
        Assert.Equal(DateTimeKind.Utc, d.Kind);
        Assert.Equal(new DateTime(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc).AddTicks(extraTicks), d);
    }

    [Theory]
    [InlineData("None")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("yesterday")]
    [InlineData("2024-13-45 99:00:00")]
    public void None_and_junk_dates_do_not_parse(string? text) => Assert.False(KasmValue.TryParseDate(text, out _));

    [Fact]
    public void FormatDate_writes_naive_utc_with_microseconds_and_round_trips()
    {
        var utc = new DateTime(2024, 3, 5, 22, 18, 50, DateTimeKind.Utc).AddTicks(630480);
        Assert.Equal("2024-03-05 22:18:50.063048", KasmValue.FormatDate(utc));
        var offset = new DateTimeOffset(2024, 3, 5, 23, 18, 50, TimeSpan.FromHours(1));
        Assert.Equal("2024-03-05 22:18:50.000000", KasmValue.FormatDate(offset.UtcDateTime));
        Assert.True(KasmValue.TryParseDate(KasmValue.FormatDate(utc), out var back));
        Assert.Equal(utc, back);
    }

    [Theory]
    [InlineData("1.15.0.abc123", "1.15.0")]
    [InlineData("1.19.0", "1.19.0")]
    [InlineData("1.18", "1.18.0")]
    [InlineData("1.15.0.a7b3c9e", "1.15.0")]
    public void Build_id_gives_the_version(string buildId, string version) =>
        Assert.Equal(Version.Parse(version), KasmValue.ParseBuildVersion(buildId));

    [Theory]
    [InlineData(null)]
    [InlineData("None")]
    [InlineData("develop")]
    [InlineData("1")]
    public void Build_id_without_a_version_gives_null(string? buildId) => Assert.Null(KasmValue.ParseBuildVersion(buildId));
}
