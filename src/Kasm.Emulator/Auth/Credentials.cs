using System.Text;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Microsoft.AspNetCore.Http;

namespace Kasm.Emulator.Auth;

/// <summary>The key and secret a request presented, wherever they came from.</summary>
internal sealed record Credentials(string? ApiKey, string? ApiKeySecret)
{
    public bool Complete => !string.IsNullOrEmpty(ApiKey) && !string.IsNullOrEmpty(ApiKeySecret);

    /// <summary>
    /// Headers <c>api-key</c>/<c>api-key-secret</c> first, then the body (docs/kasm-api.md#transport-and-authentication, [1.15]). Basic auth is
    /// read only when the profile accepts it: 1.15 never looks at <c>Authorization</c> (docs/kasm-api.md).
    /// </summary>
    public static Credentials From(HttpRequest request, JsonObject? body, Profile profile)
    {
        string? key = Header(request, "api-key");
        string? secret = Header(request, "api-key-secret");
        if (profile.AcceptsBasicAuth && (key is null || secret is null) && Basic(request) is var (bk, bs))
        {
            key ??= bk;
            secret ??= bs;
        }
        key ??= body?.Str("api_key");
        secret ??= body?.Str("api_key_secret");
        return new Credentials(key, secret);
    }

    private static string? Header(HttpRequest request, string name) =>
        request.Headers.TryGetValue(name, out var values) && !string.IsNullOrEmpty(values.ToString()) ? values.ToString() : null;

    private static (string, string)? Basic(HttpRequest request)
    {
        string? header = request.Headers.Authorization;
        if (header is null || !header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return null;
        try
        {
            string decoded = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
            int colon = decoded.IndexOf(':');
            return colon < 0 ? null : (decoded[..colon], decoded[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
