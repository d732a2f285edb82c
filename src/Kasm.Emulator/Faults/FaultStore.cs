namespace Kasm.Emulator.Faults;

/// <summary>The active faults, first added wins.</summary>
internal sealed class FaultStore
{
    private readonly object _gate = new();
    private readonly List<FaultSpec> _faults = [];

    public void Add(FaultSpec fault)
    {
        fault.Validate();
        lock (_gate) _faults.Add(fault);
    }

    public void Clear()
    {
        lock (_gate) _faults.Clear();
    }

    public IReadOnlyList<FaultSpec> Snapshot()
    {
        lock (_gate) return [.. _faults];
    }

    /// <summary>The fault to apply to a call of <paramref name="method"/>, consuming one of its count.</summary>
    public FaultSpec? Take(string method)
    {
        lock (_gate)
        {
            foreach (var fault in _faults)
            {
                if (fault.Method != "*" && fault.Method != method) continue;
                if (fault.Every is { } every && ++fault.Seen % every != 0) continue;
                if (fault.Rate < 1 && Random.Shared.NextDouble() >= fault.Rate) continue;
                if (fault.Count is { } count)
                {
                    if (count <= 1) _faults.Remove(fault);
                    else fault.Count = count - 1;
                }
                return fault;
            }
            return null;
        }
    }
}
