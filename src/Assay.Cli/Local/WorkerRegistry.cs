using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Cli.Local;

/// <summary>
/// Which <c>assay worker</c> processes are on a task hub: one blob per worker (<c>assay-workers/{hub}/{worker}</c>),
/// written again every <see cref="Beat"/> while it runs and deleted when it stops. A run reads it at start: with live
/// workers it is not its storage's only writer, so it reads the response cache per call (see
/// <see cref="LocalSession"/>). A killed worker's blob stays, and counts as live until its last beat is
/// <see cref="Stale"/> old (judged by the storage service's clock, not this machine's).
/// </summary>
internal sealed class WorkerRegistry(string connectionString, string taskHub)
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan Stale = TimeSpan.FromSeconds(45);

    private const string Container = "assay-workers";

    private readonly BlobContainerClient container = new(connectionString, Container);

    public async Task BeatAsync(string workerId, CancellationToken ct)
    {
        await container.CreateIfNotExistsAsync(cancellationToken: ct).ConfigureAwait(false);
        var beat = new { Worker = workerId, Machine = Environment.MachineName, Pid = Environment.ProcessId, At = DateTimeOffset.UtcNow };
        await container.GetBlobClient(Name(workerId)).UploadAsync(BinaryData.FromObjectAsJson(beat), overwrite: true, ct).ConfigureAwait(false);
    }

    public async Task LeaveAsync(string workerId, CancellationToken ct) =>
        await container.GetBlobClient(Name(workerId)).DeleteIfExistsAsync(cancellationToken: ct).ConfigureAwait(false);

    /// <summary>The workers whose last beat is recent, by the service's clock (the newest blob's time stands in for "now").</summary>
    public async Task<IReadOnlyList<string>> LiveAsync(CancellationToken ct)
    {
        var beats = new List<(string Name, DateTimeOffset At)>();
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, taskHub + "/", ct).ConfigureAwait(false))
            {
                beats.Add((blob.Name[(taskHub.Length + 1)..], blob.Properties.LastModified ?? DateTimeOffset.MinValue));
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return []; // no worker ever joined a hub of this account
        }

        if (beats.Count == 0)
        {
            return [];
        }

        var now = await ServiceNowAsync(ct).ConfigureAwait(false);
        return [.. beats.Where(b => now - b.At < Stale).Select(b => b.Name).Order(StringComparer.Ordinal)];
    }

    // The service's current time, from the Date header of a cheap request: worker clocks on other machines may differ.
    private async Task<DateTimeOffset> ServiceNowAsync(CancellationToken ct)
    {
        var response = await container.GetPropertiesAsync(cancellationToken: ct).ConfigureAwait(false);
        return response.GetRawResponse().Headers.Date ?? DateTimeOffset.UtcNow;
    }

    private string Name(string workerId) => $"{taskHub}/{workerId}";
}
