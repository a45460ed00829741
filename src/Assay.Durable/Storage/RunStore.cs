using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Assay.Core;
using Assay.Core.Benchmarks;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Storage;

/// <summary>
/// Blob access for activities. Content is published atomically: in one request, or (results over a block,
/// <see cref="StagedBlobStream"/>) staged in blocks that one request publishes; a crash mid-write publishes nothing,
/// and a rewrite under the same name replaces it whole.
/// </summary>
public sealed class RunStore(BlobServiceClient service, IOptions<StorageOptions> options, IOptions<Runs.RunLimitsOptions>? limits = null)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<BlobContainerClient>>> containers = new();

    public StorageOptions Options { get; } = options.Value;

    /// <summary>Largest benchmark or recorded-answer blob a run reads (<see cref="Runs.RunLimitsOptions.MaxBenchmarkBytes"/>).</summary>
    public long MaxBenchmarkBytes { get; } = limits?.Value.MaxBenchmarkBytes ?? new Runs.RunLimitsOptions().MaxBenchmarkBytes;

    /// <summary>Bytes of recorded-answer files a process keeps parsed (<see cref="Runs.RunLimitsOptions.MaxRecordedCacheBytes"/>).</summary>
    public long MaxRecordedCacheBytes { get; } = limits?.Value.MaxRecordedCacheBytes ?? new Runs.RunLimitsOptions().MaxRecordedCacheBytes;

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

    /// <returns>The blob's size in bytes, or null when it does not exist.</returns>
    public static async Task<long?> SizeAsync(BlobContainerClient container, string name, CancellationToken ct)
    {
        try
        {
            return (await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false)).Value.ContentLength;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public static async Task<bool> ExistsAsync(BlobContainerClient container, string name, CancellationToken ct) =>
        (await container.GetBlobClient(name).ExistsAsync(ct).ConfigureAwait(false)).Value;

    public static Task<int> WriteLinesAsync<T>(
        BlobContainerClient container, string name, IEnumerable<T> items, CancellationToken ct) =>
        WriteLinesAsync(container, name, items, StagedBlobStream.BlockBytes, ct);

    internal static async Task<int> WriteLinesAsync<T>(
        BlobContainerClient container, string name, IEnumerable<T> items, int blockBytes, CancellationToken ct)
    {
        var count = 0;
        await using var blob = new StagedBlobStream(container.GetBlockBlobClient(name), blockBytes);
        // Straight to UTF-8 in blocks: no string of each record (a 15 MB case was three more copies through
        // Serialize-to-string and a StreamWriter), and no copy of the whole blob when it is larger than a block.
        await using (var json = new Utf8JsonWriter(blob, new JsonWriterOptions { Encoder = AssayJson.Options.Encoder }))
        {
            foreach (var item in items)
            {
                JsonSerializer.Serialize(json, item, AssayJson.Options);
                await json.FlushAsync(ct).ConfigureAwait(false);
                blob.WriteByte((byte)'\n');
                json.Reset();
                count++;
            }
        }

        await blob.PublishAsync("application/x-ndjson", ct).ConfigureAwait(false);
        return count;
    }

    public static IAsyncEnumerable<T> ReadLinesAsync<T>(BlobContainerClient container, string name, CancellationToken ct) =>
        ReadLinesAsync<T>(container, name, version: null, ct);

    /// <param name="version">When given, the blob is read only if it still has this ETag (412 otherwise).</param>
    public static async IAsyncEnumerable<T> ReadLinesAsync<T>(
        BlobContainerClient container, string name, ETag? version, [EnumeratorCancellation] CancellationToken ct)
    {
        // One streamed GET (resumed at the same ETag if the connection drops): OpenRead rented a 4 MB buffer per blob
        // from the shared pool, which kept it, and fetched large blobs in 4 MB ranges.
        var options = new BlobDownloadOptions { Conditions = version is { } etag ? new BlobRequestConditions { IfMatch = etag } : null };
        var download = (await container.GetBlobClient(name).DownloadStreamingAsync(options, ct).ConfigureAwait(false)).Value;
        await using var stream = download.Content;
        // Each line deserialised from its UTF-8 bytes: a long case is never decoded to a string whole and encoded
        // back (issue 19's memory per MB of case). Our own blobs: no line cap but the array limit.
        var reader = new Utf8LineReader(stream, $"{container.Name}/{name}", maxLineBytes: Array.MaxLength, streamBytes: download.Details.ContentLength);
        while (await reader.ReadLineBytesAsync(ct).ConfigureAwait(false) is { } line)
        {
            if (line.Bytes.IsEmpty)
            {
                continue;
            }

            yield return JsonSerializer.Deserialize<T>(line.Bytes.Span, AssayJson.Options)
                ?? throw new InvalidDataException($"{container.Name}/{name}:{line.Number}: null record");
        }
    }

    public static async Task WriteTextAsync(
        BlobContainerClient container, string name, string text, string contentType, CancellationToken ct)
    {
        using var buffer = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await UploadAsync(container, name, buffer, contentType, ct).ConfigureAwait(false);
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

    // One Put Blob (or, for large content, staged blocks and one Put Block List): readers see the old content or the
    // new, never a part. OpenWrite with overwrite would first publish an empty blob, which a crash could leave behind.
    private static Task<Response<BlobContentInfo>> UploadAsync(BlobContainerClient container, string name, Stream content, string contentType, CancellationToken ct) =>
        container.GetBlobClient(name).UploadAsync(content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);
}
