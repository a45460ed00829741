using Azure.Storage.Blobs;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Intake;

/// <summary>
/// Blob trigger on <c>benchmarks/{name}</c>, fed by Event Grid (the only blob trigger source on Flex Consumption).
/// Bound to a <see cref="BlobClient"/>, never to the content: an upload is read as a stream, after its size is checked.
/// The container is fixed here, so <c>Storage:BenchmarksContainer</c> stays <c>benchmarks</c> in the function app.
/// </summary>
public sealed class BlobIntakeFunction(BlobIntakeService intake)
{
    public const string Name = "BenchmarkUploaded";

    [Function(Name)]
    public async Task Run(
        [BlobTrigger("benchmarks/{name}", Source = BlobTriggerSource.EventGrid, Connection = "AzureWebJobsStorage")] BlobClient blob,
        [DurableClient] DurableTaskClient client,
        FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await intake.ProcessAsync(blob, client, context.CancellationToken).ConfigureAwait(false);
    }
}
