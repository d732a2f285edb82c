using System;
using System.Globalization;

namespace Kasm.Client
{
    /// <summary>Kasm's value formats: ids with or without dashes, naive-UTC timestamps, "None" for nothing.</summary>
    internal static class KasmValue
    {
        private static readonly string[] DateFormats =
        {
            "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
            "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd",
        };

        /// <summary>True for the texts Kasm uses for "no value".</summary>
        public static bool IsNone(string? text) => string.IsNullOrWhiteSpace(text) || text == "None" || text == "null";

        /// <summary>
        /// A number for an int, long or double property, from a JSON number's text or a text field ("4", "1.5", as
        /// some Kasm versions send them): invariant culture, finite, within the type's range, and whole for int and
        /// long (4.0 reads as 4; 4.5 does not read). Never throws.
        /// </summary>
        public static bool TryReadNumber(string? text, Type type, out object? value)
        {
            value = null;
            if (text == null) return false;
            text = text.Trim();
            if (text.Length == 0 || text.Length > 400) return false;
            if (type == typeof(int) || type == typeof(long))
            {
                if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long whole))
                {
                    if (type == typeof(long)) { value = whole; return true; }
                    if (whole < int.MinValue || whole > int.MaxValue) return false;
                    value = (int)whole;
                    return true;
                }
                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out decimal m) || m != decimal.Truncate(m)) return false;
                if (type == typeof(long)) { if (m < long.MinValue || m > long.MaxValue) return false; value = (long)m; return true; }
                if (m < int.MinValue || m > int.MaxValue) return false;
                value = (int)m;
                return true;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || double.IsNaN(d) || double.IsInfinity(d)) return false;
            value = d;
            return true;
        }

        /// <summary>A number from a value as <see cref="ModelMapper.ToPowerShell"/> gives it (int, long, decimal, double or numeric text).</summary>
        public static bool TryReadKeptNumber(object? kept, Type type, out object? value)
        {
            switch (kept)
            {
                case int i: return TryReadNumber(i.ToString(CultureInfo.InvariantCulture), type, out value);
                case long l: return TryReadNumber(l.ToString(CultureInfo.InvariantCulture), type, out value);
                case decimal m: return TryReadNumber(m.ToString(CultureInfo.InvariantCulture), type, out value);
                case double d: return TryReadNumber(d.ToString("R", CultureInfo.InvariantCulture), type, out value);
                case string s: return TryReadNumber(s, type, out value);
                default: value = null; return false;
            }
        }

        /// <summary>Parses 32-hex and dashed ids alike.</summary>
        public static bool TryParseGuid(string? text, out Guid id)
        {
            id = Guid.Empty;
            if (IsNone(text)) return false;
            return Guid.TryParseExact(text!.Trim(), "N", out id) || Guid.TryParseExact(text.Trim(), "D", out id);
        }

        /// <summary>Parses Kasm's "2024-03-05 22:18:50.063048" (naive UTC) and ISO forms into a UTC DateTime.</summary>
        public static bool TryParseDate(string? text, out DateTime value)
        {
            value = default;
            if (IsNone(text)) return false;
            var trimmed = text!.Trim();
            if (TryParseKasmDate(trimmed, out value)) return true;
            if (!DateTime.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
                return false;
            value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
            return true;
        }

        /// <summary>
        /// The form Kasm writes, "yyyy-MM-dd HH:mm:ss" with an optional fraction of 1 to 7 digits (a space or a T between
        /// date and time, no zone), read without DateTime.TryParseExact's format matching: a listing reads several
        /// dates per item, and the general parser was a fifth of a large listing's time. Anything else (a zone, a
        /// date alone, a value out of range) returns false and is left to TryParseExact, so the results are the same.
        /// </summary>
        internal static bool TryParseKasmDate(string text, out DateTime value) => TryParseKasmDate(text.AsSpan(), out value);

        /// <inheritdoc cref="TryParseKasmDate(string, out DateTime)"/>
        internal static bool TryParseKasmDate(ReadOnlySpan<char> text, out DateTime value)
        {
            value = default;
            int length = text.Length;
            if (length < 19 || length == 20 || length > 27) return false;
            if (text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') || text[13] != ':' || text[16] != ':') return false;
            if (!Digits(text, 0, 4, out int year) || !Digits(text, 5, 2, out int month) || !Digits(text, 8, 2, out int day)
                || !Digits(text, 11, 2, out int hour) || !Digits(text, 14, 2, out int minute) || !Digits(text, 17, 2, out int second))
                return false;
            long ticks = 0;
            if (length > 19)
            {
                if (text[19] != '.' || !Digits(text, 20, length - 20, out int fraction)) return false;
                ticks = fraction;
                for (int n = length - 20; n < 7; n++) ticks *= 10;
            }
            if (year < 1 || month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
                return false;
            value = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks);
            return true;
        }

        private static bool Digits(ReadOnlySpan<char> text, int start, int count, out int number)
        {
            number = 0;
            for (int n = start; n < start + count; n++)
            {
                char c = text[n];
                if (c < '0' || c > '9') return false;
                number = number * 10 + (c - '0');
            }
            return true;
        }

        /// <summary>An absolute http(s) URL; a relative one (kasm_url is "/#/connect/...") is taken against the server.</summary>
        public static Uri? ToAbsoluteUri(string? text, Uri? server)
        {
            if (IsNone(text)) return null;
            if (Uri.TryCreate(text, UriKind.Absolute, out var absolute) && (absolute.Scheme == "http" || absolute.Scheme == "https")) return absolute;
            return server != null && Uri.TryCreate(server, text, out var combined) ? combined : null;
        }

        /// <summary>Kasm's way of writing a timestamp: naive UTC with microseconds.</summary>
        public static string FormatDate(DateTime value) =>
            value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture);

        /// <summary>The version in a build id such as 1.15.0.abc123 or 1.19.0.</summary>
        public static Version? ParseBuildVersion(string? buildId)
        {
            if (IsNone(buildId)) return null;
            var parts = buildId!.Split('.');
            int n = 0;
            var numbers = new int[3];
            foreach (var part in parts)
            {
                if (n == 3 || !int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out numbers[n])) break;
                n++;
            }
            return n >= 2 ? new Version(numbers[0], numbers[1], n == 3 ? numbers[2] : 0) : null;
        }
    }
}
