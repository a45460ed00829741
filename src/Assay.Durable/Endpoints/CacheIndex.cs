using System.Globalization;
using Azure.Storage.Blobs;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The hashes of the cache entries of one endpoint kind that exist in storage, listed once and then kept up to date
/// with what this process writes. A hash not in it needs no read: that read would be a 404. Hashes are kept as their
/// first 128 bits (16 bytes each: a million entries take ~40 MB with the set's overhead); a collision can only make a
/// lookup read a blob that is not there, which is a miss as before.
/// </summary>
internal sealed class CacheIndex
{
    private readonly HashSet<UInt128> hashes = [];
    private readonly Lock gate = new();

    public static async Task<CacheIndex> ListAsync(BlobContainerClient container, string prefix, CancellationToken ct)
    {
        var index = new CacheIndex();
        await foreach (var blob in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, ct).ConfigureAwait(false))
        {
            // {kind}/{hash[..2]}/{hash}.json; anything else under the prefix is not an entry.
            var name = Path.GetFileNameWithoutExtension(blob.Name);
            if (Key(name) is { } key)
            {
                index.hashes.Add(key);
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
                return hashes.Count;
            }
        }
    }

    public bool MayContain(string hash)
    {
        if (Key(hash) is not { } key)
        {
            return true; // not a hash this index can hold: read, as without an index
        }

        lock (gate)
        {
            return hashes.Contains(key);
        }
    }

    public void Add(string hash)
    {
        if (Key(hash) is { } key)
        {
            lock (gate)
            {
                hashes.Add(key);
            }
        }
    }

    private static UInt128? Key(string hash) =>
        hash.Length >= 32 && UInt128.TryParse(hash.AsSpan(0, 32), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var key)
            ? key
            : null;
}
