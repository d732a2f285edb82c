using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kasm.Emulator.Hosting;

namespace Kasm.Tests.Emulator;

/// <summary>An in-process emulator over HTTPS plus an HttpClient that trusts only that emulator's certificate.</summary>
internal sealed class TestEmulator : IAsyncDisposable
{
    public const string DemoKey = "DemoKey00001";
    public const string DemoSecret = "DemoSecret0000000000000000000001";

    private TestEmulator(RunningEmulator emulator, HttpClient http)
    {
        Emulator = emulator;
        Http = http;
    }

    public RunningEmulator Emulator { get; }
    public HttpClient Http { get; }

    /// <summary>Starts with short delays so life-cycle tests stay fast.</summary>
    public static async Task<TestEmulator> StartAsync(string profile = "kasm-1.15", Action<EmulatorOptions>? configure = null)
    {
        var options = new EmulatorOptions { Profile = profile, SessionStartDelayMs = 400, DestroyDelayMs = 200 };
        configure?.Invoke(options);
        var emulator = await EmulatorHost.StartAsync(options);
        string thumbprint = emulator.CertificateThumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
                cert is not null && string.Equals(cert.GetCertHashString(), thumbprint, StringComparison.Ordinal),
        };
        return new TestEmulator(emulator, new HttpClient(handler) { BaseAddress = emulator.Url });
    }

    /// <summary>A body carrying the named key's credentials plus <paramref name="fields"/>.</summary>
    public JsonObject Body(string keyName = "demo", JsonObject? fields = null)
    {
        var key = Emulator.Keys.Single(k => k.Name == keyName);
        var body = new JsonObject { ["api_key"] = key.ApiKey, ["api_key_secret"] = key.ApiKeySecret };
        if (fields is not null)
            foreach (var (name, value) in fields) body[name] = value?.DeepClone();
        return body;
    }

    /// <summary>POSTs <paramref name="body"/> as JSON to <paramref name="path"/> (e.g. "api/public/get_images").</summary>
    public Task<Reply> PostAsync(string path, JsonObject body, Action<HttpRequestMessage>? customize = null) =>
        SendAsync(HttpMethod.Post, path, body.ToJsonString(), "application/json", customize);

    /// <summary>POSTs with the demo key and extra fields.</summary>
    public Task<Reply> CallAsync(string path, JsonObject? fields = null, string keyName = "demo") =>
        PostAsync(path, Body(keyName, fields));

    public async Task<Reply> SendAsync(HttpMethod method, string path, string? content, string? contentType,
        Action<HttpRequestMessage>? customize = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (content is not null)
        {
            request.Content = new StringContent(content, Encoding.UTF8);
            request.Content.Headers.ContentType = contentType is null ? null : MediaTypeHeaderValue.Parse(contentType);
        }
        customize?.Invoke(request);
        using var response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        return new Reply((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text);
    }

    /// <summary>Polls get_kasm_status until the session runs.</summary>
    public async Task<JsonObject> WaitRunningAsync(string kasmId, string userId, int timeoutMs = 5000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (true)
        {
            var reply = await CallAsync("api/public/get_kasm_status", new JsonObject { ["kasm_id"] = kasmId, ["user_id"] = userId });
            if (reply.Json.ContainsKey("kasm")) return reply.Json;
            if (DateTime.UtcNow > deadline) throw new TimeoutException(reply.Text);
            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Emulator.DisposeAsync();
    }
}

/// <summary>A response as the tests look at it.</summary>
internal sealed record Reply(int Status, string? ContentType, string Text)
{
    public JsonObject Json => JsonNode.Parse(Text) as JsonObject
        ?? throw new InvalidOperationException($"Not a JSON object: {Text}");

    public string? ErrorMessage => Json["error_message"]?.GetValue<string>();
}

/// <summary>Fixed ids of the seeded fixtures.</summary>
internal static class Seeded
{
    public const string PlainUserId = "9c1e2d3f4a5b4c6d8e7f0a1b2c3d4e5f";
    public const string PlainUserDashed = "9c1e2d3f-4a5b-4c6d-8e7f-0a1b2c3d4e5f";
    public const string AdminUserId = "4d3f5a1b2c6e4f708192a3b4c5d6e7f8";
    public const string ChromeImageId = "01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b";
    public const string TerminalImageId = "03c8e3b4d5f6407192ad2e3f4a5b6c7d";
    public const string EdgeDisabledImageId = "06fbb6e7a8c94304b5d05b6c7d8e9fa0";
    public const string BlenderUnavailableImageId = "070cc7f8b9da4415c6e16c7d8e9fa0b1";
    public const string AllUsersGroupId = "68d557ac4cac42cca9f31c7c853de0f3";
}

/// <summary>Format checks shared by the tests.</summary>
internal static class Formats
{
    public static readonly System.Text.RegularExpressions.Regex Hex32 = new("^[0-9a-f]{32}$");
    public static readonly System.Text.RegularExpressions.Regex Dashed = new("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    /// <summary>Python str(datetime): fraction present unless exactly zero.</summary>
    public static readonly System.Text.RegularExpressions.Regex Timestamp = new(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{6})?$");
}
