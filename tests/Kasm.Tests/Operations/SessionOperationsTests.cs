#nullable enable
using Xunit;
using System.Collections;
using System.Diagnostics;
using System.Reflection;
using System.Text.Json;
using Kasm.Client;
using Kasm.Emulator.Faults;
using Kasm.Emulator.State;
using Kasm.Models;

namespace Kasm.Tests.Operations;

/// <summary>request_kasm, get_kasm_status, waiting, get_kasms and destroy_kasm through KasmClient, in every profile.</summary>
public abstract class SessionOperationsTests<TFixture> : OpsTestBase<TFixture> where TFixture : EmulatorFixture
{
    private static readonly Guid Chrome = SeedData.ChromeImageId;
    private static readonly Guid Terminal = SeedData.TerminalImageId;
    private static readonly Guid PlainUser = SeedData.PlainUserId;
    private static readonly Guid Admin = SeedData.AdminUserId;

    protected SessionOperationsTests(TFixture fixture) : base(fixture) { }

    /// <summary>The id a business error (HTTP 200 + error_message in kasm, 400 in the seed) gets.</summary>
    private string BusinessErrorId => F.IsSeed ? KasmErrorId.InvalidRequest : KasmErrorId.ApiError;

    private KasmSession Request(KasmClient client, Guid image, Guid user, string? kasmUrl = null, IDictionary? environment = null, bool sharing = false) =>
        client.RequestSession(image, user, sharing, kasmUrl, environment, CancellationToken.None);

    private static KasmSession PollUntilRunning(KasmClient client, KasmSession requested)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var (session, _) = client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None);
            if (session != null) return session;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"{requested.KasmId} did not start");
            Thread.Sleep(30);
        }
    }

    // ---- request_kasm ----

    [Fact]
    public void RequestSession_parses_the_answer()
    {
        var client = Client();
        var session = Request(client, Chrome, PlainUser);

        var record = Assert.Single(F.Emulator.State.Sessions);
        Assert.Equal(record.KasmId, session.KasmId); // the answer's kasm_id is dashed
        Assert.Equal("starting", session.Status);
        Assert.Equal(PlainUser, session.UserId);
        Assert.Equal(Chrome, session.ImageId);
        Assert.Equal("user@kasm.local", session.UserName);
        Assert.False(string.IsNullOrEmpty(session.SessionToken));
        Assert.NotNull(session.KasmUrl);
        Assert.True(session.KasmUrl!.IsAbsoluteUri);
        Assert.Equal(F.Emulator.Url.GetLeftPart(UriPartial.Authority), session.KasmUrl.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("#/connect/kasm/" + session.KasmId.ToString("D"), session.KasmUrl.Fragment, StringComparison.Ordinal);
        Assert.Contains(session.SessionToken!, session.KasmUrl.ToString(), StringComparison.Ordinal);
        Assert.Same(client.Connection, session.Connection);
    }

    [Fact]
    public void RequestSession_share_id_only_when_sharing()
    {
        F.Emulator.Settings.AllowKasmSharing = true; // the group setting allow_kasm_sharing
        var client = Client();
        var plain = Request(client, Chrome, PlainUser);
        var shared = Request(client, Terminal, Admin, sharing: true);

        Assert.Null(plain.ShareId);
        Assert.Matches("^[0-9a-f]{8}$", shared.ShareId!);
        Assert.Equal(shared.ShareId, F.Emulator.State.Sessions.Single(s => s.KasmId == shared.KasmId).ShareId);
    }

    [Fact]
    public void RequestSession_sharing_not_allowed_is_a_partial_success_that_carries_the_session()
    {
        var client = Client();
        if (F.IsSeed)
        {
            // The seed document knows no group setting: sharing always works there.
            Assert.NotNull(Request(client, Chrome, PlainUser, sharing: true).ShareId);
            return;
        }

        var ex = Assert.Throws<KasmApiException>(() => Request(client, Chrome, PlainUser, sharing: true));

        Assert.Equal(KasmErrorId.PartialSuccess, ex.ErrorId);
        Assert.Equal("request_kasm", ex.Method);
        Assert.Equal(200, ex.StatusCode);
        Assert.False(string.IsNullOrEmpty(ex.ServerMessage));
        var session = Assert.IsType<KasmSession>(ex.Result);
        var record = Assert.Single(F.Emulator.State.Sessions);
        Assert.Equal(record.KasmId, session.KasmId);
        Assert.Equal(PlainUser, session.UserId);
        Assert.Null(session.ShareId);
        Assert.NotNull(session.KasmUrl);
        Assert.Equal(1, F.Count("request_kasm")); // never resent
    }

    [Fact]
    public void StartSession_waits_through_a_partial_success_then_reports_it()
    {
        if (F.IsSeed) return; // sharing always works in the seed profile
        var client = Client();

        var ex = Assert.Throws<KasmApiException>(() => client.StartSession(Chrome, PlainUser, true, null, null, true,
            TimeSpan.FromSeconds(20), TimeSpan.FromMilliseconds(50), null, CancellationToken.None));

        Assert.Equal(KasmErrorId.PartialSuccess, ex.ErrorId);
        var session = Assert.IsType<KasmSession>(ex.Result);
        Assert.Equal("running", session.Status); // the wait went on: the result is the running session
        Assert.NotNull(session.SessionToken);
    }

    [Fact]
    public void RequestSession_sends_ids_environment_and_kasm_url()
    {
        var client = Client();
        var env = new Hashtable { ["FOO"] = "bar", ["USRVAR_X"] = "1" };
        var session = Request(client, Chrome, PlainUser, "https://example.com/start", env);

        var record = F.Emulator.State.Sessions.Single(s => s.KasmId == session.KasmId);
        Assert.Equal("bar", record.Environment["FOO"]);
        Assert.Equal("1", record.Environment["USRVAR_X"]);

        var body = Log.Single("request_kasm");
        Assert.Equal(Hex(Chrome), (string?)body["image_id"]);
        Assert.Equal(Hex(PlainUser), (string?)body["user_id"]);
        // The value is a credential-like URL and the debug log masks it; its presence is what can be seen.
        Assert.True(body.ContainsKey("kasm_url"));
        Assert.Equal("bar", (string?)body["environment"]!["FOO"]);
        Assert.False(body.ContainsKey("enable_sharing"));
    }

    [Fact]
    public void RequestSession_without_kasm_url_or_environment_sends_neither()
    {
        var client = Client();
        Request(client, Chrome, PlainUser, kasmUrl: null, environment: new Hashtable());

        var body = Log.Single("request_kasm");
        Assert.False(body.ContainsKey("kasm_url"));
        Assert.False(body.ContainsKey("environment"));
    }

    [Fact]
    public void RequestSession_unknown_image_fails()
    {
        var client = Client();
        var ex = Assert.Throws<KasmApiException>(() => Request(client, Guid.NewGuid(), PlainUser));

        Assert.Equal(F.IsSeed ? KasmErrorId.NotFound : KasmErrorId.ApiError, ex.ErrorId);
        Assert.Equal("request_kasm", ex.Method);
        Assert.Contains("image", ex.ServerMessage!, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(F.Emulator.State.Sessions);
    }

    [Theory]
    [InlineData("06fbb6e7a8c94304b5d05b6c7d8e9fa0", "Image Not Authorized")]   // disabled
    [InlineData("070cc7f8b9da4415c6e16c7d8e9fa0b1", "No resources are available")] // not pulled on any agent
    public void RequestSession_unusable_image_fails(string imageId, string text)
    {
        var client = Client();

        var ex = Assert.Throws<KasmApiException>(() => Request(client, Guid.ParseExact(imageId, "N"), PlainUser));

        Assert.Equal(BusinessErrorId, ex.ErrorId);
        Assert.Contains(text, ex.ServerMessage!, StringComparison.Ordinal);
        Assert.Empty(F.Emulator.State.Sessions);
    }

    [Fact]
    public void RequestSession_per_user_limit_fails_and_is_not_resent()
    {
        var client = Client(retries: 3);
        Request(client, Chrome, PlainUser);
        Request(client, Terminal, PlainUser);

        var ex = Assert.Throws<KasmApiException>(() => Request(client, Chrome, PlainUser));

        Assert.Equal(BusinessErrorId, ex.ErrorId);
        Assert.Contains("Kasm limit exceeded", ex.ServerMessage!, StringComparison.Ordinal);
        Assert.Equal(3, F.Count("request_kasm"));
        Assert.Equal(2, F.Emulator.State.Sessions.Count);
    }

    [Fact]
    public void RequestSession_licence_limit_fails()
    {
        F.Emulator.Settings.LicenseLimit = 1;
        var client = Client(retries: 3);
        Request(client, Chrome, PlainUser);

        var ex = Assert.Throws<KasmApiException>(() => Request(client, Chrome, Admin));

        Assert.Equal(BusinessErrorId, ex.ErrorId);
        Assert.Contains("license limit", ex.ServerMessage!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(2, F.Count("request_kasm"));
        Assert.Single(F.Emulator.State.Sessions);
    }

    [Fact]
    public void RequestSession_http_503_is_not_retried()
    {
        F.Emulator.AddFault(new FaultSpec { Method = "request_kasm", Status = 503, Count = 3 });
        var client = Client(retries: 3);

        var ex = Assert.Throws<KasmApiException>(() => Request(client, Chrome, PlainUser));

        Assert.Equal(KasmErrorId.ServerError, ex.ErrorId);
        Assert.Equal(503, ex.StatusCode);
        Assert.Equal(1, F.Count("request_kasm"));
        Assert.Empty(F.Emulator.State.Sessions);
    }

    [Fact]
    public void RequestSession_dropped_connection_is_not_retried()
    {
        F.Emulator.AddFault(new FaultSpec { Method = "request_kasm", Drop = true, Count = 3 });
        var client = Client(retries: 3);

        var ex = Assert.Throws<KasmApiException>(() => Request(client, Chrome, PlainUser));

        Assert.Equal(KasmErrorId.ConnectionFailed, ex.ErrorId);
        Assert.Equal(1, F.Count("request_kasm"));
    }

    [Fact]
    public void ControlCase_the_same_503_on_a_read_is_retried()
    {
        // Shows the fault set-up above would reveal a resend: a retry-safe method is sent again.
        F.Emulator.AddFault(new FaultSpec { Method = "get_kasms", Status = 503, Count = 2 });
        var client = Client(retries: 3);

        Assert.Empty(client.GetSessions(CancellationToken.None).ToList());

        Assert.Equal(3, F.Count("get_kasms"));
    }

    // ---- get_kasm_status ----

    [Fact]
    public void GetSessionStatus_while_starting()
    {
        F.Emulator.Settings.SessionStartDelayMs = 20_000;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);

        var (session, progress) = client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None);

        Assert.Null(session);
        Assert.False(string.IsNullOrEmpty(progress.Message));
        Assert.Contains(progress.Status, new[] { "requested", "provisioning", "assigned", "starting" });
        if (F.Is115)
        {
            // 1.15 public sends only error_message, so the status comes from the owner's session list: no percentage.
            Assert.Null(progress.Percent);
            Assert.Equal(1, F.Count("get_user_kasms"));
        }
        else
        {
            Assert.NotNull(progress.Percent);
            Assert.InRange(progress.Percent!.Value, 0, 99);
            Assert.Equal(0, F.Count("get_user_kasms"));
        }
    }

    [Fact]
    public void GetSessionStatus_without_user_fails()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);

        var ex = Assert.Throws<KasmApiException>(() => client.GetSessionStatus(requested.KasmId, null, CancellationToken.None));

        // A real 1.15 server crashes without user_id (500 HTML); the seed calls it a bad request.
        Assert.Equal(F.IsSeed ? KasmErrorId.InvalidRequest : KasmErrorId.ServerError, ex.ErrorId);
        Assert.Equal(F.IsSeed ? 400 : 500, ex.StatusCode);
        Assert.False(Log.Single("get_kasm_status").ContainsKey("user_id"));
    }

    [Fact]
    public void GetSessionStatus_reports_operational_progress_as_it_advances()
    {
        // The test drives the session through its states (no delay to race): each poll sees the state it was put in.
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        var seen = new List<SessionProgress>();
        foreach (var status in new[] { "requested", "provisioning", "assigned", "starting" })
        {
            F.Emulator.SetSessionStatus(requested.KasmId, status);
            var (session, progress) = client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None);
            Assert.Null(session);
            seen.Add(progress);
        }
        F.Emulator.SetSessionStatus(requested.KasmId, "running");
        var (running, last) = client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None);

        Assert.NotNull(running);
        Assert.Equal("running", last.Status);
        // 1.15's get_kasm_status names no state while starting; the owner's session list does (one get_user_kasms per poll).
        Assert.Equal(new[] { "requested", "provisioning", "assigned", "starting" }, seen.Select(p => p.Status).ToArray());
        Assert.Equal(F.Is115 ? 4 : 0, F.Count("get_user_kasms"));
    }

    [Fact]
    public void GetSessionStatus_Running()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);

        var session = PollUntilRunning(client, requested);
        var (again, progress) = client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None);

        Assert.Equal(requested.KasmId, session.KasmId);
        Assert.Equal("running", session.Status);
        Assert.Equal(PlainUser, session.UserId);
        Assert.Equal(Chrome, session.ImageId);
        Assert.Equal("Chrome", session.ImageName);
        Assert.NotNull(session.KasmUrl);
        Assert.True(session.KasmUrl!.IsAbsoluteUri);
        Assert.Equal(F.Emulator.Url.GetLeftPart(UriPartial.Authority), session.KasmUrl.GetLeftPart(UriPartial.Authority));
        Assert.Contains("#/connect/kasm/", session.KasmUrl.ToString(), StringComparison.Ordinal);
        Assert.NotNull(session.StartDate);
        Assert.Equal(DateTimeKind.Utc, session.StartDate!.Value.Kind);
        Assert.Equal(2768000000L, session.Memory);
        Assert.NotNull(again);
        Assert.Equal("running", progress.Status);
        Assert.Equal(100, progress.Percent);
    }

    [Fact]
    public void GetSessionStatus_of_someone_elses_session_fails_at_once()
    {
        var client = Client();
        client.Probe(CancellationToken.None); // learns the server version from system_info
        var requested = Request(client, Chrome, PlainUser);

        // Asking with the wrong owner: the server refuses. 1.16+ names the status of every session that is starting,
        // so an answer without it is a refusal; 1.15 sends only a message either way, and the session list (which
        // shows the session with another owner) tells them apart. No message text is read.
        var ex = Assert.Throws<KasmApiException>(() => client.GetSessionStatus(requested.KasmId, Admin, CancellationToken.None));
        if (!F.IsSeed)
        {
            Assert.Equal(KasmErrorId.ApiError, ex.ErrorId);
            Assert.False(string.IsNullOrEmpty(ex.ServerMessage));
        }
        Assert.Equal("get_kasm_status", ex.Method);
    }

    [Fact]
    public void GetSessionStatus_after_destroy_fails_once_gone()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        PollUntilRunning(client, requested);

        client.DestroySession(requested.KasmId, requested.UserId, CancellationToken.None);
        var (deleting, progress) = client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None);

        Assert.Null(deleting);
        Assert.Equal("deleting", progress.Status); // 1.15: from the session list
        Assert.False(string.IsNullOrEmpty(progress.Message));

        F.Emulator.SetSessionStatus(requested.KasmId, "gone"); // the deletion finishes
        var gone = Assert.Throws<KasmApiException>(() => client.GetSessionStatus(requested.KasmId, requested.UserId, CancellationToken.None));
        Assert.Equal(F.IsSeed ? KasmErrorId.NotFound : KasmErrorId.InvalidRequest, gone!.ErrorId);
        Assert.Equal(F.IsSeed ? 404 : 400, gone.StatusCode);
        Assert.Equal("get_kasm_status", gone.Method);
    }

    // ---- WaitForSession ----

    [Theory]
    [InlineData("paused")]
    [InlineData("stopped")]
    [InlineData("deleting")]
    [InlineData("gone")]
    public void WaitForSession_fails_at_once_when_the_session_will_not_start(string status)
    {
        F.Emulator.Settings.SessionStartDelayMs = 600_000;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.SetSessionStatus(requested.KasmId, status);

        // A timeout would be KasmTimeout; the id proves the wait ended on the session's state instead.
        var ex = Assert.Throws<KasmApiException>(() => client.WaitForSession(requested, TimeSpan.FromSeconds(120),
            TimeSpan.FromMilliseconds(50), null, CancellationToken.None));

        Assert.Equal(KasmErrorId.SessionNotStarting, ex.ErrorId);
        Assert.Same(requested, ex.Result);
        if (status != "gone") Assert.Contains($"it is {status}", ex.Message, StringComparison.Ordinal);
        Assert.Equal(1, F.Count("get_kasm_status"));
    }

    [Fact]
    public void WaitForSession_on_an_unknown_version_still_follows_the_session_through_its_states()
    {
        // No Probe: the client does not know the server version (as with a key without System View).
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.SetSessionStatus(requested.KasmId, "provisioning");
        var seen = new List<string>();

        var session = client.WaitForSession(requested, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(20), p =>
        {
            seen.Add(p.Status);
            if (seen.Count == 2) F.Emulator.SetSessionStatus(requested.KasmId, "running");
        }, CancellationToken.None);

        Assert.Equal("running", session.Status);
        Assert.Equal(new[] { "provisioning", "provisioning", "running" }, seen);
    }

    [Fact]
    public void WaitForSession_reaches_running_with_a_link_and_its_token()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);

        var running = client.WaitForSession(requested, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), null, CancellationToken.None);

        Assert.Equal("running", running.Status);
        Assert.Equal(requested.KasmId, running.KasmId);
        Assert.Equal("user@kasm.local", running.UserName);
        Assert.False(string.IsNullOrEmpty(running.SessionToken));
        Assert.NotNull(running.KasmUrl);
        Assert.True(running.KasmUrl!.IsAbsoluteUri);
        Assert.Equal(F.Emulator.Url.GetLeftPart(UriPartial.Authority), running.KasmUrl.GetLeftPart(UriPartial.Authority));
        Assert.StartsWith("#/connect/kasm/", running.KasmUrl.Fragment, StringComparison.Ordinal);
        // The link and the token must belong together: the link ends with the login token.
        Assert.EndsWith("/" + running.SessionToken, running.KasmUrl.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForSession_already_running_on_first_poll_still_has_link_and_token()
    {
        F.Emulator.Settings.SessionStartDelayMs = 0;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        var reports = new List<SessionProgress>();

        var running = client.WaitForSession(requested, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), reports.Add, CancellationToken.None);

        Assert.Equal("running", Assert.Single(reports).Status);
        Assert.Equal(1, F.Count("get_kasm_status"));
        Assert.EndsWith("/" + running.SessionToken, running.KasmUrl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForSession_reports_progress_in_order_on_the_calling_thread()
    {
        // Each progress report moves the session one state on: the waits see every state, whatever the machine's speed.
        F.Emulator.Settings.SessionStartDelayMs = 600_000;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        var order = new[] { "requested", "provisioning", "assigned", "starting", "running" };
        F.Emulator.SetSessionStatus(requested.KasmId, order[0]);
        int next = 1;
        var reports = new List<(SessionProgress Progress, int Thread)>();

        var running = client.WaitForSession(requested, TimeSpan.FromSeconds(60), TimeSpan.FromMilliseconds(10), p =>
        {
            reports.Add((p, Environment.CurrentManagedThreadId));
            if (next < order.Length) F.Emulator.SetSessionStatus(requested.KasmId, order[next++]);
        }, CancellationToken.None);

        Assert.Equal("running", running.Status);
        Assert.All(reports, r => Assert.Equal(Environment.CurrentManagedThreadId, r.Thread));
        // 1.15 names the states through the owner's session list; the others in get_kasm_status itself.
        Assert.Equal(order, reports.Select(r => r.Progress.Status).ToArray());
        if (!F.Is115)
        {
            var percents = reports.Select(r => r.Progress.Percent ?? -1).ToList();
            Assert.DoesNotContain(-1, percents);
            Assert.Equal(percents.OrderBy(p => p), percents);
            Assert.Equal(100, percents.Last());
        }
    }

    [Fact]
    public void WaitForSession_times_out()
    {
        F.Emulator.Settings.SessionStartDelayMs = 20_000;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        var watch = Stopwatch.StartNew();

        var ex = Assert.Throws<KasmApiException>(() =>
            client.WaitForSession(requested, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(100), null, CancellationToken.None));

        watch.Stop();
        Assert.Equal(KasmErrorId.Timeout, ex.ErrorId);
        Assert.Equal(System.Management.Automation.ErrorCategory.OperationTimeout, ex.Category);
        Assert.Equal("get_kasm_status", ex.Method);
        Assert.Contains(requested.KasmId.ToString(), ex.Message, StringComparison.Ordinal);
        Assert.InRange(watch.ElapsedMilliseconds, 350, 15_000); // well before the 20 s start, room for a loaded machine
        Assert.True(F.Count("get_kasm_status") >= 2);
    }

    [Fact]
    public void WaitForSession_honours_cancellation_between_polls()
    {
        F.Emulator.Settings.SessionStartDelayMs = 120_000;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        using var cts = new CancellationTokenSource();
        var watch = Stopwatch.StartNew();
        int polls = 0;

        // Cancelled from the first poll's progress report, so the cancellation meets the 30 s wait between polls
        // (not a request, whatever the machine's speed).
        Assert.ThrowsAny<OperationCanceledException>(() =>
            client.WaitForSession(requested, TimeSpan.FromSeconds(90), TimeSpan.FromSeconds(30), _ => { polls++; cts.Cancel(); }, cts.Token));

        watch.Stop();
        Assert.Equal(1, polls);
        Assert.InRange(watch.ElapsedMilliseconds, 0, 15_000); // far from the 30 s poll interval
    }

    [Fact]
    public void WaitForSession_honours_cancellation_during_a_request()
    {
        F.Emulator.Settings.SessionStartDelayMs = 120_000;
        var client = Client(timeoutSec: 90);
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.AddFault(new FaultSpec { Method = "get_kasm_status", LatencyMs = 60_000 });
        using var cts = new CancellationTokenSource();
        // Cancelled once the server holds the poll (its in-flight count), so the cancellation meets a request.
        int before = F.Emulator.InFlight;
        var canceller = new Thread(() =>
        {
            var guard = Stopwatch.StartNew();
            while (F.Emulator.InFlight <= before && guard.Elapsed < TimeSpan.FromSeconds(20)) Thread.Sleep(10);
            cts.Cancel();
        });
        canceller.Start();
        var watch = Stopwatch.StartNew();

        var ex = Assert.ThrowsAny<OperationCanceledException>(() =>
            client.WaitForSession(requested, TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50), null, cts.Token));

        watch.Stop();
        canceller.Join();
        Assert.Equal(0, F.Count("get_kasm_status")); // the held poll was never answered
        Assert.InRange(watch.ElapsedMilliseconds, 0, 15_000); // far from the 60 s answer
    }

    // ---- get_kasms ----

    [Fact]
    public void GetSessions_no_sessions_is_empty()
    {
        Assert.Empty(Client().GetSessions(CancellationToken.None));
        Assert.Equal(1, F.Count("get_kasms"));
    }

    [Fact]
    public void GetSessions_maps_owner_image_and_server()
    {
        var client = Client();
        var chrome = Request(client, Chrome, PlainUser);
        var terminal = Request(client, Terminal, Admin);
        client.WaitForSession(chrome, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), null, CancellationToken.None);
        client.WaitForSession(terminal, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), null, CancellationToken.None);

        var all = client.GetSessions(CancellationToken.None).ToList();

        Assert.Equal(2, all.Count);
        var a = Assert.Single(all, s => s.KasmId == chrome.KasmId); // dashed (request_kasm) == hex (get_kasms)
        var b = Assert.Single(all, s => s.KasmId == terminal.KasmId);
        Assert.Equal("user@kasm.local", a.UserName);
        Assert.Equal("admin@kasm.local", b.UserName);
        Assert.Equal("Chrome", a.ImageName);
        Assert.Equal("Terminal", b.ImageName);
        Assert.Equal(Chrome, a.ImageId);
        Assert.Equal(PlainUser, a.UserId);
        Assert.Equal(SeedData.AgentHostname, a.ServerHostname);
        Assert.Equal("running", a.Status);
        Assert.Equal(SeedData.AgentServerId, a.ServerId);
        Assert.Same(client.Connection, a.Connection);
        // Unmodelled fields are kept.
        Assert.True(a.AdditionalProperties.ContainsKey("port_map"));
        Assert.Equal(SeedData.ZoneName, ((System.Management.Automation.PSObject)a.AdditionalProperties["server"]!).Properties["zone_name"].Value);
    }

    [Fact]
    public void GetSessions_server_fields_are_null_until_placed()
    {
        F.Emulator.Settings.SessionStartDelayMs = 20_000;
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);

        var listed = Assert.Single(client.GetSessions(CancellationToken.None));

        Assert.Equal(requested.KasmId, listed.KasmId);
        Assert.Null(listed.ServerHostname);
        Assert.Equal("user@kasm.local", listed.UserName);
        Assert.NotEqual("running", listed.Status);
    }

    [Fact]
    public void GetSessions_is_lazy_and_releases_the_response()
    {
        var client = Client();
        Request(client, Chrome, PlainUser);
        Request(client, Terminal, PlainUser);
        Request(client, Chrome, Admin);

        var first = client.GetSessions(CancellationToken.None).Take(1).ToList();
        Assert.Single(first);
        Assert.NotEqual(Guid.Empty, first[0].KasmId);

        // The answer is read as it is enumerated (docs/design.md#6-transport): open while enumerating, released (the
        // download stopped) when the enumeration is left. (Without -Debug: with it the body is read whole, to be shown.)
        using var connection = F.Connect("demo", 0, 10);
        var sequence = new KasmClient(connection, NullKasmLog.Instance).GetSessions(CancellationToken.None);
        ResponseStream? stream;
        using (var e = sequence.GetEnumerator())
        {
            Assert.True(e.MoveNext());
            stream = StreamOf(e);
            Assert.NotNull(stream);
            Assert.False(IsDisposed(stream!));
        }
        Assert.True(IsDisposed(stream));
        // What was mapped does not depend on the released answer: each object keeps its own item.
        Assert.NotNull(first[0].AdditionalProperties["port_map"]);
    }

    private static ResponseStream? StreamOf(object enumerator)
    {
        var response = enumerator.GetType().GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(f => f.FieldType == typeof(KasmResponse)).Select(f => f.GetValue(enumerator)).OfType<KasmResponse>().FirstOrDefault();
        Assert.NotNull(response);
        return response!.Stream;
    }

    private static bool IsDisposed(ResponseStream stream) =>
        (bool)typeof(ResponseStream).GetField("_disposed", BindingFlags.Instance | BindingFlags.NonPublic)!.GetValue(stream)!;

    // ---- destroy_kasm ----

    [Fact]
    public void DestroySession_sends_ids_and_the_session_goes_away()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        client.WaitForSession(requested, TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(50), null, CancellationToken.None);

        client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None);

        var body = Log.Single("destroy_kasm");
        Assert.Equal(Hex(requested.KasmId), (string?)body["kasm_id"]);
        Assert.Equal(Hex(PlainUser), (string?)body["user_id"]);
        var record = F.Emulator.State.Sessions.SingleOrDefault(s => s.KasmId == requested.KasmId);
        Assert.NotNull(record);
        Assert.NotNull(record!.DestroyRequested);

        Assert.Equal("deleting", client.GetSessions(CancellationToken.None).Single(s => s.KasmId == requested.KasmId).Status);
        F.Emulator.SetSessionStatus(requested.KasmId, "gone"); // the deletion finishes
        Assert.DoesNotContain(F.Emulator.State.Sessions, s => s.KasmId == requested.KasmId);
        Assert.DoesNotContain(client.GetSessions(CancellationToken.None), s => s.KasmId == requested.KasmId);
    }

    [Fact]
    public void DestroySession_without_user_looks_the_owner_up_first()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);

        client.DestroySession(requested.KasmId, null, CancellationToken.None);

        var body = Log.Single("destroy_kasm");
        Assert.Equal(Hex(PlainUser), (string?)body["user_id"]);
        Assert.Equal(Hex(requested.KasmId), (string?)body["kasm_id"]);
        Assert.Equal(new[] { "request_kasm", "get_kasm", "destroy_kasm" }, F.Methods());
        Assert.NotNull(F.Emulator.State.Sessions.Single(s => s.KasmId == requested.KasmId).DestroyRequested);
    }

    [Fact]
    public void DestroySession_without_user_key_that_cannot_look_the_owner_up_sends_no_destroy()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        var narrow = Client("imagesonly");

        var ex = Assert.Throws<KasmApiException>(() => narrow.DestroySession(requested.KasmId, null, CancellationToken.None));

        Assert.Contains(ex.ErrorId, new[] { KasmErrorId.Unauthorized, KasmErrorId.Forbidden });
        Assert.Contains("-UserId", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, F.Count("destroy_kasm"));
        Assert.Null(F.Emulator.State.Sessions.Single().DestroyRequested);
    }

    [Fact]
    public void DestroySession_twice_is_accepted_on_real_servers()
    {
        var client = Client();
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.Settings.DestroyDelayMs = 60_000;
        client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None);

        if (F.IsSeed)
        {
            var ex = Assert.Throws<KasmApiException>(() => client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None));
            Assert.Equal(BusinessErrorId, ex.ErrorId);
            Assert.Equal("destroy_kasm", ex.Method);
        }
        else
        {
            client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None);
            Assert.Equal(2, F.Count("destroy_kasm"));
        }
    }

    [Fact]
    public void DestroySession_resent_after_the_first_send_ended_it_is_a_success()
    {
        var client = Client(retries: 2);
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.Settings.DestroyDelayMs = 0; // ended at once: the resend meets an id Kasm no longer knows (400)
        F.Emulator.AddFault(new Kasm.Emulator.Faults.FaultSpec { Method = "destroy_kasm", Status = 503, Count = 1, AfterProcessing = true });

        client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None);

        Assert.Equal(2, F.Count("destroy_kasm"));
        Assert.Contains(F.Emulator.RequestLog, e => e.Method == "destroy_kasm" && e.Status == (F.IsSeed ? 404 : 400));
        Assert.Empty(F.Emulator.State.Sessions);
    }

    [Fact]
    public void DestroySession_of_a_session_that_is_gone_is_still_an_error()
    {
        var client = Client(retries: 2);
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.SetSessionStatus(requested.KasmId, "gone");

        var ex = Assert.Throws<KasmApiException>(() => client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None));

        Assert.Equal(F.IsSeed ? 404 : 400, ex.StatusCode);
        Assert.Equal(1, F.Count("destroy_kasm"));
    }

    [Fact]
    public void DestroySession_without_user_of_an_unknown_session_is_item_not_found()
    {
        var client = Client();

        var ex = Assert.Throws<KasmApiException>(() => client.DestroySession(Guid.NewGuid(), null, CancellationToken.None));

        Assert.Equal(KasmErrorId.ItemNotFound, ex.ErrorId);
        Assert.Equal(0, F.Count("destroy_kasm"));
    }

    [Fact]
    public void DestroySession_is_resent_after_a_transient_fault()
    {
        var client = Client(retries: 2);
        var requested = Request(client, Chrome, PlainUser);
        F.Emulator.AddFault(new Kasm.Emulator.Faults.FaultSpec { Method = "destroy_kasm", Status = 503, Count = 1 });

        client.DestroySession(requested.KasmId, PlainUser, CancellationToken.None);

        Assert.Equal(2, F.Count("destroy_kasm"));
        Assert.NotNull(F.Emulator.State.Sessions.Single().DestroyRequested);
    }
}

public sealed class SessionOperations115Tests : SessionOperationsTests<Kasm115Fixture> { public SessionOperations115Tests(Kasm115Fixture f) : base(f) { } }
public sealed class SessionOperations119Tests : SessionOperationsTests<Kasm119Fixture> { public SessionOperations119Tests(Kasm119Fixture f) : base(f) { } }
public sealed class SessionOperationsSeedTests : SessionOperationsTests<SeedFixture> { public SessionOperationsSeedTests(SeedFixture f) : base(f) { } }
