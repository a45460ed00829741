using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Where the cache entries of one endpoint kind are, listed once and then kept up to date with what this process
/// writes: a per-call blob (<c>{kind}/{hash[..2]}/{hash}.json</c>) or a segment blob of several entries whose metadata
/// lists their hashes (see <see cref="CacheSegmentWriter"/>). A hash not in it needs no read: that read would be a 404.
/// Hashes are kept as their first 128 bits (a million entries take ~50 MB with the map's overhead); a collision only
/// makes a lookup read a blob that lacks the entry, which is a miss as before.
/// </summary>
internal sealed class CacheIndex
{
    public const string SegmentFolder = "segments";
    public const string HashesMetadata = "hashes";

    private readonly Dictionary<UInt128, string?> locations = [];
    private readonly Lock gate = new();

    public static async Task<CacheIndex> ListAsync(BlobContainerClient container, string prefix, CancellationToken ct)
    {
        var index = new CacheIndex();
        var segments = prefix + SegmentFolder + "/";
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix, ct).ConfigureAwait(false))
        {
            if (blob.Name.StartsWith(segments, StringComparison.Ordinal))
            {
                index.AddSegment(blob.Name, blob.Metadata.TryGetValue(HashesMetadata, out var hashes) ? hashes : string.Empty);
            }
            else if (Key(Path.GetFileNameWithoutExtension(blob.Name)) is { } key)
            {
                index.locations[key] = null; // {kind}/{hash[..2]}/{hash}.json
            }
        }

        return index;
    }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return locations.Count;
            }
        }
    }

    /// <summary>False when the entry is surely absent; else where to read it (null segment: its own blob).</summary>
    public bool TryLocate(string hash, out string? segment)
    {
        segment = null;
        if (Key(hash) is not { } key)
        {
            return true; // not a hash this index can hold: read its own blob, as without an index
        }

        lock (gate)
        {
            return locations.TryGetValue(key, out segment);
        }
    }

    public void Add(string hash, string? segment = null)
    {
        if (Key(hash) is { } key)
        {
            lock (gate)
            {
                locations[key] = segment;
            }
        }
    }

    /// <summary>The metadata value listing a segment's hashes: their first 32 hex digits, concatenated.</summary>
    public static string HashList(IEnumerable<string> hashes) => string.Concat(hashes.Select(h => h[..32]));

    private void AddSegment(string name, string hashes)
    {
        for (var i = 0; i + 32 <= hashes.Length; i += 32)
        {
            if (Key(hashes.Substring(i, 32)) is { } key)
            {
                locations[key] = name;
            }
        }
    }

    private static UInt128? Key(string hash) =>
        hash.Length >= 32 && UInt128.TryParse(hash.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;
}
