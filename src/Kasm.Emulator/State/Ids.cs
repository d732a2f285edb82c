namespace Kasm.Emulator.State;

/// <summary>UUID formatting as a Kasm server emits it (docs/kasm-api.md#answers).</summary>
public static class Ids
{
    /// <summary>32 lowercase hex characters, no dashes: the usual form in Kasm output.</summary>
    public static string Hex(Guid id) => id.ToString("N");

    /// <summary>The dashed form Python's <c>str(uuid)</c> gives; used only where docs/kasm-api.md#answers says a real server emits it.</summary>
    public static string Dashed(Guid id) => id.ToString("D");

    /// <summary>Accepts either form, any case, like Python's <c>uuid.UUID</c>.</summary>
    public static bool TryParse(string? text, out Guid id)
    {
        id = Guid.Empty;
        if (string.IsNullOrWhiteSpace(text)) return false;
        return Guid.TryParseExact(text.Trim(), "N", out id) || Guid.TryParseExact(text.Trim(), "D", out id);
    }

    /// <summary>Random letters and digits (the alphabet of API keys and anonymous user names); lower case only on request.</summary>
    public static string RandomAlphaNumeric(int length, bool lowerOnly = false)
    {
        const string all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        const string lower = "abcdefghijklmnopqrstuvwxyz0123456789";
        return System.Security.Cryptography.RandomNumberGenerator.GetString(lowerOnly ? lower : all, length);
    }

    /// <summary>A share id: 8 lowercase hex characters (docs/kasm-api.md#answers).</summary>
    public static string NewShareId() => Guid.NewGuid().ToString("N")[..8];
}
