using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Assay.Core;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Storage;

/// <summary>
/// Blob access for activities. Writes go through a block blob's OpenWrite, which commits the block list only when the
/// stream closes: a crash mid-write publishes nothing, and a rewrite under the same name replaces it whole.
/// </summary>
public sealed class RunStore(BlobServiceClient service, IOptions<StorageOptions> options)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> containers = new();

    public StorageOptions Options { get; } = options.Value;

    public Task<BlobContainerClient> BenchmarksAsync(CancellationToken ct) => ContainerAsync(Options.BenchmarksContainer, ct);

    public Task<BlobContainerClient> ResultsAsync(CancellationToken ct) => ContainerAsync(Options.ResultsContainer, ct);

    public Task<BlobContainerClient> ReportsAsync(CancellationToken ct) => ContainerAsync(Options.ReportsContainer, ct);

    public async Task<BlobContainerClient> ContainerAsync(string name, CancellationToken ct)
    {
        var lazy = containers.GetOrAdd(name, n => new Lazy<Task<BlobContainerClient>>(async () =>
        {
            var container = service.GetBlobContainerClient(n);
            await container.CreateIfNotExistsAsync(cancellationToken: CancellationToken.None).ConfigureAwait(false);
            return container;
        }));
        try
        {
            return await lazy.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (RequestFailedException)
        {
            containers.TryRemove(name, out _); // let the next call try again instead of caching the failure
            throw;
        }
    }

    public static async Task<bool> ExistsAsync(BlobContainerClient container, string name, CancellationToken ct) =>
        (await container.GetBlobClient(name).ExistsAsync(ct).ConfigureAwait(false)).Value;

    public static async Task<int> WriteLinesAsync<T>(
        BlobContainerClient container, string name, IEnumerable<T> items, CancellationToken ct)
    {
        var count = 0;
        var blob = container.GetBlockBlobClient(name);
        await using (var stream = await blob.OpenWriteAsync(overwrite: true, ContentType("application/x-ndjson"), ct).ConfigureAwait(false))
        await using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 64 * 1024))
        {
            foreach (var item in items)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(item, AssayJson.Options).AsMemory(), ct).ConfigureAwait(false);
                count++;
            }
        }

        return count;
    }

    public static async IAsyncEnumerable<T> ReadLinesAsync<T>(
        BlobContainerClient container, string name, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var stream = await container.GetBlobClient(name).OpenReadAsync(cancellationToken: ct).ConfigureAwait(false);
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true));
        var lineNumber = 0;
        while (await reader.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize<T>(line, AssayJson.Options)
                ?? throw new InvalidDataException($"{container.Name}/{name}:{lineNumber}: null record");
        }
    }

    public static async Task WriteTextAsync(
        BlobContainerClient container, string name, string text, string contentType, CancellationToken ct)
    {
        var blob = container.GetBlockBlobClient(name);
        await using var stream = await blob.OpenWriteAsync(overwrite: true, ContentType(contentType), ct).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(text);
        await stream.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    public static Task WriteJsonAsync<T>(BlobContainerClient container, string name, T value, CancellationToken ct) =>
        WriteTextAsync(container, name, JsonSerializer.Serialize(value, AssayJson.Indented), "application/json", ct);

    public static async Task<T?> TryReadJsonAsync<T>(BlobContainerClient container, string name, CancellationToken ct)
        where T : class
    {
        try
        {
            var content = await container.GetBlobClient(name).DownloadContentAsync(ct).ConfigureAwait(false);
            return content.Value.Content.ToObjectFromJson<T>(AssayJson.Options);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    private static BlockBlobOpenWriteOptions ContentType(string contentType) =>
        new() { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } };
}
