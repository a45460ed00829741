using Assay.Durable.Runs;
using Assay.Functions.Logging;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Scheduling;

/// <summary>
/// Starts every nightly entry under a singleton id per entry and UTC day (<c>nightly-{entry}-{yyyyMMdd}</c>): a second
/// firing the same day (a retry, a past-due catch-up, a second instance) finds the run and starts nothing.
/// </summary>
public sealed class NightlyScheduler(
    RunSpecValidator validator, IOptions<NightlyOptions> options, TimeProvider time, ILogger<NightlyScheduler> logger)
{
    public async Task<IReadOnlyList<NightlyStart>> RunAsync(DurableTaskClient client, bool isPastDue, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var now = time.GetUtcNow();
        if (isPastDue)
        {
            logger.NightlyPastDue(now);
        }

        var starts = new List<NightlyStart>();
        foreach (var (entry, settings) in options.Value.Entries.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var runId = RunIds.ForNightly(entry, now);
            var validation = validator.Validate(settings.ToSpec(runId));
            if (validation.Request is not { } request)
            {
                // Checked at start-up; reaching this means configuration changed under a running app.
                logger.NightlyEntryInvalid(entry, string.Join("; ", validation.Errors));
                continue;
            }

            // A nightly run measures the models as they are tonight: the response cache would replay last night's
            // answers for the same prompts and hide exactly the change the comparison is there to catch.
            request = request with { Targets = request.Targets.Select(t => t with { NoCache = true }).ToList() };
            var started = await RunStarter.StartOnceAsync(client, request, ct).ConfigureAwait(false);
            logger.NightlyRun(entry, runId, started ? "started" : "already exists");
            starts.Add(new NightlyStart(entry, runId, started));
        }

        return starts;
    }
}
