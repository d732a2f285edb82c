#nullable enable
using Xunit;
using System.Collections.Concurrent;
using System.Security;
using System.Text.Json.Nodes;
using Kasm.Client;
using Kasm.Emulator.Hosting;

namespace Kasm.Tests.Operations;

/// <summary>
/// Keeps the client's Debug lines, which hold each request body (secrets masked), so tests can see what was sent.
/// The emulator's request log records methods and statuses, not bodies.
/// </summary>
internal sealed class BodyLog : IKasmLog
{
    private readonly ConcurrentQueue<string> _debug = new();

    public void Verbose(string message) { }
    public void Debug(string message) => _debug.Enqueue(message);
    public bool IsDebugEnabled => true;

    /// <summary>The bodies sent to <paramref name="method"/>, in order.</summary>
    public List<JsonObject> Bodies(string method)
    {
        string prefix = $"Request to {method} (";
        var result = new List<JsonObject>();
        foreach (var line in _debug.Where(l => l.StartsWith(prefix, StringComparison.Ordinal)))
        {
            int start = line.IndexOf("): ", StringComparison.Ordinal);
            result.Add((JsonObject)JsonNode.Parse(line.Substring(start + 3))!);
        }
        return result;
    }

    public JsonObject Single(string method) => Assert.Single(Bodies(method));
}

/// <summary>Shared plumbing of the operation tests: a fresh emulator per test and connections that get disposed.</summary>
public abstract class OpsTestBase<TFixture> : IClassFixture<TFixture>, IDisposable where TFixture : EmulatorFixture
{
    private readonly List<KasmConnection> _connections = new();

    protected OpsTestBase(TFixture fixture)
    {
        F = fixture;
        F.Fresh();
    }

    protected TFixture F { get; }
    internal BodyLog Log { get; } = new();

    internal KasmClient Client(string keyName = "demo", int retries = 0, int timeoutSec = 10)
    {
        var connection = F.Connect(keyName, retries, timeoutSec);
        _connections.Add(connection);
        return new KasmClient(connection, Log);
    }

    protected static string Hex(Guid id) => id.ToString("N");

    protected static string[] Keys(JsonObject o) => o.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToArray();

    protected static string[] Sorted(params string[] keys) => keys.OrderBy(k => k, StringComparer.Ordinal).ToArray();

    public void Dispose()
    {
        foreach (var c in _connections) c.Dispose();
        GC.SuppressFinalize(this);
    }
}
