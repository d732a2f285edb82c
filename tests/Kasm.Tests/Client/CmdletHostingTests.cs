#nullable enable
using Xunit;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Kasm.Client;
using Kasm.Models;

namespace Kasm.Tests.Client;

/// <summary>The cmdlets hosted in-process (Microsoft.PowerShell.SDK) against the emulator over HTTPS.</summary>
public class CmdletHostingTests : IClassFixture<Kasm115Fixture>
{
    private static readonly Lazy<InitialSessionState> State = new(() =>
    {
        var iss = InitialSessionState.CreateDefault2();
        // The Kasm.dll the tests compile against, so output types are the very types asserted on.
        iss.ImportPSModule(new[] { Path.Combine(AppContext.BaseDirectory, "Kasm.dll") });
        return iss;
    });

    private readonly Kasm115Fixture _f;

    public CmdletHostingTests(Kasm115Fixture f)
    {
        _f = f;
        _f.Quiet();
    }

    private static Runspace Open()
    {
        var rs = RunspaceFactory.CreateRunspace(State.Value);
        rs.Open();
        return rs;
    }

    private static PowerShell Shell(Runspace rs)
    {
        var ps = PowerShell.Create();
        ps.Runspace = rs;
        return ps;
    }

    private Collection<PSObject> Connect(PowerShell ps, string keyName = "demo", string? secret = null)
    {
        var key = _f.Key(keyName);
        ps.Commands.Clear();
        ps.AddCommand("Connect-Kasm")
            .AddParameter("Server", _f.Emulator.Url.ToString())
            .AddParameter("ApiKey", key.ApiKey)
            .AddParameter("ApiKeySecret", Secrets.Secure(secret ?? key.ApiKeySecret))
            .AddParameter("CertificateThumbprint", new[] { _f.Emulator.CertificateThumbprint })
            .AddParameter("RetryIntervalSec", 0.01)
            .AddParameter("TimeoutSec", 10);
        return ps.Invoke();
    }

    private static Collection<PSObject> Run(PowerShell ps, string command, IDictionary<string, object>? parameters = null)
    {
        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddCommand(command);
        if (parameters != null) ps.AddParameters((System.Collections.IDictionary)parameters);
        return ps.Invoke();
    }

    [Fact]
    public void Connect_then_Get_KasmImage_gives_typed_objects_carrying_the_connection()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        var connected = Connect(ps);
        Assert.Empty(ps.Streams.Error);
        var connection = Assert.IsType<KasmConnection>(Assert.Single(connected).BaseObject);
        Assert.Equal(new Version(1, 15, 0), connection.ServerVersion);

        var images = Run(ps, "Get-KasmImage");
        Assert.Empty(ps.Streams.Error);
        Assert.True(images.Count >= 5, $"{images.Count} images");
        foreach (var o in images)
        {
            var image = Assert.IsType<KasmImage>(o.BaseObject);
            Assert.NotEqual(Guid.Empty, image.ImageId);
            Assert.Same(connection, image.Connection);
        }

        var chrome = Run(ps, "Get-KasmImage", new Dictionary<string, object> { ["Name"] = "Chr*" });
        Assert.Equal("Chrome", Assert.IsType<KasmImage>(Assert.Single(chrome).BaseObject).FriendlyName);

        var byId = Run(ps, "Get-KasmImage", new Dictionary<string, object> { ["ImageId"] = "01a6c1f2-b3d4-4e5f-8a9b-0c1d2e3f4a5b" });
        Assert.Equal(new Guid("01a6c1f2b3d44e5f8a9b0c1d2e3f4a5b"), Assert.IsType<KasmImage>(Assert.Single(byId).BaseObject).ImageId);
    }

    [Fact]
    public void Unmatched_literal_name_is_a_non_terminating_KasmItemNotFound()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        Connect(ps);
        var found = Run(ps, "Get-KasmImage", new Dictionary<string, object> { ["Name"] = new[] { "NoSuchImage", "Terminal" } });
        Assert.Equal("Terminal", Assert.IsType<KasmImage>(Assert.Single(found).BaseObject).FriendlyName);
        var error = Assert.Single(ps.Streams.Error);
        Assert.Equal("KasmItemNotFound,Kasm.Cmdlets.GetKasmImageCommand", error.FullyQualifiedErrorId);
        Assert.Equal("NoSuchImage", error.TargetObject);
    }

    [Fact]
    public void Not_connected_is_a_terminating_KasmNotConnected()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        var ex = Assert.ThrowsAny<RuntimeException>(() => Run(ps, "Get-KasmImage"));
        Assert.Equal("KasmNotConnected,Kasm.Cmdlets.GetKasmImageCommand", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Equal(ErrorCategory.ConnectionError, ex.ErrorRecord.CategoryInfo.Category);
        Assert.Empty(_f.Calls("get_images"));
    }

    [Fact]
    public void Two_runspaces_do_not_share_the_default_connection()
    {
        using var rs1 = Open();
        using var rs2 = Open();
        using var ps1 = Shell(rs1);
        using var ps2 = Shell(rs2);
        Connect(ps1);

        Run(ps2, "Get-KasmConnection");
        Assert.Equal("KasmNotConnected,Kasm.Cmdlets.GetKasmConnectionCommand", Assert.Single(ps2.Streams.Error).FullyQualifiedErrorId);
        var ex = Assert.ThrowsAny<RuntimeException>(() => Run(ps2, "Get-KasmImage"));
        Assert.Equal("KasmNotConnected,Kasm.Cmdlets.GetKasmImageCommand", ex.ErrorRecord.FullyQualifiedErrorId);

        Assert.NotEmpty(Run(ps1, "Get-KasmImage"));
        Assert.Single(Run(ps1, "Get-KasmConnection"));

        // A second connection in rs2 is rs2's own; rs1's default stays.
        Connect(ps2, "readonly");
        var c1 = Assert.IsType<KasmConnection>(Assert.Single(Run(ps1, "Get-KasmConnection")).BaseObject);
        var c2 = Assert.IsType<KasmConnection>(Assert.Single(Run(ps2, "Get-KasmConnection")).BaseObject);
        Assert.Equal(_f.Key("demo").ApiKey, c1.ApiKey);
        Assert.Equal(_f.Key("readonly").ApiKey, c2.ApiKey);
    }

    [Fact]
    public void Explicit_Connection_parameter_works_in_another_runspace()
    {
        using var rs1 = Open();
        using var rs2 = Open();
        using var ps1 = Shell(rs1);
        using var ps2 = Shell(rs2);
        var connection = Assert.Single(Connect(ps1)).BaseObject;
        var images = Run(ps2, "Get-KasmImage", new Dictionary<string, object> { ["Connection"] = connection });
        Assert.NotEmpty(images);
        Assert.Empty(ps2.Streams.Error);
    }

    [Fact]
    public void Connect_with_a_wrong_secret_stops_the_script_and_keeps_the_earlier_default()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        var first = Assert.Single(Connect(ps));

        // A failed connect is terminating, so a runbook cannot carry on against the earlier connection by accident.
        var thrown = Assert.ThrowsAny<RuntimeException>(() => Connect(ps, secret: "WrongSecret000000000000000000099"));
        Assert.Equal("KasmForbidden,Kasm.Cmdlets.ConnectKasmCommand", thrown.ErrorRecord.FullyQualifiedErrorId);
        Assert.DoesNotContain("WrongSecret000000000000000000099", thrown.ErrorRecord.ToString());

        var now = Assert.Single(Run(ps, "Get-KasmConnection"));
        Assert.Same(first.BaseObject, now.BaseObject);
        Assert.Single(Run(ps, "Get-KasmConnection", new Dictionary<string, object> { ["All"] = true }));
    }

    [Fact]
    public void Connect_with_a_key_lacking_System_View_warns_and_connects()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        var result = Connect(ps, "imagesonly");
        Assert.Single(result);
        Assert.Empty(ps.Streams.Error);
        Assert.Contains(ps.Streams.Warning, w => w.Message.Contains("System View"));
    }

    [Fact]
    public void Connect_with_a_bad_thumbprint_is_KasmInvalidArgument_before_any_request()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        var key = _f.Key("demo");
        ps.AddCommand("Connect-Kasm").AddParameter("Server", _f.Emulator.Url.ToString()).AddParameter("ApiKey", key.ApiKey)
            .AddParameter("ApiKeySecret", Secrets.Secure(key.ApiKeySecret)).AddParameter("CertificateThumbprint", new[] { "nope" });
        var ex = Assert.ThrowsAny<RuntimeException>(() => ps.Invoke());
        Assert.Equal("KasmInvalidArgument,Kasm.Cmdlets.ConnectKasmCommand", ex.ErrorRecord.FullyQualifiedErrorId);
        Assert.Empty(_f.Emulator.RequestLog);
    }

    [Fact]
    public void Verbose_debug_and_json_never_show_the_secret()
    {
        string secret = _f.Key("demo").ApiKeySecret;
        using var rs = Open();
        using var ps = Shell(rs);
        Connect(ps);
        ps.Commands.Clear();
        ps.Streams.ClearStreams();
        ps.AddCommand("Get-KasmImage").AddParameter("Verbose").AddParameter("Debug");
        Assert.NotEmpty(ps.Invoke());
        Assert.Contains(ps.Streams.Verbose, v => v.Message.StartsWith("POST /api/public/get_images -> 200"));
        Assert.Contains(ps.Streams.Debug, d => d.Message.Contains("\"api_key_secret\":\"***\""));
        Assert.All(ps.Streams.Verbose, v => Assert.DoesNotContain(secret, v.Message));
        Assert.All(ps.Streams.Debug, d => Assert.DoesNotContain(secret, d.Message));

        ps.Commands.Clear();
        ps.AddScript("Get-KasmConnection | ConvertTo-Json -Depth 3 -WarningAction SilentlyContinue; (Get-KasmConnection | Format-List * | Out-String)");
        var texts = ps.Invoke().Select(o => o.ToString()).ToList();
        Assert.Equal(2, texts.Count);
        Assert.Contains(_f.Key("demo").ApiKey, texts[0]);
        Assert.All(texts, t => Assert.DoesNotContain(secret, t));
    }

    [Fact]
    public void Invoke_KasmApi_refuses_credentials_in_the_body_and_returns_objects()
    {
        using var rs = Open();
        using var ps = Shell(rs);
        Connect(ps);
        var result = Run(ps, "Invoke-KasmApi", new Dictionary<string, object> { ["Method"] = "admin/system_info" });
        var info = Assert.Single(result);
        Assert.NotNull(info.Properties["system_info"]);

        Run(ps, "Invoke-KasmApi", new Dictionary<string, object>
        {
            ["Method"] = "get_images", ["Body"] = new System.Collections.Hashtable { ["api_key_secret"] = "x" },
        });
        Assert.Equal("KasmInvalidArgument,Kasm.Cmdlets.InvokeKasmApiCommand", Assert.Single(ps.Streams.Error).FullyQualifiedErrorId);
    }
}
