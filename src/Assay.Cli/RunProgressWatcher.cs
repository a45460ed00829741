using Assay.Durable.Contracts;
using Microsoft.DurableTask.Client;

namespace Assay.Cli;

/// <summary>
/// Waits for an evaluation run. On a terminal: one live line, rewritten in place (cases done of total, calls per
/// second, errors so far, ETA). Redirected: a plain line whenever the phase or the batch counts change, so logs
/// stay readable.
/// </summary>
internal static class RunProgressWatcher
{
    public static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string runId, TextWriter progress, CancellationToken ct)
    {
        if (!LiveLine.IsTerminal(progress))
        {
            return await LocalInstances.WaitAsync<RunProgress>(client, runId, $"run {runId}", Plain, progress, ct).ConfigureAwait(false);
        }

        var rate = new RunRate(TimeProvider.System);
        using var line = new LiveLine(progress);
        return await LocalInstances.WaitAsync<RunProgress>(client, runId, $"run {runId}", s => rate.Describe(s), line, ct).ConfigureAwait(false);
    }

    internal static string Plain(RunProgress s) =>
        $"[{s.Phase}] {s.Cases} cases; batches generated {s.Generated}/{s.WorkItems}, judged {s.Judged}/{s.WorkItems}{RunRate.Pace(s)}";
}
