#nullable enable
using Xunit;
using System.Management.Automation;
using Kasm.Client;
using Kasm.Emulator.Auth;

namespace Kasm.Tests.Client;

/// <summary>
/// Credential failures per emulator profile (docs/kasm-api.md#transport-and-authentication / docs/design.md): the ErrorIds a user meets, Basic
/// authentication, Connect's probe, and that no secret reaches a log line or an exception.
/// </summary>
public abstract class AuthenticationTests<TFixture> where TFixture : EmulatorFixture
{
    private readonly TFixture _f;
    private readonly RecordingLog _log = new();

    protected AuthenticationTests(TFixture fixture)
    {
        _f = fixture;
        _f.Quiet();
    }

    protected abstract string WrongSecretId { get; }
    protected abstract string MissingPermissionId { get; }
    protected abstract bool AcceptsBasic { get; }

    private IEnumerable<string> AllSecrets => _f.Emulator.Keys.Select(k => k.ApiKeySecret).Append(WrongSecret);
    private const string WrongSecret = "WrongSecret000000000000000000099";

    private KasmApiException Fails(Action action)
    {
        var ex = Assert.Throws<KasmApiException>(action);
        NoSecretAnywhere(ex);
        return ex;
    }

    private void NoSecretAnywhere(Exception? ex = null)
    {
        string text = ex == null ? "" : Secrets.Describe(ex);
        foreach (var secret in AllSecrets)
        {
            Assert.DoesNotContain(secret, text);
            Assert.All(_log.AllLines, l => Assert.DoesNotContain(secret, l));
        }
    }

    private KasmClient Client(KasmConnection c) => new(c, _log);

    [Fact]
    public void Wrong_secret()
    {
        using var c = _f.Connect(configure: s => s.ApiKeySecret = Secrets.Secure(WrongSecret));
        var ex = Fails(() => Client(c).GetSystemInfo(CancellationToken.None));
        Assert.Equal(WrongSecretId, ex.ErrorId);
        Assert.Equal("system_info", ex.Method);
        Assert.Equal("System View", ex.RequiredPermission);
        Assert.Contains(_log.DebugLines, l => l.Contains("\"api_key_secret\":\"***\""));
    }

    [Fact]
    public void Expired_key_is_KasmUnauthorized()
    {
        using var c = _f.Connect("expired");
        var ex = Fails(() => Client(c).GetImages(CancellationToken.None).ToList());
        Assert.Equal(KasmErrorId.Unauthorized, ex.ErrorId);
        Assert.Equal(ErrorCategory.AuthenticationError, ex.Category);
        Assert.Equal(401, ex.StatusCode);
    }

    [Fact]
    public void Read_only_key_on_update_image_is_KasmUnauthorized()
    {
        using var c = _f.Connect("readonly");
        var ex = Fails(() => Client(c).UpdateImage(new Guid("01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b"),
            new Dictionary<string, object?> { ["cores"] = 3.0 }, CancellationToken.None));
        Assert.Equal(KasmErrorId.Unauthorized, ex.ErrorId);
        Assert.Equal("update_image", ex.Method);
        Assert.Contains("this method changes something", ex.Message);
        // The read itself works with the same key.
        Assert.NotEmpty(Client(c).GetImages(CancellationToken.None));
    }

    [Fact]
    public void Images_only_key_on_system_info_is_the_profile_s_missing_permission_id()
    {
        using var c = _f.Connect("imagesonly");
        var ex = Fails(() => Client(c).GetSystemInfo(CancellationToken.None));
        Assert.Equal(MissingPermissionId, ex.ErrorId);
        Assert.Contains("'System View'", ex.Message);
        Assert.NotEmpty(Client(c).GetImages(CancellationToken.None));
    }

    [Fact]
    public void Basic_authentication()
    {
        using var c = _f.Connect(configure: s => s.Authentication = KasmAuthentication.Basic);
        var client = Client(c);
        if (AcceptsBasic)
        {
            Assert.NotEmpty(client.GetImages(CancellationToken.None));
            // The secret went in a header, not in the body.
            Assert.Contains(_log.DebugLines, l => l.Contains("Basic authentication") && !l.Contains("api_key_secret"));
        }
        else
        {
            // 1.15 never reads Authorization: the request has no credentials at all (400 Invalid Request).
            var ex = Fails(() => client.GetImages(CancellationToken.None).ToList());
            Assert.Equal(KasmErrorId.InvalidRequest, ex.ErrorId);
            Assert.Equal(400, ex.StatusCode);
        }
        NoSecretAnywhere();
    }

    [Fact]
    public void Probe_with_basic_against_a_server_that_ignores_it_says_so()
    {
        using var c = _f.Connect(configure: s => s.Authentication = KasmAuthentication.Basic);
        if (AcceptsBasic)
        {
            Assert.Null(Client(c).Probe(CancellationToken.None));
            return;
        }
        var ex = Fails(() => Client(c).Probe(CancellationToken.None));
        Assert.Equal(KasmErrorId.InvalidRequest, ex.ErrorId);
        Assert.Equal(400, ex.StatusCode);
        Assert.Contains("-Authentication Body", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Basic", ex.Message, StringComparison.Ordinal);
        NoSecretAnywhere();
    }

    [Fact]
    public void Probe_with_a_good_key_reads_the_version()
    {
        using var c = _f.Connect();
        var warning = Client(c).Probe(CancellationToken.None);
        Assert.Null(warning);
        Assert.NotNull(c.BuildId);
        Assert.Equal(KasmValue.ParseBuildVersion(c.BuildId), c.ServerVersion);
        Assert.Equal(_f.Emulator.Profile == "kasm-1.19" ? new Version(1, 19, 0) : new Version(1, 15, 0), c.ServerVersion);
    }

    [Fact]
    public void Probe_warns_for_a_key_without_System_View()
    {
        using var c = _f.Connect("imagesonly");
        var warning = Client(c).Probe(CancellationToken.None);
        Assert.NotNull(warning);
        Assert.Contains("System View", warning);
        Assert.Contains(_f.Key("imagesonly").ApiKey, warning);
        Assert.Null(c.ServerVersion);
        NoSecretAnywhere();
        Assert.DoesNotContain(_f.Key("imagesonly").ApiKeySecret, warning);
    }

    [Fact]
    public void Probe_throws_for_a_wrong_secret()
    {
        using var c = _f.Connect(configure: s => s.ApiKeySecret = Secrets.Secure(WrongSecret));
        var ex = Fails(() => Client(c).Probe(CancellationToken.None));
        Assert.Equal(WrongSecretId, ex.ErrorId);
        Assert.Contains("rejected the API key", ex.Message);
        Assert.Contains(_f.Key("demo").ApiKey, ex.Message);
    }

    [Fact]
    public void Probe_throws_for_an_expired_key()
    {
        using var c = _f.Connect("expired");
        var ex = Fails(() => Client(c).Probe(CancellationToken.None));
        Assert.Equal(KasmErrorId.Unauthorized, ex.ErrorId);
    }

    [Fact]
    public void Unknown_key_is_the_wrong_secret_id()
    {
        using var c = _f.Connect(configure: s => s.ApiKey = "NoSuchKey001");
        var ex = Fails(() => Client(c).GetImages(CancellationToken.None).ToList());
        Assert.Equal(WrongSecretId, ex.ErrorId);
    }
}

public class AuthenticationTests115 : AuthenticationTests<Kasm115Fixture>, IClassFixture<Kasm115Fixture>
{
    public AuthenticationTests115(Kasm115Fixture f) : base(f) { }
    protected override string WrongSecretId => KasmErrorId.Forbidden;
    protected override string MissingPermissionId => KasmErrorId.Unauthorized;
    protected override bool AcceptsBasic => false;
}

public class AuthenticationTests119 : AuthenticationTests<Kasm119Fixture>, IClassFixture<Kasm119Fixture>
{
    public AuthenticationTests119(Kasm119Fixture f) : base(f) { }
    protected override string WrongSecretId => KasmErrorId.Forbidden;
    protected override string MissingPermissionId => KasmErrorId.Forbidden;
    protected override bool AcceptsBasic => false;
}

public class AuthenticationTestsSeed : AuthenticationTests<SeedFixture>, IClassFixture<SeedFixture>
{
    public AuthenticationTestsSeed(SeedFixture f) : base(f) { }
    protected override string WrongSecretId => KasmErrorId.Unauthorized;
    protected override string MissingPermissionId => KasmErrorId.Forbidden;
    protected override bool AcceptsBasic => true;
}
