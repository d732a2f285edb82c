namespace Kasm.Emulator.Faults;

/// <summary>
/// One injected fault. Matching requests (by API method name, or "*") get <see cref="LatencyMs"/> added and then:
/// dropped (<see cref="Drop"/>), or answered with <see cref="Status"/>/<see cref="Body"/> instead of the real response.
/// </summary>
public sealed class FaultSpec
{
    /// <summary>API method name, e.g. "get_images", or "*" for every method.</summary>
    public string Method { get; set; } = "*";

    /// <summary>Status to answer with; null = 500 for json/html/empty bodies, the real status for "truncated".</summary>
    public int? Status { get; set; }

    /// <summary>
    /// "json" (an error_message body), "html" (the unhandled-exception page), "empty" (no body), "truncated" (the real
    /// response cut in half). Null with a <see cref="Status"/> means "json"; null without one means latency only.
    /// </summary>
    public string? Body { get; set; }

    /// <summary>Delay added before the request is handled.</summary>
    public int LatencyMs { get; set; }

    /// <summary>Abort the connection without any response.</summary>
    public bool Drop { get; set; }

    /// <summary>
    /// Handle the request for real first, then answer with the fault: the server did the work and the client never
    /// learns it (a proxy's 502 after the backend ran, an answer lost on the way back).
    /// </summary>
    public bool AfterProcessing { get; set; }

    /// <summary>Apply to the next N matching requests; null = until cleared.</summary>
    public int? Count { get; set; }

    /// <summary>Share (0..1) of matching requests that get the fault.</summary>
    public double Rate { get; set; } = 1;

    /// <summary>
    /// Only every Nth matching request gets the fault (the Nth, 2Nth, ...), counted per fault: a share that is exact,
    /// where <see cref="Rate"/> is a random draw. Null = every matching request.
    /// </summary>
    public int? Every { get; set; }

    /// <summary>Matching requests seen so far, for <see cref="Every"/> (under the store's lock).</summary>
    internal long Seen;

    internal static readonly string[] BodyKinds = ["json", "html", "empty", "truncated"];

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Method)) throw new ArgumentException("method is required");
        if (Body is not null && !BodyKinds.Contains(Body)) throw new ArgumentException($"body must be one of {string.Join(", ", BodyKinds)}");
        if (Status is < 100 or > 599) throw new ArgumentException("status must be 100..599");
        if (Rate is < 0 or > 1) throw new ArgumentException("rate must be between 0 and 1");
        if (LatencyMs < 0) throw new ArgumentException("latencyMs must not be negative");
        if (Count is < 1) throw new ArgumentException("count must be at least 1");
        if (Every is < 1) throw new ArgumentException("every must be at least 1");
    }
}
