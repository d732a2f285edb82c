using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kasm.Emulator.Api;

/// <summary>
/// A finished response: status, content type and body bytes. A large list answer (<see cref="Streamed"/>) has no
/// bytes until someone asks for <see cref="Body"/> (a fault or the fuzzer, which change whole answers); otherwise
/// it is written to the client as it is built (<see cref="ApiPipeline.WriteAsync"/>).
/// </summary>
internal sealed record ApiResponse
{
    private const string HtmlType = "text/html;charset=utf-8";
    private const string JsonType = "application/json";

    /// <summary>A list with at least this many entries is streamed; a smaller one is sent whole, with a Content-Length.</summary>
    internal const int StreamFrom = 1000;

    /// <summary>Like Python's json.dumps output: no HTML-escaping of &lt;, &gt;, &amp;, + or quotes.</summary>
    internal static readonly JsonSerializerOptions WireOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private byte[]? _body;
    private readonly LazyList? _list;

    public ApiResponse(int status, string? contentType, byte[] body)
    {
        Status = status;
        ContentType = contentType;
        _body = body;
    }

    private ApiResponse(int status, LazyList list)
    {
        Status = status;
        ContentType = JsonType;
        _list = list;
    }

    public int Status { get; init; }

    public string? ContentType { get; init; }

    /// <summary>The body's bytes; a streamed list answer is built in full the first time they are asked for.</summary>
    public byte[] Body
    {
        get => _body ??= Serialize(_list!.Fill());
        init => _body = value;
    }

    /// <summary>The list answer still to be written entry by entry, or null when the bytes are all there.</summary>
    public LazyList? Streamed => _body is null ? _list : null;

    public static ApiResponse Json(int status, JsonNode body) => new(status, JsonType, Serialize(body));

    /// <summary>A handler's answer, with its deferred list (if any) streamed when it is large, filled in otherwise.</summary>
    public static ApiResponse Json(int status, JsonObject body, LazyList? list) =>
        list is null ? Json(status, body)
        : list.Count >= StreamFrom ? new ApiResponse(status, list)
        : Json(status, list.Fill());

    private static byte[] Serialize(JsonNode body) => Encoding.UTF8.GetBytes(body.ToJsonString(WireOptions));

    public static ApiResponse Html(int status, string body) => new(status, HtmlType, Encoding.UTF8.GetBytes(body));

    public static ApiResponse Empty(int status) => new(status, null, []);

    /// <summary>CherryPy's sanitized HTTP-error page (docs/kasm-api.md#transport-and-authentication), e.g. <c>404 Not Found</c>.</summary>
    public static ApiResponse HttpErrorPage(int status, string reason) =>
        Html(status, $"An error has occurred {status} {reason} - see logs for details");

    /// <summary>The page a real server shows for an unhandled exception (docs/kasm-api.md#transport-and-authentication), sic the unclosed tags.</summary>
    public static ApiResponse UnhandledExceptionPage() =>
        Html(500, "<html><body>An unhandled exception occurred check logs for details<body><html>");
}
