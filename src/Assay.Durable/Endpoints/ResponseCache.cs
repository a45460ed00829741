using System.Text.Json;
using Assay.Core;
using Assay.Durable.Storage;
using Azure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Response cache entries as blobs (<c>cache/{kind}/{hash}.json</c>), shared by every run and host using the account.
/// A storage fault while reading is a miss and while writing is logged and ignored: the cache saves calls, it must
/// never fail one.
/// </summary>
public sealed class ResponseCache(RunStore store, IOptions<CacheOptions> options, ILogger<ResponseCache> logger)
{
    public bool Enabled => options.Value.Enabled;

    internal async Task<CacheEntry?> GetAsync(EndpointKind kind, string hash, CancellationToken ct)
    {
        try
        {
            var container = await store.ContainerAsync(options.Value.Container, ct).ConfigureAwait(false);
            var content = await container.GetBlobClient(Name(kind, hash)).DownloadContentAsync(ct).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<CacheEntry>(AssayJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
        catch (Exception ex) when (ex is RequestFailedException or JsonException)
        {
            logger.LogWarning("Response cache read of {Blob} failed, calling the endpoint: {Error}", Name(kind, hash), ex.Message);
            return null;
        }
    }

    internal async Task PutAsync(EndpointKind kind, string hash, CacheEntry entry, CancellationToken ct)
    {
        try
        {
            var container = await store.ContainerAsync(options.Value.Container, ct).ConfigureAwait(false);
            await RunStore.WriteTextAsync(container, Name(kind, hash), JsonSerializer.Serialize(entry, AssayJson.Options), "application/json", ct)
                .ConfigureAwait(false);
        }
        catch (RequestFailedException ex)
        {
            logger.LogWarning("Response cache write of {Blob} failed: {Error}", Name(kind, hash), ex.Message);
        }
    }

    private static string Name(EndpointKind kind, string hash) => $"{kind.ToString().ToLowerInvariant()}/{hash[..2]}/{hash}.json";
}
