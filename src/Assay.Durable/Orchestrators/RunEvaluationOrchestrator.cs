using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Logging;
using Assay.Durable.Runs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// plan → (generate → judge) per target and batch, a bounded number in flight (in shards, as sub-orchestrations, past
/// <see cref="RunRequest.ShardBatches"/> batches, when the host asks for shards) → aggregate → report.
/// Control flow only: deterministic, no I/O; only blob names and small summaries pass through its history.
/// </summary>
public sealed class RunEvaluationOrchestrator : TaskOrchestrator<RunRequest, RunResult>
{
    /// <summary>The Functions app's batches per shard: a run with more batches is evaluated in sub-orchestrations.</summary>
    public const int DefaultShardBatches = 50;

    // The last progress set, so a failure can be added to it (orchestrator instances live for one execution).
    private RunProgress? status;

    /// <summary>
    /// Runs the pipeline; a task that fails is named in the custom status (<see cref="RunProgress.Failure"/>) before the
    /// run fails, because not every backend keeps an orchestration's failure details where a client can read them.
    /// </summary>
    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        try
        {
            return await RunStepsAsync(context, input);
        }
        catch (TaskFailedException ex)
        {
            context.SetCustomStatus((status ?? new RunProgress("plan", 0, 0, 0, 0)) with { Failure = RunFailures.From(ex) });
            throw;
        }
    }

    private async Task<RunResult> RunStepsAsync(TaskOrchestrationContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<RunEvaluationOrchestrator>();

        SetStatus(context, new RunProgress("plan", 0, 0, 0, 0));
        var plan = await context.CallActivityAsync<PlanResult>(
            nameof(PlanRunActivity),
            new PlanRequest(
                input.RunId, input.BenchmarkBlob, input.Format, input.BatchSize, input.Targets, input.Judge, input.JudgeEndpoint, input.Baseline, input.Arena,
                input.MaxInFlight, input.Canary && !input.Targets.Any(t => t.Kind is TargetKind.Null or TargetKind.CaseField), input.LcV1),
            TaskRetry.OnStorageFailure);

        // The plan chose the window with the batch size (RunPacing); a plan written before it did has none.
        var maxInFlight = Math.Max(1, plan.Window > 0 ? plan.Window : input.MaxInFlight ?? 8);

        // The baseline's batches first: every other target's batch is judged against the baseline's answers to it.
        var targets = WithCanary(input, plan.Judge).OrderBy(t => t.Name == input.Baseline ? 0 : 1).ToList();
        var progress = new Counter(targets.Count * plan.BatchCount, plan.Cases, plan.BatchSize, maxInFlight);
        SetStatus(context, progress.Status("evaluate"));
        logger.RunWindow(input.RunId, targets.Count * plan.BatchCount, plan.BatchSize, maxInFlight);

        if (input.ShardBatches is not { } shardBatches || plan.BatchCount <= shardBatches)
        {
            var window = new BatchWindow(context, input.RunId, targets, plan.Judge, input.Baseline, input.Arena)
            {
                Progressed = judging =>
                {
                    _ = judging ? progress.Judged++ : progress.Generated++;
                    SetStatus(context, progress.Status("evaluate"));
                },
            };
            await window.RunAsync(0, plan.BatchCount, maxInFlight);
        }
        else
        {
            await EvaluateInShardsAsync(context, input, plan, targets, Math.Max(1, shardBatches), maxInFlight, progress);
        }

        SetStatus(context, progress.Status("aggregate"));
        var aggregate = await context.CallActivityAsync<AggregateResult>(
            nameof(AggregateResultsActivity),
            new AggregateRequest(
                input.RunId, plan.Benchmark, plan.Judge, targets.Where(t => t.Name != input.Baseline).Select(t => t.Name).ToList(), plan.BatchCount, context.CurrentUtcDateTime, input.Baseline,
                TargetVariants.Pairs(targets), input.Arena, input.LcV1, new Core.Reports.ExecutionPace(plan.BatchSize, maxInFlight, plan.PaceChosen)),
            TaskRetry.Any);

        SetStatus(context, progress.Status("history"));
        var history = await context.CallActivityAsync<UpdateHistoryResult>(nameof(UpdateHistoryActivity), new UpdateHistoryRequest(input.RunId), TaskRetry.Any);
        if (history.Regressions.Count > 0)
        {
            logger.RunRegressions(input.RunId, history.PreviousRunId, string.Join("; ", history.Regressions));
        }

        SetStatus(context, progress.Status("report"));
        var report = await context.CallActivityAsync<WriteReportResult>(nameof(WriteReportActivity), new WriteReportRequest(input.RunId), TaskRetry.Any);

        SetStatus(context, progress.Status("done"));
        return new RunResult(
            input.RunId, plan.Benchmark, plan.Cases, aggregate.ReportJsonBlob, report.ReportMarkdownBlob, aggregate.Targets, history.PreviousRunId, history.Regressions);
    }

    // The canary is the built-in null model: it costs only judge calls, so it is added only for a judge whose
    // catalogue entry says how to read it (an LLM judge that a constant answer could fool).
    private static IReadOnlyList<TargetSpec> WithCanary(RunRequest input, JudgeSpec judge)
    {
        var llmJudge = judge.Ensemble is null && Assay.Core.Judges.Catalogue.JudgeCatalogue.TryResolve(judge.Name, out _)?.Descriptor.Canary.HasCanary == true;
        // A judge evaluation (case-field targets) measures the judge against gold labels; a canary there would be
        // scored against those labels too.
        var judgeEvaluation = input.Targets.Any(t => t.Kind == TargetKind.CaseField);
        // A run that asked for fresh answers (--no-cache, the nightly schedule) gets fresh canary verdicts too.
        return input.Canary && llmJudge && !judgeEvaluation && !input.Targets.Any(t => t.Kind == TargetKind.Null)
            ? [.. input.Targets, TargetSpec.Null with { NoCache = input.Targets.Any(t => t.NoCache) }]
            : input.Targets;
    }

    /// <summary>
    /// A large run as sub-orchestrations of <paramref name="shardBatches"/> batches each (every target's), two at a time so
    /// the endpoints stay busy while one shard drains; each has half the window, so the run's bound on batches in
    /// flight holds. This run's history then grows with shards and each shard's with its own batches: no history
    /// grows with the size of the benchmark, and replays stay cheap.
    /// </summary>
    private async Task EvaluateInShardsAsync(
        TaskOrchestrationContext context, RunRequest input, PlanResult plan, IReadOnlyList<TargetSpec> targets, int shardBatches, int maxInFlight, Counter progress)
    {
        var shards = (plan.BatchCount + shardBatches - 1) / shardBatches;
        var perShard = Math.Max(1, (maxInFlight + 1) / 2);
        var inFlight = new List<Task>(2);
        for (var shard = 0; shard < shards; shard++)
        {
            if (inFlight.Count >= 2)
            {
                inFlight.Remove(await Task.WhenAny(inFlight));
            }

            var first = shard * shardBatches;
            var request = new ShardRequest(
                input.RunId, targets, plan.Judge, first, Math.Min(shardBatches, plan.BatchCount - first), perShard, input.Baseline, input.Arena);
            inFlight.Add(RunShardAsync(context, request, ShardInstanceId(input.RunId, shard), progress));
        }

        await Task.WhenAll(inFlight);
    }

    private async Task RunShardAsync(TaskOrchestrationContext context, ShardRequest request, string instanceId, Counter progress)
    {
        var result = await context.CallSubOrchestratorAsync<ShardResult>(
            nameof(EvaluateShardOrchestrator), request, new SubOrchestrationOptions { InstanceId = instanceId });
        progress.Generated += result.Generated;
        progress.Judged += result.Judged;
        SetStatus(context, progress.Status("evaluate"));
    }

    // Deterministic, so a replayed or resumed run addresses the same sub-orchestrations.
    internal static string ShardInstanceId(string runId, int shard) => $"{runId}:shard:{shard:D5}";

    private void SetStatus(TaskOrchestrationContext context, RunProgress progress)
    {
        status = progress;
        context.SetCustomStatus(progress);
    }

    private sealed class Counter(int workItems, int cases, int batchSize, int window)
    {
        public int Generated { get; set; }

        public int Judged { get; set; }

        public RunProgress Status(string phase) => new(phase, workItems, Generated, Judged, cases, BatchSize: batchSize, Window: window);
    }
}
