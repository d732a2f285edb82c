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

    [Theory]
    [InlineData("2024-02-29 23:59:59.9999999")]
    [InlineData("2023-02-29 10:00:00")]
    [InlineData("2024-04-31 10:00:00")]
    [InlineData("2024-03-05 24:00:00")]
    [InlineData("2024-03-05 22:60:00")]
    [InlineData("2024-03-05 22:18:60")]
    [InlineData("2024-03-05 22:18:50.")]
    [InlineData("2024-03-05 22:18:50.12345678")]
    [InlineData("2024-03-05 22:18:50,5")]
    [InlineData("2024-03-05X22:18:50")]
    [InlineData("0000-03-05 22:18:50")]
    [InlineData("2024-3-05 22:18:50.1")]
    [InlineData("2024-03-05 22:18:5a")]
    [InlineData("2024-03-05T22:18:50.0630480")]
    [InlineData("2024-03-05 22:18:50.000001")]
    [InlineData("2024-03-05T22:18:50Z")]
    [InlineData("2024-03-05")]
    public void The_fast_date_reader_agrees_with_the_general_parser(string text)
    {
        string[] formats =
        {
            "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd",
        };
        bool general = DateTime.TryParseExact(text, formats, System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var expected);
        Assert.Equal(general, KasmValue.TryParseDate(text, out var actual));
        if (general) Assert.Equal(DateTime.SpecifyKind(expected, DateTimeKind.Utc), actual);
        // The fast reader never accepts what the general parser refuses, and agrees where both read.
        if (KasmValue.TryParseKasmDate(text, out var fast))
        {
            Assert.True(general);
            Assert.Equal(DateTimeKind.Utc, fast.Kind);
            Assert.Equal(DateTime.SpecifyKind(expected, DateTimeKind.Utc), fast);
        }
    }

    [Fact]
    public void The_fast_date_reader_reads_every_second_of_a_leap_day_as_the_general_parser_does()
    {
        var start = new DateTime(2024, 2, 29, 0, 0, 0, DateTimeKind.Utc);
        for (int s = 0; s < 86400; s += 37)
        {
            var t = start.AddSeconds(s).AddTicks(s * 13 % 10_000_000);
            string text = t.ToString("yyyy-MM-dd HH:mm:ss.fffffff", System.Globalization.CultureInfo.InvariantCulture);
            Assert.True(KasmValue.TryParseKasmDate(text, out var fast));
            Assert.Equal(t, fast);
        }
    }

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
