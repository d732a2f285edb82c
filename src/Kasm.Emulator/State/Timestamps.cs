using System.Globalization;

namespace Kasm.Emulator.State;

/// <summary>Timestamps the way a Kasm server renders them (docs/kasm-api.md#answers).</summary>
public static class Timestamps
{
    /// <summary>
    /// Naive UTC as Python's <c>str(datetime)</c>: <c>YYYY-MM-DD HH:MM:SS.ffffff</c>, no <c>T</c>, no zone.
    /// Like Python, the fractional part is left out when it is exactly zero (docs/kasm-api.md#answers).
    /// </summary>
    public static string Format(DateTime utc)
    {
        long micros = utc.Ticks % TimeSpan.TicksPerSecond / 10;
        return micros == 0
            ? utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)
            : utc.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats or gives null.</summary>
    public static string? Format(DateTime? utc) => utc is { } value ? Format(value) : null;

    /// <summary>Current UTC time cut to microseconds (Python's resolution).</summary>
    public static DateTime Now(TimeProvider clock)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
