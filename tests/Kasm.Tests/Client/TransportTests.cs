#nullable enable
using Xunit;
using System.Diagnostics;
using System.Management.Automation;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kasm.Client;
using Kasm.Emulator.Faults;
using Kasm.Models;

namespace Kasm.Tests.Client;

/// <summary>The transport against the in-process emulator (kasm-1.15) over HTTPS: TLS, retries, faults, timeouts.</summary>
public class TransportTests : IClassFixture<Kasm115Fixture>
{
    private readonly Kasm115Fixture _f;
    private readonly RecordingLog _log = new();

    public TransportTests(Kasm115Fixture fixture)
    {
        _f = fixture;
        _f.Quiet();
    }

    private List<KasmImage> Images(KasmConnection c) => new KasmClient(c, _log).GetImages(CancellationToken.None).ToList();

    private KasmApiException Fails(Action action)
    {
        var ex = Assert.Throws<KasmApiException>(action);
        string secret = _f.Key("demo").ApiKeySecret;
        Assert.DoesNotContain(secret, Secrets.Describe(ex));
        Assert.All(_log.AllLines, l => Assert.DoesNotContain(secret, l));
        return ex;
    }

    private int[] Statuses(string method) => _f.Calls(method).Select(e => e.Status).ToArray();

    /// <summary>Waits (bounded: a hang guard) until the emulator holds a request in flight.</summary>
    private async Task WaitUntilInFlight(int before)
    {
        var guard = Stopwatch.StartNew();
        while (_f.Emulator.InFlight <= before)
        {
            if (guard.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException("no request reached the emulator");
            await Task.Delay(10);
        }
    }

    [Fact]
    public async Task Disconnect_while_a_request_is_in_flight_is_KasmNotConnected()
    {
        // Another runspace may Disconnect-Kasm a shared connection: the request in flight must end with a Kasm error,
        // not a raw TaskCanceledException escaping the cmdlet.
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", LatencyMs = 30_000, Count = 1 });
        var c = _f.Connect();
        // Closed once the request is held by the server (in flight there), not after a delay that a loaded machine
        // could outrun: this is the in-flight case, never the closed-before-sending one.
        int before = _f.Emulator.InFlight;
        var closer = Task.Run(async () => { await WaitUntilInFlight(before); c.Dispose(); });
        var watch = Stopwatch.StartNew();
        var ex = Fails(() => Images(c));
        await closer;
        Assert.Equal(KasmErrorId.NotConnected, ex.ErrorId);
        // Far from the 30 s answer, with room for a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    // ---- TLS ----

    [Fact]
    public void Pinned_thumbprint_connects()
    {
        using var c = _f.Connect();
        var images = Images(c);
        Assert.Contains(images, i => i.FriendlyName == "Chrome");
        Assert.All(images, i => Assert.Same(c, i.Connection));
    }

    [Fact]
    public void Pinned_thumbprint_in_lower_case_with_colons_connects()
    {
        string t = _f.Emulator.CertificateThumbprint.ToLowerInvariant();
        string colons = string.Join(":", Enumerable.Range(0, t.Length / 2).Select(i => t.Substring(i * 2, 2)));
        using var c = _f.Connect(configure: s => s.CertificateThumbprint = new[] { colons });
        Assert.NotEmpty(Images(c));
    }

    [Fact]
    public void SkipCertificateCheck_connects()
    {
        using var c = _f.Connect(configure: s => { s.CertificateThumbprint = null; s.SkipCertificateCheck = true; });
        Assert.NotEmpty(Images(c));
    }

    [Fact]
    public void Untrusted_certificate_fails_naming_the_thumbprint_and_both_switches_without_retry()
    {
        using var c = _f.Connect(configure: s => s.CertificateThumbprint = null);
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, ex.Category);
        Assert.Equal(0, ex.StatusCode);
        Assert.Contains(_f.Emulator.CertificateThumbprint, ex.Message);
        Assert.Contains("-CertificateThumbprint", ex.Message);
        Assert.Contains("-SkipCertificateCheck", ex.Message);
        Assert.Empty(_f.Calls("get_images"));
        // A TLS failure is not transient: one attempt only.
        Assert.Single(_log.VerboseLines, l => l.Contains("get_images"));
        Assert.DoesNotContain(_log.VerboseLines, l => l.Contains("retrying"));
    }

    [Fact]
    public void Wrong_thumbprint_does_not_connect()
    {
        using var c = _f.Connect(configure: s => s.CertificateThumbprint = new[] { new string('A', 40) });
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Contains(_f.Emulator.CertificateThumbprint, ex.Message);
        Assert.Empty(_f.Calls("get_images"));
    }

    [Fact]
    public async Task Sha256_thumbprint_that_is_accepted_also_connects()
    {
        string sha256 = await ServerSha256Async();
        using var c = _f.Connect(configure: s => s.CertificateThumbprint = new[] { sha256 });
        Assert.NotEmpty(Images(c));
    }

    private async Task<string> ServerSha256Async()
    {
        string? hash = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) =>
            {
                hash = cert!.GetCertHashString(HashAlgorithmName.SHA256);
                return true;
            },
        };
        using var http = new HttpClient(handler);
        using var _ = await http.GetAsync(new Uri(_f.Emulator.Url, "api/__healthcheck"));
        return hash!;
    }

    [Fact]
    public void Refused_port_is_KasmConnectionFailed_after_the_retries()
    {
        int port = Secrets.ClosedPort();
        using var c = _f.Connect(configure: s => s.Server = $"https://127.0.0.1:{port}");
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Contains("refused", ex.Message);
        Assert.Equal(3, _log.VerboseLines.Count(l => l.Contains("-> refused")));
    }

    [Fact]
    public void Refused_connection_is_retried_even_for_a_creating_method()
    {
        // A refusal proves the request never reached a server, so resending request_kasm is safe.
        int port = Secrets.ClosedPort();
        using var c = _f.Connect(configure: s => { s.Server = $"https://127.0.0.1:{port}"; s.MaximumRetryCount = 1; });
        var ex = Fails(() => new KasmClient(c, _log).Invoke(KasmEndpoints.RequestKasm, new JsonObject(), true, CancellationToken.None).Dispose());
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Equal(2, _log.VerboseLines.Count(l => l.Contains("request_kasm -> refused")));
    }

    [Fact]
    public void Unresolvable_name_is_KasmConnectionFailed()
    {
        using var c = _f.Connect(configure: s => s.Server = "https://no-such-host.invalid");
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Contains("no-such-host.invalid", ex.Message);
    }

    // ---- faults and retries ----

    [Fact]
    public void Status_503_then_success_is_retried_for_a_read()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 503, Count = 2 });
        using var c = _f.Connect();
        Assert.NotEmpty(Images(c));
        Assert.Equal(new[] { 503, 503, 200 }, Statuses("get_images"));
        Assert.Equal(2, _log.VerboseLines.Count(l => l.StartsWith("HTTP 503: retrying")));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void A_read_is_retried_exactly_MaximumRetryCount_times(int retries)
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 503 });
        using var c = _f.Connect(configure: s => s.MaximumRetryCount = retries);
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ServerError, ex.ErrorId);
        Assert.Equal(ErrorCategory.ResourceUnavailable, ex.Category);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(Enumerable.Repeat(503, retries + 1), Statuses("get_images"));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(504)]
    public void Other_transient_statuses_are_retried(int status)
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = status, Count = 1 });
        using var c = _f.Connect();
        Assert.NotEmpty(Images(c));
        Assert.Equal(new[] { status, 200 }, Statuses("get_images"));
    }

    [Fact]
    public void Status_500_is_not_retried()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 500, Body = "html" });
        using var c = _f.Connect();
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ServerError, ex.ErrorId);
        Assert.Equal("An unhandled exception occurred check logs for details", ex.ServerMessage);
        Assert.Equal(new[] { 500 }, Statuses("get_images"));
    }

    [Theory]
    [InlineData("request_kasm")]
    [InlineData("create_user")]
    public void A_creating_method_is_never_resent_after_a_503(string method)
    {
        _f.Emulator.AddFault(new FaultSpec { Method = method, Status = 503 });
        using var c = _f.Connect(configure: s => s.MaximumRetryCount = 3);
        var endpoint = KasmEndpoints.Resolve(method);
        Assert.False(endpoint.RetrySafe);
        var ex = Fails(() => new KasmClient(c, _log).Invoke(endpoint, new JsonObject(), true, CancellationToken.None).Dispose());
        Assert.Equal(KasmErrorId.ServerError, ex.ErrorId);
        Assert.Equal(new[] { 503 }, Statuses(method));
    }

    [Fact]
    public void A_creating_method_is_never_resent_after_a_dropped_connection()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "request_kasm", Drop = true });
        using var c = _f.Connect(configure: s => s.MaximumRetryCount = 3);
        var ex = Fails(() => new KasmClient(c, _log).Invoke(KasmEndpoints.RequestKasm, new JsonObject(), true, CancellationToken.None).Dispose());
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Equal(new[] { 0 }, Statuses("request_kasm"));
    }

    [Fact]
    public void Dropped_connection_is_retried_for_a_read()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Drop = true, Count = 1 });
        using var c = _f.Connect();
        Assert.NotEmpty(Images(c));
        Assert.Equal(new[] { 0, 200 }, Statuses("get_images"));
    }

    [Fact]
    public void Dropped_connection_every_time_is_KasmConnectionFailed()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Drop = true });
        using var c = _f.Connect(configure: s => s.MaximumRetryCount = 1);
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Equal(new[] { 0, 0 }, Statuses("get_images"));
    }

    [Theory]
    [InlineData("html", "HTML")]
    [InlineData("empty", "empty")]
    public void Html_or_empty_200_is_KasmUnexpectedResponse_and_not_retried(string body, string named)
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Status = 200, Body = body });
        using var c = _f.Connect();
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
        Assert.Equal(ErrorCategory.InvalidResult, ex.Category);
        Assert.Contains(named, ex.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(new[] { 200 }, Statuses("get_images"));
    }

    [Fact]
    public void Truncated_json_is_KasmUnexpectedResponse()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", Body = "truncated" });
        using var c = _f.Connect();
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.UnexpectedResponse, ex.ErrorId);
        Assert.Contains("truncated", ex.Message);
    }

    [Fact]
    public void On_dotnet_requests_are_sent_on_the_calling_thread_and_the_async_path_gives_the_same_answers()
    {
        // PowerShell 7's runtime has HttpClient.Send; Windows PowerShell 5.1 blocks on SendAsync (forced here).
        Assert.NotNull(KasmTransport.SyncSend);
        using var c = _f.Connect();
        var client = new KasmClient(c, _log);
        var images = Images(c).Select(i => (i.ImageId, i.FriendlyName, i.Memory, i.UncompressedSize)).ToList();
        var version = client.GetSystemInfo(CancellationToken.None).Version;
        List<(Guid, string?, long, long?)> asyncImages;
        Version? asyncVersion;
        KasmTransport.ForceAsyncSend = true;
        try
        {
            asyncImages = Images(c).Select(i => (i.ImageId, i.FriendlyName, i.Memory, i.UncompressedSize)).ToList();
            asyncVersion = client.GetSystemInfo(CancellationToken.None).Version;
        }
        finally { KasmTransport.ForceAsyncSend = false; }
        Assert.NotEmpty(images);
        Assert.Equal(images, asyncImages);
        Assert.NotNull(version);
        Assert.Equal(version, asyncVersion);
    }

    [Fact]
    public void A_small_list_of_announced_length_is_read_to_its_end()
    {
        using var c = _f.Connect();
        _log.VerboseLines.Clear();
        var images = Images(c);
        Assert.NotEmpty(images);
        var line = Assert.Single(_log.VerboseLines, l => l.StartsWith("POST /api/public/get_images"));
        Assert.DoesNotContain("stopped after", line);
        Assert.NotEmpty(images[0].AdditionalProperties);
    }

    [Fact]
    public void Latency_beyond_TimeoutSec_is_KasmTimeout()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", LatencyMs = 30_000 });
        // 3 s: short for the test, long enough for a loaded machine's connect (system_info, not slowed here).
        using var c = _f.Connect(configure: s => s.TimeoutSec = 3);
        var watch = Stopwatch.StartNew();
        var ex = Fails(() => Images(c));
        watch.Stop();
        Assert.Equal(KasmErrorId.Timeout, ex.ErrorId);
        Assert.Equal(ErrorCategory.OperationTimeout, ex.Category);
        Assert.InRange(watch.Elapsed.TotalSeconds, 2.9, 20.0);
        Assert.Contains(_log.VerboseLines, l => l.Contains("no answer within 3 s"));
    }

    [Fact]
    public void Latency_within_TimeoutSec_succeeds()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", LatencyMs = 200 });
        using var c = _f.Connect(configure: s => s.TimeoutSec = 5);
        Assert.NotEmpty(Images(c));
    }

    [Fact]
    public async Task Cancellation_stops_a_slow_request_at_once()
    {
        _f.Emulator.AddFault(new FaultSpec { Method = "get_images", LatencyMs = 30_000 });
        using var c = _f.Connect();
        using var cts = new CancellationTokenSource();
        // Cancelled once the server holds the request, so the cancellation meets a request in flight.
        int before = _f.Emulator.InFlight;
        var canceller = Task.Run(async () => { await WaitUntilInFlight(before); cts.Cancel(); });
        var watch = Stopwatch.StartNew();
        Assert.ThrowsAny<OperationCanceledException>(() => new KasmClient(c, _log).GetImages(cts.Token).ToList());
        await canceller;
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"took {watch.Elapsed}");
    }

    [Fact]
    public void Disposed_connection_is_KasmNotConnected()
    {
        var c = _f.Connect();
        c.Dispose();
        Assert.False(c.IsConnected);
        var ex = Fails(() => Images(c));
        Assert.Equal(KasmErrorId.NotConnected, ex.ErrorId);
        Assert.Empty(_f.Calls("get_images"));
    }

    // ---- what comes back ----

    [Fact]
    public void Image_size_is_in_bytes_and_ids_match_the_wire()
    {
        using var c = _f.Connect();
        var client = new KasmClient(c, _log);
        JsonArray raw;
        using (var response = client.Invoke(KasmEndpoints.GetImages, null, true, CancellationToken.None))
            raw = JsonNode.Parse(response.Body)!["images"]!.AsArray();
        var images = client.GetImages(CancellationToken.None).ToList();
        Assert.Equal(raw.Count, images.Count);
        foreach (var wire in raw)
        {
            var id = Guid.Parse(wire!["image_id"]!.GetValue<string>());
            var image = Assert.Single(images, i => i.ImageId == id);
            long mb = wire["uncompressed_size_mb"]!.GetValue<long>();
            Assert.Equal(mb * 1_000_000L, image.UncompressedSize);
            Assert.False(image.AdditionalProperties.ContainsKey("uncompressed_size_mb"));
            Assert.Equal(wire["memory"]!.GetValue<long>(), image.Memory);
        }
        Assert.Contains(images, i => i.UncompressedSize == 2394L * 1_000_000L);
    }

    [Fact]
    public void Verbose_has_one_line_per_request_and_debug_masks_the_secret()
    {
        using var c = _f.Connect();
        Images(c);
        var verbose = Assert.Single(_log.VerboseLines);
        Assert.Matches(@"^POST /api/public/get_images -> 200 \(\d+ ms, \d+ bytes\)$", verbose);
        var request = Assert.Single(_log.DebugLines, l => l.StartsWith("Request to get_images"));
        Assert.Contains("\"api_key_secret\":\"***\"", request);
        Assert.Contains("\"api_key\":\"DemoKey00001\"", request);
        Assert.Contains(_log.DebugLines, l => l.StartsWith("Response from get_images"));
        string secret = _f.Key("demo").ApiKeySecret;
        Assert.All(_log.AllLines, l => Assert.DoesNotContain(secret, l));
    }

    [Fact]
    public void Debug_off_writes_no_bodies()
    {
        _log.IsDebugEnabled = false;
        using var c = _f.Connect();
        Images(c);
        Assert.Empty(_log.DebugLines);
        Assert.Single(_log.VerboseLines);
    }

    [Fact]
    public void Connection_never_shows_the_secret()
    {
        string secret = _f.Key("demo").ApiKeySecret;
        using var c = _f.Connect();
        Assert.DoesNotContain(secret, c.ToString());
        foreach (var p in typeof(KasmConnection).GetProperties().Where(p => p.GetIndexParameters().Length == 0))
        {
            object? value = p.GetValue(c);
            string text = value is Array a ? string.Join(",", a.Cast<object>()) : Convert.ToString(value) ?? "";
            Assert.DoesNotContain(secret, text);
        }
        Assert.True(c.SecretEquals(secret));
    }
}
