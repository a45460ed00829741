using Assay.Core.Accounting;

namespace Assay.Durable.Endpoints;

/// <summary>
/// What the activity knows about the calls of one case and the endpoint pipeline needs: which sample it is (part of
/// the cache key), whether the cache is bypassed, and where each call's <see cref="CallRecord"/> goes. Ambient
/// (async-local) so that judges built on M.E.AI evaluators, which make their own calls, are accounted too.
/// </summary>
public sealed class CallScope : IDisposable
{
    private static readonly AsyncLocal<CallScope?> Ambient = new();

    private readonly List<CallRecord> records = [];
    private readonly CallScope? previous;

    private CallScope(int repeat, bool bypassCache, CallScope? previous)
    {
        Repeat = repeat;
        BypassCache = bypassCache;
        this.previous = previous;
    }

    public static CallScope? Current => Ambient.Value;

    public int Repeat { get; }

    public bool BypassCache { get; }

    /// <summary>The calls made so far in this scope, in completion order; null when there were none.</summary>
    public IReadOnlyList<CallRecord>? Records
    {
        get
        {
            lock (records)
            {
                return records.Count == 0 ? null : records.ToList();
            }
        }
    }

    /// <summary>Opens a scope for the current async flow; dispose it when the case is done.</summary>
    public static CallScope Begin(int repeat, bool bypassCache)
    {
        var scope = new CallScope(repeat, bypassCache, Ambient.Value);
        Ambient.Value = scope;
        return scope;
    }

    public void Add(CallRecord record)
    {
        lock (records)
        {
            records.Add(record);
        }
    }

    public void Dispose() => Ambient.Value = previous;
}
