using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;

namespace Assay.Cli.Local;

/// <summary>
/// The partition count to start a task hub with: the one it was created with when it exists (the backend records it in
/// <c>{hub}-leases/taskhub.json</c>), else <see cref="LocalHostOptions.DefaultPartitionCount"/>. A count that changes
/// under a hub maps its instances to other control queues while their messages wait in the old ones, so a hub made
/// by an older <c>assay</c> with one partition keeps one (its unfinished runs resume as before).
/// </summary>
internal static class TaskHubPartitions
{
    public static async Task<int> CountAsync(string connectionString, string taskHub, CancellationToken ct)
    {
        var blob = new BlobContainerClient(connectionString, taskHub.ToLowerInvariant() + "-leases").GetBlobClient("taskhub.json");
        try
        {
            var content = await blob.DownloadContentAsync(ct).ConfigureAwait(false);
            using var info = JsonDocument.Parse(content.Value.Content);
            if (info.RootElement.TryGetProperty("PartitionCount", out var count) && count.TryGetInt32(out var partitions) && partitions > 0)
            {
                return partitions;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // A new hub.
        }

        return LocalHostOptions.DefaultPartitionCount;
    }
}
