using Assay.Functions.Logging;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Scheduling;

/// <summary>Purges the Durable history of runs that ended and were created longer ago than <see cref="PurgeOptions.MaxAge"/>.</summary>
public sealed class HistoryPurger(IOptions<PurgeOptions> options, TimeProvider time, ILogger<HistoryPurger> logger)
{
    private static readonly OrchestrationRuntimeStatus[] Ended =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated];

    public async Task<int> PurgeAsync(DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var before = time.GetUtcNow() - options.Value.MaxAge;
        var result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(CreatedFrom: null, CreatedTo: before, Statuses: Ended), ct)
            .ConfigureAwait(false);
        logger.HistoryPurged(result.PurgedInstanceCount, before);
        return result.PurgedInstanceCount;
    }
}
