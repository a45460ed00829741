using Assay.Core.Targets;

namespace Assay.Durable.Resolution;

/// <summary>
/// Parsed recorded-answer files, keyed by what identifies their content (run, blob, ETag, format) rather than by
/// the target that names them, so one file named by many targets is parsed once; bounded by the bytes of the files
/// held, least recently used first out. A file larger than the whole budget is parsed for its caller and not kept.
/// </summary>
internal sealed class RecordedAnswerCache(long maxBytes)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    private readonly LinkedList<string> recency = new();
    private long bytes;

    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    public async Task<RecordedTarget> GetAsync(string key, long size, Func<Task<RecordedTarget>> load, CancellationToken ct)
    {
        if (size > maxBytes)
        {
            return await load().WaitAsync(ct).ConfigureAwait(false);
        }

        Entry entry;
        lock (gate)
        {
            if (entries.TryGetValue(key, out var found))
            {
                recency.Remove(found.Node);
                recency.AddFirst(found.Node);
                entry = found;
            }
            else
            {
                entry = new Entry(new Lazy<Task<RecordedTarget>>(load), size, new LinkedListNode<string>(key));
                entries[key] = entry;
                recency.AddFirst(entry.Node);
                bytes += size;
                EvictPast(maxBytes, keep: key);
            }
        }

        try
        {
            return await entry.Load.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch when (entry.Load.Value.IsFaulted || entry.Load.Value.IsCanceled)
        {
            Remove(key, entry);
            throw;
        }
    }

    private void Remove(string key, Entry entry)
    {
        lock (gate)
        {
            if (entries.TryGetValue(key, out var current) && ReferenceEquals(current, entry))
            {
                entries.Remove(key);
                recency.Remove(entry.Node);
                bytes -= entry.Bytes;
            }
        }
    }

    private void EvictPast(long budget, string keep)
    {
        while (bytes > budget && recency.Last is { } oldest && oldest.Value != keep)
        {
            var entry = entries[oldest.Value];
            entries.Remove(oldest.Value);
            recency.RemoveLast();
            bytes -= entry.Bytes;
        }
    }

    private sealed record Entry(Lazy<Task<RecordedTarget>> Load, long Bytes, LinkedListNode<string> Node);
}
