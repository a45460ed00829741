using Assay.Durable.Contracts;
using Microsoft.DurableTask.Client;

namespace Assay.Cli;

/// <summary>Polls a run's status, prints progress when it changes, and returns the final state.</summary>
internal static class RunProgressWatcher
{
    public static async Task<OrchestrationMetadata> WaitAsync(DurableTaskClient client, string runId, TextWriter progress, CancellationToken ct)
    {
        string? last = null;
        while (true)
        {
            var state = await client.GetInstanceAsync(runId, getInputsAndOutputs: true, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"run {runId} disappeared from the task hub");
            var line = Describe(state);
            if (line != last)
            {
                await progress.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }

            if (state.IsCompleted)
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), ct).ConfigureAwait(false);
        }
    }

    private static string Describe(OrchestrationMetadata state)
    {
        var status = state.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<RunProgress>();
        return status is null
            ? $"[{state.RuntimeStatus.ToString().ToLowerInvariant()}]"
            : $"[{status.Phase}] {status.Cases} cases; batches generated {status.Generated}/{status.WorkItems}, judged {status.Judged}/{status.WorkItems}";
    }
}
