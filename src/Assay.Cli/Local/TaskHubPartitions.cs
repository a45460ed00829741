using Azure;
using Azure.Data.Tables;

namespace Assay.Cli.Local;

/// <summary>
/// The partition count to start a task hub with: the one it was created with when it exists (the backend's partition
/// manager keeps one row per control queue in <c>{hub}Partitions</c>), else <see cref="LocalHostOptions.DefaultPartitionCount"/>.
/// A count that changes under a hub maps its instances to other control queues while their messages wait in the old
/// ones, so a hub made by an older <c>assay</c> with one partition keeps one (its unfinished runs resume as before).
/// </summary>
internal static class TaskHubPartitions
{
    /// <param name="fresh">The count for a new hub: the default, or 1 on an Azurite no other process can reach.</param>
    public static async Task<int> CountAsync(string connectionString, string taskHub, CancellationToken ct, int fresh = LocalHostOptions.DefaultPartitionCount)
    {
        var table = new TableClient(connectionString, taskHub + "Partitions");
        var partitions = 0;
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(select: ["RowKey"], cancellationToken: ct).ConfigureAwait(false))
            {
                partitions++;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // A new hub.
        }

        return partitions > 0 ? partitions : fresh;
    }
}
