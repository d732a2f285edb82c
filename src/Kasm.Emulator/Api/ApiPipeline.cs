using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Auth;
using Kasm.Emulator.Control;
using Kasm.Emulator.Faults;
using Kasm.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kasm.Emulator.Api;

/// <summary>
/// The whole request path for <c>/api/…</c>: routing (docs/kasm-api.md#transport-and-authentication), faults, body parsing, the auth wrapper
/// (docs/kasm-api.md#transport-and-authentication), dispatch through <see cref="MethodTable"/>, error mapping (docs/kasm-api.md#answers), and the request log.
/// </summary>
internal sealed class ApiPipeline(EmulatorCore core)
{
    private readonly ErrorMapper _errors = new(core.Profile);
    private readonly Authenticator _auth = new(core.Keys, new ErrorMapper(core.Profile));

    public async Task HandleAsync(HttpContext http)
    {
        string path = http.Request.Path.Value ?? "/";
        if (path.StartsWith("/__emulator/", StringComparison.Ordinal))
        {
            await core.Control.HandleAsync(http);
            return;
        }
        core.Enter();
        try
        {
            await HandleApiAsync(http, path);
        }
        finally
        {
            core.Leave();
        }
    }

    private async Task HandleApiAsync(HttpContext http, string path)
    {
        var parsed = ParseBody(await ReadBodyAsync(http.Request));
        var route = Route(path);
        // The key id (never the secret) for the log, whatever happens to the request afterwards.
        string? apiKey = Credentials.From(http.Request, parsed, core.Profile).ApiKey;
        var fault = route is { } r ? core.Faults.Take(r.Name) : null;
        if (fault is not null)
        {
            if (fault.LatencyMs > 0)
            {
                try
                {
                    await Task.Delay(fault.LatencyMs, http.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up while we were being slow on purpose
                }
            }
            if (fault.Drop && !fault.AfterProcessing)
            {
                core.Log.Add(core.State.Now(), http.Request.Method, path, route?.Mount.WireName(), route?.Name, apiKey, 0);
                http.Abort();
                return;
            }
        }

        ApiResponse? processedResponse = null;
        if (fault is { AfterProcessing: true } && route is { } processed)
        {
            processedResponse = Process(http, processed.Mount, processed.Name, parsed);
            if (fault.Drop)
            {
                core.Log.Add(core.State.Now(), http.Request.Method, path, route?.Mount.WireName(), route?.Name, apiKey, 0);
                http.Abort();
                return;
            }
        }
        ApiResponse response;
        if (fault is not null && FaultResponder.ChangesResponse(fault) && fault.Body != "truncated")
            response = FaultResponder.Replacement(fault, _errors);
        else if (path == "/api/__healthcheck")
            response = ApiResponse.Json(200, new JsonObject { ["ok"] = true }); // docs/kasm-api.md#transport-and-authentication: no auth, no body
        else if (route is null)
            response = _errors.Framework(404, "Not Found", $"Not found: {path}");
        else
            response = processedResponse ?? Process(http, route.Value.Mount, route.Value.Name, parsed);
        if (fault?.Body == "truncated") response = FaultResponder.Truncate(fault, response);
        if (core.Fuzz is { } fuzzer && route is { } fuzzed && path != "/api/__healthcheck") response = fuzzer.Mutate(fuzzed.Name, response);

        core.Log.Add(core.State.Now(), http.Request.Method, path, route?.Mount.WireName(), route?.Name, apiKey, response.Status);
        await WriteAsync(http.Response, response);
    }

    /// <param name="body">The request body as a JSON object, or null when it is empty, malformed or not an object.</param>
    private ApiResponse Process(HttpContext http, Mount mount, string name, JsonObject? body)
    {
        var method = MethodTable.Find(name, mount);
        if (method is null) return _errors.Framework(404, "Not Found", $"Unknown API method ({name})");

        // GET: CherryPy's json_in tool never runs and the auth wrapper crashes on request.json (docs/kasm-api.md#transport-and-authentication).
        if (!HttpMethods.IsPost(http.Request.Method)) return _errors.Crash($"{http.Request.Method} is not supported; use POST");

        if (!IsJson(http.Request.ContentType))
            return _errors.Framework(415, "Unsupported Media Type", "Content-Type must be application/json");

        if (body is null) return _errors.Framework(400, "Bad Request", "Invalid JSON document in request body");

        var credentials = Credentials.From(http.Request, body, core.Profile);
        lock (core.State.Gate)
        {
            var now = core.State.Now();
            core.State.Purge(now);
            var outcome = _auth.Authenticate(credentials, body, method, mount, core.State, core.Profile, now);
            if (outcome.Failure is not null) return outcome.Failure;

            var ctx = new HandlerContext
            {
                State = core.State,
                Profile = core.Profile,
                Mount = mount,
                Body = body,
                Key = outcome.Key!,
                Now = now,
                RequestHost = http.Request.Host.Host,
                RequestAuthority = http.Request.Host.Value ?? http.Request.Host.Host,
            };
            try
            {
                // The ClientApi variants' internal check (docs/kasm-api.md#transport-and-authentication): decorator asked only for User.
                if (method.InternalOnAdminMounts is { } inner && mount != Mount.Public && !core.Profile.IsSeed
                    && !Permissions.SatisfiesAny(outcome.Key!.Granted, inner))
                    throw ApiError.Unauthorized();
                if (method.RawHandler is { } raw) return raw(ctx);
                var answer = method.Handler(ctx);
                return ApiResponse.Json(200, answer, ctx.Deferred);
            }
            catch (ApiError error)
            {
                return _errors.Handler(error, method, mount);
            }
            catch (Exception ex)
            {
                // Anything else is a bug in a handler; answer like a real server's unhandled exception.
                return _errors.Crash($"Unhandled error: {ex.Message}");
            }
        }
    }

    private static JsonObject? ParseBody(byte[] raw)
    {
        try
        {
            return JsonNode.Parse(raw) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary><c>/api/public/m</c>, <c>/api/admin/m</c>, <c>/api/m</c>: the method is the last segment (docs/kasm-api.md#transport-and-authentication).</summary>
    private static (Mount Mount, string Name)? Route(string path)
    {
        var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Length < 2 || segments[0] != "api") return null;
        Mount mount = segments[1] switch
        {
            "public" when segments.Length > 2 => Mount.Public,
            "admin" when segments.Length > 2 => Mount.Admin,
            _ => Mount.Client,
        };
        return (mount, segments[^1]);
    }

    /// <summary>CherryPy's json_in accepts application/json and text/javascript (docs/kasm-api.md#transport-and-authentication).</summary>
    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType is { } media
        && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media.Equals("text/javascript", StringComparison.OrdinalIgnoreCase));

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        return buffer.ToArray();
    }

    internal static async Task WriteAsync(HttpResponse response, ApiResponse api)
    {
        response.StatusCode = api.Status;
        if (api.ContentType is not null) response.ContentType = api.ContentType;
        if (api.Streamed is { } list)
        {
            // No Content-Length: Kestrel sends it chunked, a flush per chunk of entries (docs/design.md).
            try
            {
                await list.WriteAsync(response.Body, ApiResponse.WireOptions, response.HttpContext.RequestAborted);
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client stopped reading (Select-Object -First): nothing left to tell it.
            }
            return;
        }
        response.ContentLength = api.Body.Length;
        if (api.Body.Length > 0) await response.Body.WriteAsync(api.Body, response.HttpContext.RequestAborted);
    }
}
