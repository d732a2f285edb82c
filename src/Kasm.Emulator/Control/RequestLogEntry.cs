namespace Kasm.Emulator.Control;

/// <summary>One API request as the emulator saw it (never the secret).</summary>
public sealed record RequestLogEntry(
    long Seq,
    DateTime Time,
    string HttpMethod,
    string Path,
    string? Mount,
    string? Method,
    string? ApiKey,
    int Status);
