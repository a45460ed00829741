using Assay.Core.Benchmarks;
using Azure;
using Azure.Storage.Blobs;

namespace Assay.Durable.Storage;

/// <summary>
/// A benchmark file in blob storage; sibling files are blobs with the same folder prefix. A blob larger than
/// <paramref name="maxBytes"/> (the run's <c>MaxBenchmarkBytes</c>) is refused when opened, before a byte is read; the
/// stream is pinned to the version opened, so it cannot grow past the check.
/// </summary>
public sealed class BlobBenchmarkSource(BlobContainerClient container, string blobName, long maxBytes = long.MaxValue) : IBenchmarkSource
{
    public string Name => $"{container.Name}/{blobName}";

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return Capped(Name, await container.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            throw new BenchmarkFormatException(Name, 0, null, "the benchmark blob does not exist", ex);
        }
    }

    public async Task<Stream?> OpenRelativeAsync(string relativePath, CancellationToken cancellationToken)
    {
        var blob = container.GetBlobClient(Resolve(relativePath));
        try
        {
            return Capped(RelativeName(relativePath), await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false));
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public string RelativeName(string relativePath) => $"{container.Name}/{Resolve(relativePath)}";

    /// <summary>The problem with a blob of <paramref name="size"/> bytes, or null when a run may read it.</summary>
    public static string? SizeProblem(long size, long maxBytes) =>
        size > maxBytes ? $"the blob is {size} bytes; a run reads at most {maxBytes} bytes (MaxBenchmarkBytes)" : null;

    private Stream Capped(string name, Stream stream)
    {
        if (SizeProblem(stream.Length, maxBytes) is { } problem)
        {
            stream.Dispose();
            throw new BenchmarkFormatException(name, 0, null, problem);
        }

        return stream;
    }

    private string Resolve(string relativePath)
    {
        var slash = blobName.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : blobName[..(slash + 1)];
        return folder + relativePath.Replace('\\', '/');
    }
}
