using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kasm.Emulator.Api;
using Kasm.Emulator.Faults;
using Kasm.Emulator.Hosting;
using Microsoft.AspNetCore.Http;

namespace Kasm.Emulator.Control;

/// <summary>
/// <c>/__emulator/…</c>: the emulator's own control surface (not part of Kasm). No auth, loopback callers only,
/// never written to the request log.
/// </summary>
internal sealed class ControlEndpoints(EmulatorCore core)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task HandleAsync(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is { } ip && !IPAddress.IsLoopback(ip))
            return Send(http, 403, new JsonObject { ["error"] = "control endpoints answer loopback callers only" });

        string path = http.Request.Path.Value!.TrimEnd('/');
        string verb = http.Request.Method;
        return (path, verb) switch
        {
            ("/__emulator/requests", "GET") => SendRaw(http, 200, JsonSerializer.Serialize(core.Log.Snapshot(), Json)),
            ("/__emulator/requests", "DELETE") => Done(http, core.Log.Clear),
            ("/__emulator/faults", "GET") => Send(http, 200, new JsonArray([.. core.Faults.Snapshot().Select(f => (JsonNode)FaultResponder.Describe(f))])),
            ("/__emulator/faults", "POST") => AddFaultAsync(http),
            ("/__emulator/faults", "DELETE") => Done(http, core.Faults.Clear),
            ("/__emulator/settings", "GET") => SendRaw(http, 200, JsonSerializer.Serialize(core.State.Settings, Json)),
            ("/__emulator/settings", "POST") => UpdateSettingsAsync(http),
            ("/__emulator/inflight", "GET") => Send(http, 200, new JsonObject { ["inFlight"] = core.InFlight, ["peak"] = core.PeakInFlight }),
            ("/__emulator/inflight", "DELETE") => Done(http, core.ResetPeak),
            ("/__emulator/users/bulk", "POST") => AddUsersAsync(http),
            ("/__emulator/reset", "POST") => Done(http, core.Reset),
            ("/__emulator/certificates", "GET") => Send(http, 200, new JsonObject(CertificateFactory.Kinds.Select(k =>
                KeyValuePair.Create(k, (JsonNode?)CertificateFactory.Get(k).Thumbprint)))),
            ("/__emulator/stop", "POST") => Done(http, core.RequestStop),
            (_, "POST") when path.StartsWith("/__emulator/sessions/", StringComparison.Ordinal) => SetSessionStatusAsync(http, path["/__emulator/sessions/".Length..]),
            _ => Send(http, 404, new JsonObject { ["error"] = $"no control endpoint {verb} {path}" }),
        };
    }

    private async Task AddFaultAsync(HttpContext http)
    {
        try
        {
            var fault = await JsonSerializer.DeserializeAsync<FaultSpec>(http.Request.Body, Json, http.RequestAborted)
                ?? throw new ArgumentException("body must be a fault object");
            core.Faults.Add(fault);
            await Send(http, 200, new JsonObject { ["fault"] = FaultResponder.Describe(fault) });
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            await Send(http, 400, new JsonObject { ["error"] = ex.Message });
        }
    }

    /// <summary><c>POST /__emulator/sessions/&lt;kasm_id&gt;</c> <c>{"status": "paused"}</c>: holds a session in a status.</summary>
    private async Task SetSessionStatusAsync(HttpContext http, string rawId)
    {
        var body = await ReadObjectAsync(http);
        string? status = body?.Str("status");
        if (status is null)
        {
            await Send(http, 400, new JsonObject { ["error"] = "body must be {\"status\": \"<status>\"}" });
            return;
        }
        if (!State.Ids.TryParse(rawId, out var kasmId))
        {
            await Send(http, 400, new JsonObject { ["error"] = $"'{rawId}' is not a session id" });
            return;
        }
        try
        {
            core.State.SetSessionStatus(kasmId, status);
            await Send(http, 200, new JsonObject { ["kasm_id"] = State.Ids.Hex(kasmId), ["status"] = status });
        }
        catch (KeyNotFoundException ex)
        {
            await Send(http, 404, new JsonObject { ["error"] = ex.Message });
        }
        catch (ArgumentException ex)
        {
            await Send(http, 400, new JsonObject { ["error"] = ex.Message });
        }
    }

    /// <summary><c>POST /__emulator/users/bulk</c> <c>{"count": 50000, "prefix": "bulk"}</c>: adds users without a request each.</summary>
    private async Task AddUsersAsync(HttpContext http)
    {
        var body = await ReadObjectAsync(http);
        if (body?.Number("count") is not { } count || count < 1 || count > 1_000_000)
        {
            await Send(http, 400, new JsonObject { ["error"] = "body must be {\"count\": 1..1000000, \"prefix\": \"bulk\"}" });
            return;
        }
        int total = core.State.AddUsers((int)count, body.Str("prefix") ?? "bulk");
        await Send(http, 200, new JsonObject { ["added"] = (int)count, ["users"] = total });
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private async Task UpdateSettingsAsync(HttpContext http)
    {
        var body = await ReadObjectAsync(http);
        if (body is null)
        {
            await Send(http, 400, new JsonObject { ["error"] = "body must be a JSON object" });
            return;
        }
        var settings = core.State.Settings;
        lock (core.State.Gate)
        {
            if (body.Number("sessionStartDelayMs") is { } start) settings.SessionStartDelayMs = (int)start;
            if (body.Number("destroyDelayMs") is { } destroy) settings.DestroyDelayMs = (int)destroy;
            if (body.Number("maxKasmsPerUser") is { } perUser) settings.MaxKasmsPerUser = (int)perUser;
            if (body.Number("licenseLimit") is { } licence) settings.LicenseLimit = (int)licence;
            if (body.Bool("allowKasmSharing") is { } sharing) settings.AllowKasmSharing = sharing;
            if (body.Bool("groupUpdateReplaces") is { } replaces) settings.GroupUpdateReplaces = replaces;
            if (body.Bool("groupSettingsUnlicensed") is { } unlicensed) settings.GroupSettingsUnlicensed = unlicensed;
            if (body.Bool("storageUpdateReplaces") is { } storageReplaces) settings.StorageUpdateReplaces = storageReplaces;
            if (body.Number("lifecycleDelayMs") is { } lifecycle) settings.LifecycleDelayMs = (int)lifecycle;
            if (body.Bool("allowKasmPause") is { } pause) settings.AllowKasmPause = pause;
            if (body.Bool("allowKasmStop") is { } stop) settings.AllowKasmStop = stop;
            if (body.Bool("usageReached") is { } usage) settings.UsageReached = usage;
            if (body.Bool("sessionRecordingLicensed") is { } recording) settings.SessionRecordingLicensed = recording;
            if (body.Bool("recordingLinksFail") is { } linksFail) settings.RecordingLinksFail = linksFail;
            if (body.Bool("sessionPermissionVncFails") is { } vncFails) settings.SessionPermissionVncFails = vncFails;
            if (body.Number("sessionHistoryPageBase") is { } pageBase) settings.SessionHistoryPageBase = pageBase == 0 ? 0 : 1;
            if (body.ContainsKey("newSessionStatus")) settings.NewSessionStatus = body.Str("newSessionStatus");
        }
        try
        {
            if (body.ContainsKey("fuzzSeed")) core.SetFuzz(body.Number("fuzzSeed") is { } seed ? (int)seed : null);
            if (body.Str("certificate") is { } certificate) core.SetCertificate(certificate);
        }
        catch (ArgumentException ex)
        {
            await Send(http, 400, new JsonObject { ["error"] = ex.Message });
            return;
        }
        await SendRaw(http, 200, JsonSerializer.Serialize(settings, Json));
    }

    private static Task Done(HttpContext http, Action action)
    {
        action();
        return Send(http, 200, new JsonObject());
    }

    private static Task Send(HttpContext http, int status, JsonNode body) => SendRaw(http, status, body.ToJsonString());

    private static Task SendRaw(HttpContext http, int status, string json) =>
        ApiPipeline.WriteAsync(http.Response, new ApiResponse(status, "application/json", System.Text.Encoding.UTF8.GetBytes(json)));
}
