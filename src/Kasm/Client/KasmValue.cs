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
            if (!DateTime.TryParseExact(text!.Trim(), DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out value))
                return false;
            value = DateTime.SpecifyKind(value, DateTimeKind.Utc);
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
