using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kasm.Emulator.Api;

/// <summary>A finished response: status, content type and body bytes.</summary>
internal sealed record ApiResponse(int Status, string? ContentType, byte[] Body)
{
    private const string HtmlType = "text/html;charset=utf-8";
    private const string JsonType = "application/json";

    /// <summary>Like Python's json.dumps output: no HTML-escaping of &lt;, &gt;, &amp;, + or quotes.</summary>
    private static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ApiResponse Json(int status, JsonNode body) =>
        new(status, JsonType, Encoding.UTF8.GetBytes(body.ToJsonString(WireOptions)));

    public static ApiResponse Html(int status, string body) => new(status, HtmlType, Encoding.UTF8.GetBytes(body));

    public static ApiResponse Empty(int status) => new(status, null, []);

    /// <summary>CherryPy's sanitized HTTP-error page (docs/kasm-api.md#transport-and-authentication), e.g. <c>404 Not Found</c>.</summary>
    public static ApiResponse HttpErrorPage(int status, string reason) =>
        Html(status, $"An error has occurred {status} {reason} - see logs for details");

    /// <summary>The page a real server shows for an unhandled exception (docs/kasm-api.md#transport-and-authentication), sic the unclosed tags.</summary>
    public static ApiResponse UnhandledExceptionPage() =>
        Html(500, "<html><body>An unhandled exception occurred check logs for details<body><html>");
}
