#nullable enable
using Xunit;
using Kasm.Client;

namespace Kasm.Tests.Client;

public class ConnectionSettingsTests : IClassFixture<Kasm115Fixture>
{
    private readonly Kasm115Fixture _f;

    public ConnectionSettingsTests(Kasm115Fixture f)
    {
        _f = f;
        _f.Quiet();
    }

    [Theory]
    [InlineData("kasm.example.com", "https://kasm.example.com/")]
    [InlineData("kasm.example.com:8443", "https://kasm.example.com:8443/")]
    [InlineData("  kasm.example.com  ", "https://kasm.example.com/")]
    [InlineData("https://kasm.example.com/api", "https://kasm.example.com/")]
    [InlineData("https://kasm.example.com/api/", "https://kasm.example.com/")]
    [InlineData("kasm.example.com/API", "https://kasm.example.com/")]
    [InlineData("https://kasm.example.com:8443/kasm/api/", "https://kasm.example.com:8443/kasm/")]
    [InlineData("https://kasm.example.com/kasm", "https://kasm.example.com/kasm/")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080/")]
    [InlineData("HTTPS://Kasm.Example.com", "https://kasm.example.com/")]
    public void ParseServer_normalises(string given, string expected) =>
        Assert.Equal(new Uri(expected), ConnectionSettings.ParseServer(given));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://kasm.example.com")]
    [InlineData("https://")]
    [InlineData("https://kasm.example.com/?x=1")]
    [InlineData("https://kasm.example.com/#frag")]
    [InlineData("kasm example com")]
    [InlineData("file:///etc/passwd")]
    public void ParseServer_rejects_junk(string? given) =>
        Assert.Throws<ArgumentException>(() => ConnectionSettings.ParseServer(given));

    [Theory]
    [InlineData("not-a-thumbprint")]
    [InlineData("ABCDEF")]
    [InlineData("0123456789012345678901234567890123456789AB")]
    public void CreateConnection_rejects_a_bad_thumbprint_before_any_request(string thumbprint)
    {
        var settings = _f.Settings();
        settings.CertificateThumbprint = new[] { _f.Emulator.CertificateThumbprint, thumbprint };
        var ex = Assert.Throws<ArgumentException>(() => settings.CreateConnection());
        Assert.Contains(thumbprint, ex.Message);
        Assert.Empty(_f.Emulator.RequestLog);
    }

    [Fact]
    public void CreateConnection_rejects_missing_or_malformed_credentials()
    {
        var noKey = _f.Settings(); noKey.ApiKey = " ";
        Assert.Throws<ArgumentException>(() => noKey.CreateConnection());
        var noSecret = _f.Settings(); noSecret.ApiKeySecret = null;
        var ex = Assert.Throws<ArgumentException>(() => noSecret.CreateConnection());
        Assert.Contains("KASM_API_KEY_SECRET", ex.Message);
        var colon = _f.Settings(); colon.ApiKey = "Demo:Key";
        Assert.Throws<ArgumentException>(() => colon.CreateConnection());
        var timeout = _f.Settings(); timeout.TimeoutSec = 0;
        Assert.Throws<ArgumentException>(() => timeout.CreateConnection());
        Assert.Empty(_f.Emulator.RequestLog);
    }

    [Fact]
    public void CreateConnection_keeps_the_settings()
    {
        var s = _f.Settings();
        s.MaximumRetryCount = -3;
        s.RetryIntervalSec = 0.25;
        s.TimeoutSec = 7;
        s.Authentication = KasmAuthentication.Basic;
        using var c = s.CreateConnection();
        Assert.Equal(0, c.MaximumRetryCount);
        Assert.Equal(0.25, c.RetryIntervalSec);
        Assert.Equal(7, c.TimeoutSec);
        Assert.Equal(KasmAuthentication.Basic, c.Authentication);
        Assert.Equal(_f.Emulator.Url, c.Server);
        Assert.Equal(new[] { _f.Emulator.CertificateThumbprint }, c.CertificateThumbprint);
        Assert.True(c.IsConnected);
    }

    [Fact]
    public void FillFromEnvironment_reads_the_three_variables_only_when_nothing_was_given()
    {
        var env = new Dictionary<string, string?>
        {
            ["KASM_SERVER"] = "env.example.com", ["KASM_API_KEY"] = "EnvKey000001", ["KASM_API_KEY_SECRET"] = "EnvSecret",
        };
        var s = new ConnectionSettings();
        s.FillFromEnvironment(n => env.GetValueOrDefault(n));
        Assert.Equal("env.example.com", s.Server);
        Assert.Equal("EnvKey000001", s.ApiKey);
        Assert.Equal(9, s.ApiKeySecret!.Length);
        using (var c = s.CreateConnection()) Assert.True(c.SecretEquals("EnvSecret"));

        var given = new ConnectionSettings { Server = "given.example.com", ApiKey = "GivenKey0001", ApiKeySecret = Secrets.Secure("given") };
        given.FillFromEnvironment(n => env.GetValueOrDefault(n));
        Assert.Equal("given.example.com", given.Server);
        Assert.Equal("GivenKey0001", given.ApiKey);
        Assert.Equal(5, given.ApiKeySecret!.Length);
    }
}
