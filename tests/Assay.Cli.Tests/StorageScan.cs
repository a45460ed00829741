using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Cli.Tests;

internal static class StorageScan
{
    /// <summary>Names of the run's blobs, in every container, whose content contains <paramref name="secret"/>.</summary>
    public static async Task<List<string>> BlobsContainingAsync(string connectionString, string runId, string secret)
    {
        var service = new BlobServiceClient(connectionString);
        var found = new List<string>();
        var scanned = 0;
        await foreach (var container in service.GetBlobContainersAsync())
        {
            var client = service.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            {
                if (!blob.Name.Contains(runId, StringComparison.Ordinal))
                {
                    continue;
                }

                scanned++;
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (content.Contains(secret, StringComparison.Ordinal))
                {
                    found.Add($"{container.Name}/{blob.Name}");
                }
            }
        }

        return scanned > 0 ? found : throw new InvalidOperationException($"no blob of run {runId} was found to scan");
    }
}
