using Kasm.Client;
using Xunit;

namespace Kasm.Tests.Client;

/// <summary>Test-KasmApiKey's logic (docs/kasm-api.md#test-kasmapikey): the probes, how an answer is read, and the per-cmdlet findings.</summary>
public class KeyCheckTests
{
    [Fact]
    public void ProbedMethods_are_endpoints_the_map_names_Test_KasmApiKey_for()
    {
        foreach (var method in KasmClient.ProbedMethods)
        {
            Assert.Contains(KasmEndpoints.All, e => e.Name == method);
            Assert.Contains("Test-KasmApiKey", KasmEndpointCmdlets.Of(method));
        }
        foreach (var method in KasmEndpointCmdlets.Methods)
            Assert.Equal(KasmClient.ProbedMethods.Contains(method), KasmEndpointCmdlets.Of(method).Contains("Test-KasmApiKey"));
    }

    [Fact]
    public void ProbedMethods_never_include_a_method_an_empty_request_may_act_on()
    {
        foreach (var method in new[] { "request_kasm", "destroy_kasm", "pause_kasm", "stop_kasm", "logout_user", "get_login", "join_kasm", "keepalive", "exec_command_kasm", "create_kasm_share_id" })
            Assert.DoesNotContain(method, KasmClient.ProbedMethods);
    }

    [Theory]
    [InlineData(KasmErrorId.Unauthorized, 401, false)]
    [InlineData(KasmErrorId.Forbidden, 403, false)]
    [InlineData(KasmErrorId.ApiError, 200, true)]
    [InlineData(KasmErrorId.InvalidRequest, 400, true)]
    [InlineData(KasmErrorId.NotFound, 404, true)]
    [InlineData(KasmErrorId.ServerError, 500, null)]
    public void ProbeOutcome_reads_the_status(string errorId, int status, bool? allowed) =>
        Assert.Equal(allowed, KasmClient.ProbeOutcome(new KasmApiException(errorId, "x", "m", status)));

    private static Dictionary<string, bool?> All(bool value) => KasmClient.ProbedMethods.ToDictionary(m => m, m => (bool?)value);

    [Fact]
    public void CheckCmdlets_names_the_permission_of_each_refused_method_and_parameter()
    {
        var probes = All(false);
        probes["get_images"] = true;
        var checks = KasmClient.CheckCmdlets(probes).ToDictionary(c => c.Cmdlet!);
        Assert.True(checks["Get-KasmImage"].CanRun);
        Assert.Null(checks["Get-KasmImage"].Needs);
        Assert.False(checks["Get-KasmUser"].CanRun);
        Assert.Equal("Users View; -UserId: Users View", checks["Get-KasmUser"].Needs);
        Assert.Equal(new[] { "get_users", "get_user" }, checks["Get-KasmUser"].Refused);
        Assert.Equal("Users View", checks["Get-KasmUser"].Reason);
        Assert.Equal("not probed (request_kasm)", checks["New-KasmSession"].Reason);
        // request_kasm has no probe: not known, and why.
        Assert.Null(checks["New-KasmSession"].CanRun);
        Assert.Contains("not probed (request_kasm)", checks["New-KasmSession"].Needs);
        Assert.DoesNotContain("Test-KasmApiKey", checks.Keys);
    }

    [Fact]
    public void CheckCmdlets_tells_a_read_only_key_from_missing_permissions()
    {
        var probes = All(true);
        foreach (var m in KasmClient.ProbedMethods.Where(m => !KasmEndpoints.Resolve(m).ReadOnly)) probes[m] = false;
        var checks = KasmClient.CheckCmdlets(probes).ToDictionary(c => c.Cmdlet!);
        Assert.Equal("a key that is not read-only", checks["New-KasmUser"].Needs);
        Assert.True(checks["Add-KasmGroupMember"].CanRun);

        // The same refusals without the read-only sign (add_user_group refused too) name the permissions.
        probes["add_user_group"] = false;
        probes["update_user_attributes"] = false;
        checks = KasmClient.CheckCmdlets(probes).ToDictionary(c => c.Cmdlet!);
        Assert.Equal("Users Create", checks["New-KasmUser"].Needs);
    }
}
