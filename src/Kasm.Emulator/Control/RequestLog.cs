namespace Kasm.Emulator.Control;

/// <summary>Thread-safe list of <see cref="RequestLogEntry"/>; status 0 marks a dropped connection.</summary>
internal sealed class RequestLog
{
    private readonly object _gate = new();
    private readonly List<RequestLogEntry> _entries = [];
    private long _seq;

    public void Add(DateTime time, string httpMethod, string path, string? mount, string? method, string? apiKey, int status)
    {
        lock (_gate) _entries.Add(new RequestLogEntry(++_seq, time, httpMethod, path, mount, method, apiKey, status));
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate) return [.. _entries];
    }

    public void Clear()
    {
        lock (_gate) _entries.Clear();
    }
}
