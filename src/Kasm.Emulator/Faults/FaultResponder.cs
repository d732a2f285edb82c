using System.Text.Json.Nodes;
using Kasm.Emulator.Api;

namespace Kasm.Emulator.Faults;

/// <summary>Builds the response an injected fault replaces the real one with.</summary>
internal static class FaultResponder
{
    /// <summary>True when the fault replaces or alters the response (not just latency).</summary>
    public static bool ChangesResponse(FaultSpec fault) => fault.Status is not null || fault.Body is not null;

    /// <summary>A replacement that needs no real response (json/html/empty).</summary>
    public static ApiResponse Replacement(FaultSpec fault, ErrorMapper errors) => (fault.Body ?? "json") switch
    {
        "html" => ApiResponse.Html(fault.Status ?? 500, "<html><body>An unhandled exception occurred check logs for details<body><html>"),
        "empty" => ApiResponse.Empty(fault.Status ?? 500),
        _ => errors.JsonError(fault.Status ?? 500, "Injected fault (emulator)"),
    };

    /// <summary>The real response with its body cut in half: the client sees JSON that does not parse.</summary>
    public static ApiResponse Truncate(FaultSpec fault, ApiResponse real) =>
        real with { Status = fault.Status ?? real.Status, Body = real.Body[..(real.Body.Length / 2)] };

    internal static JsonObject Describe(FaultSpec f) => new()
    {
        ["method"] = f.Method,
        ["status"] = f.Status,
        ["body"] = f.Body,
        ["latencyMs"] = f.LatencyMs,
        ["drop"] = f.Drop,
        ["afterProcessing"] = f.AfterProcessing,
        ["count"] = f.Count,
        ["rate"] = f.Rate,
        ["every"] = f.Every,
    };
}
