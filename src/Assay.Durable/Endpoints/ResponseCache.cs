using System.Collections.Concurrent;
using System.Text.Json;
using Assay.Core;
using Assay.Durable.Logging;
using Assay.Durable.Storage;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Response cache entries as blobs (<c>cache/{kind}/{hash}.json</c>), shared by every run and host using the account.
/// A storage fault while reading is a miss and while writing is logged and ignored: the cache saves calls, it must
/// never fail one. With <see cref="CacheOptions.ListOnce"/>, a process lists each kind's entries once and reads only
/// entries that exist (see <see cref="CacheIndex"/>), and writes entries in group-committed segments
/// (<see cref="CacheSegmentWriter"/>): a fresh cache then costs one storage write per segment, not a read and a write
/// per call.
/// </summary>
public sealed class ResponseCache(RunStore store, IOptions<CacheOptions> options, ILogger<ResponseCache> logger)
{
    private readonly ConcurrentDictionary<EndpointKind, Lazy<Task<Listed?>>> indexes = new();

    public bool Enabled => options.Value.Enabled;

    internal async Task<CacheEntry?> GetAsync(EndpointKind kind, string hash, CancellationToken ct)
    {
        try
        {
            string? segment = null;
            if (await ListedAsync(kind, ct).ConfigureAwait(false) is { } listed && !listed.Index.TryLocate(hash, out segment))
            {
                return null;
            }

            var container = await store.ContainerAsync(options.Value.Container, ct).ConfigureAwait(false);
            if (segment is not null)
            {
                return await CacheSegmentWriter.FindAsync(container, segment, hash, ct).ConfigureAwait(false);
            }

            var content = await container.GetBlobClient(Name(kind, hash)).DownloadContentAsync(ct).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<CacheEntry>(AssayJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException)
        {
            logger.CacheReadFailed(Name(kind, hash), ex.Message);
            return null;
        }
    }

    internal async Task PutAsync(EndpointKind kind, string hash, CacheEntry entry, CancellationToken ct)
    {
        try
        {
            if (await ListedAsync(kind, ct).ConfigureAwait(false) is { } listed)
            {
                // Listed: entries are group-committed into segments, which the listing finds by their metadata.
                listed.Index.Add(hash, await listed.Writer.AddAsync(hash, entry).WaitAsync(ct).ConfigureAwait(false));
                return;
            }

            var container = await store.ContainerAsync(options.Value.Container, ct).ConfigureAwait(false);
            await RunStore.WriteTextAsync(container, Name(kind, hash), JsonSerializer.Serialize(entry, AssayJson.Options), "application/json", ct)
                .ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RequestFailedException or IOException or HttpRequestException)
        {
            logger.CacheWriteFailed(Name(kind, hash), ex.Message);
        }
    }

    // Listed on first use of a kind; if listing fails, this process reads and writes per call as without an index.
    private async Task<Listed?> ListedAsync(EndpointKind kind, CancellationToken ct)
    {
        if (!options.Value.ListOnce)
        {
            return null;
        }

        var lazy = indexes.GetOrAdd(kind, k => new Lazy<Task<Listed?>>(async () =>
        {
            try
            {
                var container = await store.ContainerAsync(options.Value.Container, CancellationToken.None).ConfigureAwait(false);
                var index = await CacheIndex.ListAsync(container, Prefix(k), CancellationToken.None).ConfigureAwait(false);
                return new Listed(index, new CacheSegmentWriter(container, Prefix(k)));
            }
            catch (RequestFailedException ex)
            {
                logger.CacheListingFailed(Prefix(k), ex.Message);
                return null;
            }
        }));
        return await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
    }

    private sealed record Listed(CacheIndex Index, CacheSegmentWriter Writer);

    private static string Prefix(EndpointKind kind) => $"{kind.ToString().ToLowerInvariant()}/";

    private static string Name(EndpointKind kind, string hash) => $"{kind.ToString().ToLowerInvariant()}/{hash[..2]}/{hash}.json";
}
