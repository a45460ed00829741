using System.Text;
using System.Text.Json;
using Assay.Core;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Durable.Endpoints;

/// <summary>One line of a cache segment blob.</summary>
internal sealed record CacheSegmentLine(string Hash, CacheEntry Entry);

/// <summary>
/// Group commit of cache entries without a timer: an entry that arrives while no segment is being written is written
/// at once, as a segment of its own; entries that arrive while one is being written wait for it and then go together
/// in the next (at most <see cref="MaxEntries"/>; a full group starts its write at once). Each segment is one blob,
/// <c>{kind}/segments/{guid}.jsonl</c>, whose metadata lists its hashes so that a listing finds them without reading
/// them. A caller's write completes when its segment is stored, and a call counts as done only then: what a kill can
/// lose is the calls whose answer was still on its way to storage, never a whole timer window of answered calls (the
/// 200 ms window this replaced lost every answer of its last wave, up to 32 calls per kill with none in flight).
/// Cost: at most one storage write per call, fewer under load (see docs/local-runtime.md for the measured figure).
/// </summary>
internal sealed class CacheSegmentWriter(BlobContainerClient container, string prefix)
{
    public const int MaxEntries = 64; // 64 × 32 hex digits: 2 KB of the 8 KB metadata limit

    private readonly Lock gate = new();
    private Pending? open;
    private int writing;

    /// <summary>Adds an entry; completes with the segment's name once the segment holding it is stored.</summary>
    public Task<string> AddAsync(string hash, CacheEntry entry)
    {
        Pending pending;
        Pending? start = null;
        lock (gate)
        {
            pending = open ??= new Pending();
            pending.Lines.Add(new CacheSegmentLine(hash, entry));
            if (writing == 0 || pending.Lines.Count >= MaxEntries)
            {
                open = null;
                writing++;
                start = pending;
            }
        }

        if (start is not null)
        {
            _ = WriteAsync(start);
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

    // Writes the group, then the group that gathered meanwhile, until none is waiting.
    private async Task WriteAsync(Pending pending)
    {
        for (var current = pending; current is not null;)
        {
            await FlushAsync(current).ConfigureAwait(false);
            lock (gate)
            {
                current = open is { Lines.Count: > 0 } next ? next : null;
                open = null;
                if (current is null)
                {
                    writing--;
                }
            }
        }
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
