using System.Text;
using System.Text.Json;
using Assay.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Durable.Endpoints;

/// <summary>One line of a cache segment blob.</summary>
internal sealed record CacheSegmentLine(string Hash, CacheEntry Entry);

/// <summary>
/// Group commit of cache entries: entries completed within <see cref="Window"/> (at most <see cref="MaxEntries"/>) are
/// written as one segment blob, <c>{kind}/segments/{guid}.jsonl</c>, whose metadata lists their hashes so that a listing
/// finds them without reading them. One storage write per segment instead of one per call. A caller's write completes
/// when its segment is stored, so a call whose response was returned is in storage, as with one blob per call; what a
/// crash can lose is only calls still waiting for their segment (at most the window), which are then made again.
/// </summary>
internal sealed class CacheSegmentWriter(BlobContainerClient container, string prefix)
{
    public const int MaxEntries = 64; // 64 × 32 hex digits: 2 KB of the 8 KB metadata limit

    public static readonly TimeSpan Window = TimeSpan.FromMilliseconds(200);

    private readonly Lock gate = new();
    private Pending? open;

    /// <summary>Adds an entry; completes with the segment's name once the segment holding it is stored.</summary>
    public Task<string> AddAsync(string hash, CacheEntry entry)
    {
        Pending pending;
        var full = false;
        lock (gate)
        {
            if (open is null)
            {
                open = pending = new Pending();
                _ = FlushAfterWindowAsync(pending);
            }
            else
            {
                pending = open;
            }

            pending.Lines.Add(new CacheSegmentLine(hash, entry));
            if (pending.Lines.Count >= MaxEntries)
            {
                open = null; // full: the next entry opens a new segment
                full = true;
            }
        }

        if (full)
        {
            _ = FlushAsync(pending);
        }

        return pending.Stored.Task;
    }

    public static async Task<CacheEntry?> FindAsync(BlobContainerClient container, string segment, string hash, CancellationToken ct)
    {
        var content = await container.GetBlobClient(segment).DownloadContentAsync(ct).ConfigureAwait(false);
        foreach (var line in content.Value.Content.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var entry = JsonSerializer.Deserialize<CacheSegmentLine>(line, AssayJson.Options);
            if (entry?.Hash == hash)
            {
                return entry.Entry;
            }
        }

        return null;
    }

    private async Task FlushAfterWindowAsync(Pending pending)
    {
        await Task.Delay(Window).ConfigureAwait(false);
        lock (gate)
        {
            if (open != pending)
            {
                return; // flushed when it filled up
            }

            open = null;
        }

        await FlushAsync(pending).ConfigureAwait(false);
    }

    private async Task FlushAsync(Pending pending)
    {
        try
        {
            var name = $"{prefix}{CacheIndex.SegmentFolder}/{Guid.NewGuid():N}.jsonl";
            var text = new StringBuilder();
            foreach (var line in pending.Lines)
            {
                text.Append(JsonSerializer.Serialize(line, AssayJson.Options)).Append('\n');
            }

            using var content = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
            await container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions
            {
                HttpHeaders = new BlobHttpHeaders { ContentType = "application/x-ndjson" },
                Metadata = new Dictionary<string, string> { [CacheIndex.HashesMetadata] = CacheIndex.HashList(pending.Lines.Select(l => l.Hash)) },
            }).ConfigureAwait(false);
            pending.Stored.TrySetResult(name);
        }
        catch (Exception ex)
        {
            pending.Stored.TrySetException(ex);
        }
    }

    private sealed class Pending
    {
        public List<CacheSegmentLine> Lines { get; } = [];

        public TaskCompletionSource<string> Stored { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
