using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Microsoft.DurableTask;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// generate → judge per (target, batch) over a range of batches, at most <c>maxInFlight</c> at once: a sliding window
/// rather than one big fan-out, so in-flight work is bounded and the history grows with batches, not cases. Used by
/// the run itself (small runs) and by each shard of a large one. Deterministic: orchestration code only.
/// </summary>
internal sealed class BatchWindow(TaskOrchestrationContext context, string runId, IReadOnlyList<TargetSpec> targets, JudgeSpec judge, string? baseline, bool arena = false)
{
    private readonly Dictionary<(string Target, int Batch), Task<GenerateResult>> started = [];

    /// <summary>Called after each generation and each judging, for progress.</summary>
    public Action<bool>? Progressed { get; init; }

    /// <summary>
    /// Evaluates batches [first, first + count) of every target, batch by batch, so that targets on different
    /// endpoints are busy side by side. Within a batch <paramref name="targets"/> are in order, the baseline's first:
    /// every other target's batch is judged against the baseline's answers to it.
    /// <para>
    /// <paramref name="maxInFlight"/> bounds the work items generating, and twice it those generating or judging: a
    /// work item that moves on to judging frees its generation slot at once. Holding one slot through both phases
    /// kept the items in step (all generating, then all judging), so each endpoint idled half the time.
    /// </para>
    /// </summary>
    public async Task RunAsync(int first, int count, int maxInFlight)
    {
        var generating = new List<Task>(maxInFlight);
        var inFlight = new List<Task>(2 * maxInFlight);
        for (var batch = first; batch < first + count; batch++)
        {
            foreach (var target in targets)
            {
                while (generating.Count >= maxInFlight)
                {
                    generating.Remove(await Task.WhenAny(generating));
                }

                while (inFlight.Count >= 2 * maxInFlight)
                {
                    inFlight.Remove(await Task.WhenAny(inFlight));
                }

                inFlight.Add(arena ? ArenaBatchAsync(target, batch) : EvaluateBatchAsync(target, batch));
                generating.Add(started[(target.Name, batch)]);
            }
        }

        await Task.WhenAll(inFlight);
    }

    private async Task EvaluateBatchAsync(TargetSpec target, int batch)
    {
        await GenerateAsync(target, batch);
        Progressed?.Invoke(false);

        // The baseline of a pairwise run is not judged itself; the others wait for its answers to the same batch.
        if (target.Name != baseline)
        {
            if (baseline is not null)
            {
                await Started(baseline, batch);
            }

            await context.CallActivityAsync<JudgeResult>(nameof(JudgeAnswersActivity), new JudgeRequest(runId, target, judge, batch, baseline), TaskRetry.Any);
        }

        Progressed?.Invoke(true);
    }

    /// <summary>
    /// Arena style: the target's batch is judged against every target after it in the run's order, so each unordered
    /// pair is judged once (in both orders, inside the judge); an opponent's generation is shared with its own item.
    /// </summary>
    private async Task ArenaBatchAsync(TargetSpec target, int batch)
    {
        await GenerateAsync(target, batch);
        Progressed?.Invoke(false);
        var opponents = targets.SkipWhile(t => t.Name != target.Name).Skip(1);
        await Task.WhenAll(opponents.Select(async opponent =>
        {
            await GenerateAsync(opponent, batch);
            await context.CallActivityAsync<JudgeResult>(
                nameof(JudgeAnswersActivity), new JudgeRequest(runId, target, judge, batch, opponent.Name, Arena: true), TaskRetry.Any);
        }));

        Progressed?.Invoke(true);
    }

    /// <summary>One generation activity per target and batch, shared by everything that waits for it.</summary>
    private Task<GenerateResult> GenerateAsync(TargetSpec target, int batch) =>
        started.TryGetValue((target.Name, batch), out var task)
            ? task
            : started[(target.Name, batch)] = context.CallActivityAsync<GenerateResult>(
                nameof(GenerateAnswersActivity), new GenerateRequest(runId, target, batch), TaskRetry.Any);

    /// <summary>The generation of a target's batch that an earlier work item started (the baseline's come first).</summary>
    private Task<GenerateResult> Started(string target, int batch) =>
        started.TryGetValue((target, batch), out var task)
            ? task
            : throw new InvalidOperationException($"the answers of '{target}' to batch {batch} were never requested");
}
