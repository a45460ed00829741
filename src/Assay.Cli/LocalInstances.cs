using Assay.Cli.Local;
using Assay.Durable.Runs;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Assay.Cli;

/// <summary>
/// What <c>run</c>, <c>debate</c> and <c>redteam</c> share about an orchestration instance named by its run id: start
/// it, or resume it when it exists and has not failed, and wait for it while printing progress when it changes.
/// </summary>
internal static class LocalInstances
{
    /// <param name="label">How progress names the instance, e.g. <c>run {id}</c>.</param>
    /// <param name="started">What progress says after the label when the instance is new.</param>
    /// <param name="beforeStart">Stores the instance's inputs; called only when the instance is new.</param>
    public static async Task StartOrResumeAsync(
        LocalSession session, string orchestrator, object input, string instanceId, string label, string started, Func<Task>? beforeStart,
        TextWriter progress, CancellationToken ct)
    {
        var client = session.Client;
        // A store this command started empty holds no instance: the query (the first call through the sidecar) is skipped.
        var existing = session.Fresh ? null : await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (existing is null)
        {
            if (beforeStart is not null)
            {
                await beforeStart().ConfigureAwait(false);
            }

            await client.ScheduleNewOrchestrationInstanceAsync(orchestrator, input, new StartOrchestrationOptions(instanceId), ct).ConfigureAwait(false);
            await progress.WriteLineAsync($"{label}: {started}").ConfigureAwait(false);
        }
        else if (existing.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated)
        {
            throw new CliException($"{label} already ended as {existing.RuntimeStatus}; start it again under a new --run-id");
        }
        else
        {
            await progress.WriteLineAsync($"{label}: {(existing.IsCompleted ? "already completed" : $"resuming ({existing.RuntimeStatus})")}").ConfigureAwait(false);
            if (!existing.IsCompleted)
            {
                await RepairIfStuckAsync(session, instanceId, label, progress, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>
    /// A resumed instance that waits on a task no queue message will ever answer would wait forever: it is restarted
    /// from its blobs under the same id (see <see cref="StuckRunRepair"/>). Stuck must be seen twice, a moment apart,
    /// so that no message in passing between two queues is mistaken for a lost one.
    /// </summary>
    private static async Task RepairIfStuckAsync(LocalSession session, string instanceId, string label, TextWriter progress, CancellationToken ct)
    {
        var first = await session.StuckRunCheck.CheckAsync(instanceId, ct).ConfigureAwait(false);
        if (!first.Stuck)
        {
            return;
        }

        await Task.Delay(TimeSpan.FromSeconds(2), ct).ConfigureAwait(false);
        var second = await session.StuckRunCheck.CheckAsync(instanceId, ct).ConfigureAwait(false);
        if (!second.Stuck)
        {
            return;
        }

        await progress.WriteLineAsync($"{label}: stuck ({second.Explanation}; first: {second.Waiting[0].Kind} {second.Waiting[0].Name}); restarting it from its blobs").ConfigureAwait(false);
        await StuckRunRepair.RestartAsync(session.Client, second, ct).ConfigureAwait(false);
        await progress.WriteLineAsync($"{label}: restarted").ConfigureAwait(false);
    }

    /// <summary>Polls the instance, prints a progress line when it changes, and returns the final state.</summary>
    /// <param name="describe">The line for the instance's custom status, when it has one.</param>
    public static async Task<OrchestrationMetadata> WaitAsync<TStatus>(
        DurableTaskClient client, string instanceId, string label, Func<TStatus, string> describe, TextWriter progress, CancellationToken ct)
        where TStatus : class
    {
        string? last = null;
        while (true)
        {
            var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"{label} disappeared from the task hub");
            var status = state.SerializedCustomStatus is null ? null : state.ReadCustomStatusAs<TStatus>();
            var line = status is null ? $"[{state.RuntimeStatus.ToString().ToLowerInvariant()}]" : describe(status);
            if (line != last)
            {
                await progress.WriteLineAsync(line).ConfigureAwait(false);
                last = line;
            }

            if (state.IsCompleted)
            {
                return state;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct).ConfigureAwait(false);
        }
    }
}
