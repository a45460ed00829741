using Assay.Durable.Contracts;
using Microsoft.DurableTask;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// A shard of a large run (see <see cref="RunEvaluationOrchestrator"/>): generate → judge for a range of batches of
/// every target, in a sliding window. Its history holds only its own batches' activities, so replaying it stays cheap
/// whatever the size of the run.
/// </summary>
public sealed class EvaluateShardOrchestrator : TaskOrchestrator<ShardRequest, ShardResult>
{
    public override async Task<ShardResult> RunAsync(TaskOrchestrationContext context, ShardRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var (generated, judged) = (0, 0);
        var window = new BatchWindow(context, input.RunId, input.Targets, input.Judge, input.Baseline, input.Arena)
        {
            Progressed = judging => _ = judging ? judged++ : generated++,
        };
        await window.RunAsync(input.FirstBatch, input.BatchCount, Math.Max(1, input.MaxInFlight));
        return new ShardResult(generated, judged);
    }
}
