using Assay.Durable.Contracts;
using Microsoft.DurableTask.Client;

namespace Assay.Cli;

/// <summary>Waits for an evaluation run, printing its phase and batches when they change.</summary>
internal static class RunProgressWatcher
{
    public static Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string runId, TextWriter progress, CancellationToken ct) =>
        LocalInstances.WaitAsync<RunProgress>(
            client, runId, $"run {runId}",
            s => $"[{s.Phase}] {s.Cases} cases; batches generated {s.Generated}/{s.WorkItems}, judged {s.Judged}/{s.WorkItems}",
            progress, ct);
}
