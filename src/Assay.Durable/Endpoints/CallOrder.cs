namespace Assay.Durable.Endpoints;

/// <summary>
/// The order in which calls waiting for an endpoint's slots are served: an activity takes a number when it starts, and
/// every call it makes (retries included) waits behind the calls of activities that started before it. Served in
/// arrival order instead, the batches in flight share the endpoint evenly and all finish late together: the judge
/// waits for the first of them, the generation slots they free open at the same moment, and the last batches' judging
/// is a tail with the target idle (2,000 cases through the front door: judging ran 3 batches behind generation).
/// Served by activity, the first batch is answered first and each next step starts while the endpoint is still busy
/// with the batches behind it. A call outside any activity takes a number when it waits.
/// </summary>
public static class CallOrder
{
    private static readonly AsyncLocal<long?> Ambient = new();
    private static long next;

    /// <summary>The current activity's number, or a new one for a call outside any.</summary>
    public static long Current => Ambient.Value ?? Interlocked.Increment(ref next);

    /// <summary>Takes the next number for the current async flow (an activity's run) and the calls it starts.</summary>
    public static Scope Begin()
    {
        var previous = Ambient.Value;
        Ambient.Value = Interlocked.Increment(ref next);
        return new Scope(previous);
    }

    public readonly struct Scope(long? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
