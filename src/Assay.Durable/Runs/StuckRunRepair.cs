using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Runs;

/// <summary>
/// Repairs a run <see cref="StuckRunCheck"/> found stuck by restarting it under the same instance id with the same
/// input: its instances (the run and every sub-orchestration it created) are terminated and purged, and the run is
/// scheduled again. Every activity first looks for its result blob under a deterministic name and returns it when it
/// exists, and the endpoints' answers are in the response cache, so the restart redoes no finished work and makes no
/// call already answered; it only replays the orchestration over the blobs. Re-sending the lost message instead would
/// need the backend's internal message format (and the right execution id and event id for each kind of task), and
/// would repair only the one shape of loss it was written for.
/// </summary>
public static class StuckRunRepair
{
    private static readonly TimeSpan TerminateWait = TimeSpan.FromMinutes(2);

    public static async Task RestartAsync(DurableTaskClient client, StuckRunReport report, CancellationToken ct)
    {
        if (!report.Stuck)
        {
            throw new InvalidOperationException($"run '{report.InstanceId}' is not stuck: {report.Explanation}");
        }

        var root = await client.GetInstanceAsync(report.InstanceId, getInputsAndOutputs: true, ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"run '{report.InstanceId}' disappeared from the task hub");
        var input = root.SerializedInput is null ? (JsonElement?)null : JsonDocument.Parse(root.SerializedInput).RootElement.Clone();

        // Children first, so that no parent is woken by a child's answer while it is being taken down.
        foreach (var id in report.Instances.Reverse())
        {
            await TerminateAndPurgeAsync(client, id, ct).ConfigureAwait(false);
        }

        await client.ScheduleNewOrchestrationInstanceAsync(root.Name, input, new StartOrchestrationOptions(report.InstanceId), ct).ConfigureAwait(false);
    }

    private static async Task TerminateAndPurgeAsync(DurableTaskClient client, string instanceId, CancellationToken ct)
    {
        var state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
        if (state is null)
        {
            return;
        }

        if (!state.IsCompleted)
        {
            await client.TerminateInstanceAsync(instanceId, "stuck: restarted from its blobs", ct).ConfigureAwait(false);
            var deadline = DateTime.UtcNow + TerminateWait;
            while (state is { IsCompleted: false })
            {
                if (DateTime.UtcNow > deadline)
                {
                    throw new InvalidOperationException($"instance '{instanceId}' did not terminate within {TerminateWait.TotalSeconds:0} s");
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), ct).ConfigureAwait(false);
                state = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: false, ct).ConfigureAwait(false);
            }
        }

        await client.PurgeInstanceAsync(instanceId, cancellation: ct).ConfigureAwait(false);
    }

    /// <summary>One paragraph for a person: the state, the tasks waited on, and the verdict.</summary>
    public static string Describe(StuckRunReport report)
    {
        var lines = new List<string> { $"run {report.InstanceId}: {report.RuntimeStatus ?? "not found"}" };
        foreach (var task in report.Waiting.Take(10))
        {
            lines.Add($"  waiting on {task.Kind} {task.Name} (event {task.EventId}) in {task.InstanceId}");
        }

        if (report.Waiting.Count > 10)
        {
            lines.Add($"  ... and {report.Waiting.Count - 10} more");
        }

        lines.Add($"  messages in the task hub's queues: {report.MessagesInQueues}");
        lines.Add((report.Stuck ? "  STUCK: " : "  ") + report.Explanation);
        return string.Join('\n', lines);
    }
}
