#nullable enable
using Xunit;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security;
using Kasm.Client;
using Kasm.Emulator.Auth;
using Kasm.Emulator.Control;
using Kasm.Emulator.Hosting;

namespace Kasm.Tests.Client;

/// <summary>An IKasmLog that keeps every line, with Debug on, so tests can look for leaked secrets.</summary>
internal sealed class RecordingLog : IKasmLog
{
    public ConcurrentQueue<string> VerboseLines { get; } = new();
    public ConcurrentQueue<string> DebugLines { get; } = new();
    public bool IsDebugEnabled { get; set; } = true;

    public void Verbose(string message) => VerboseLines.Enqueue(message);
    public void Debug(string message) => DebugLines.Enqueue(message);

    public IEnumerable<string> AllLines => VerboseLines.Concat(DebugLines);
}

internal static class Secrets
{
    public static SecureString Secure(string text)
    {
        var s = new SecureString();
        foreach (char c in text) s.AppendChar(c);
        s.MakeReadOnly();
        return s;
    }

    /// <summary>Every message in an exception chain, plus its ToString (stack and all).</summary>
    public static string Describe(Exception ex)
    {
        var parts = new List<string> { ex.ToString() };
        for (var e = ex; e != null; e = e.InnerException) parts.Add(e.Message);
        if (ex is KasmApiException k && k.ServerMessage != null) parts.Add(k.ServerMessage);
        return string.Join("\n", parts);
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    public static int ClosedPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

