using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Scheduling;

/// <summary>The two timers: nightly runs (<c>%NightlySchedule%</c>) and history purge (<c>%PurgeSchedule%</c>), NCRONTAB in app settings.</summary>
public sealed class TimerFunctions(NightlyScheduler nightly, HistoryPurger purger)
{
    [Function("NightlyRuns")]
    public async Task Nightly([TimerTrigger("%NightlySchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(timer);
        ArgumentNullException.ThrowIfNull(context);
        await nightly.RunAsync(client, timer.IsPastDue, context.CancellationToken).ConfigureAwait(false);
    }

    [Function("PurgeHistory")]
    public async Task Purge([TimerTrigger("%PurgeSchedule%")] TimerInfo timer, [DurableClient] DurableTaskClient client, FunctionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await purger.PurgeAsync(client, context.CancellationToken).ConfigureAwait(false);
    }
}
