using Assay.Core.Benchmarks;
using Azure;
using Azure.Storage.Blobs;

namespace Assay.Durable.Storage;

/// <summary>A benchmark file in blob storage; sibling files are blobs with the same folder prefix.</summary>
public sealed class BlobBenchmarkSource(BlobContainerClient container, string blobName) : IBenchmarkSource
{
    public string Name => $"{container.Name}/{blobName}";

    public async Task<Stream> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await container.GetBlobClient(blobName).OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
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
            return await blob.OpenReadAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public string RelativeName(string relativePath) => $"{container.Name}/{Resolve(relativePath)}";

    private string Resolve(string relativePath)
    {
        var slash = blobName.LastIndexOf('/');
        var folder = slash < 0 ? string.Empty : blobName[..(slash + 1)];
        return folder + relativePath.Replace('\\', '/');
    }
}
