using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// plan → (generate → judge) per target and batch, a bounded number in flight → aggregate → report.
/// Control flow only: deterministic, no I/O; only blob names and small summaries pass through its history.
/// </summary>
public sealed class RunEvaluationOrchestrator : TaskOrchestrator<RunRequest, RunResult>
{
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(
        maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    public override async Task<RunResult> RunAsync(TaskOrchestrationContext context, RunRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<RunEvaluationOrchestrator>();
        var maxInFlight = Math.Max(1, input.MaxInFlight);

        context.SetCustomStatus(new RunProgress("plan", 0, 0, 0, 0));
        var plan = await context.CallActivityAsync<PlanResult>(
            nameof(PlanRunActivity),
            new PlanRequest(input.RunId, input.BenchmarkBlob, input.Format, input.BatchSize, input.Targets, input.Judge, input.JudgeEndpoint, input.Baseline, input.Arena));

        // The baseline's batches first: every other target's batch is judged against the baseline's answers to it.
        var targets = WithCanary(input, plan.Judge).OrderBy(t => t.Name == input.Baseline ? 0 : 1).ToList();
        var generations = new BatchGenerations(context, input.RunId);
        var work = targets.SelectMany(_ => Enumerable.Range(0, plan.BatchCount), (target, batch) => (target, batch)).ToList();
        var progress = new Counter(work.Count, plan.Cases);
        context.SetCustomStatus(progress.Status("evaluate"));
        logger.LogInformation("Run {RunId}: {Items} batch work items, {InFlight} in flight", input.RunId, work.Count, maxInFlight);

        // A sliding window rather than one big fan-out: bounded in-flight work and a history that grows with batches.
        var inFlight = new List<Task>(maxInFlight);
        foreach (var (target, batch) in work)
        {
            if (inFlight.Count >= maxInFlight)
            {
                inFlight.Remove(await Task.WhenAny(inFlight));
            }

            inFlight.Add(input.Arena
                ? ArenaBatchAsync(context, generations, target, targets.SkipWhile(t => t.Name != target.Name).Skip(1).ToList(), plan.Judge, batch, progress)
                : EvaluateBatchAsync(context, generations, target, plan.Judge, batch, input.Baseline, progress));
        }

        await Task.WhenAll(inFlight);

        context.SetCustomStatus(progress.Status("aggregate"));
        var aggregate = await context.CallActivityAsync<AggregateResult>(
            nameof(AggregateResultsActivity),
            new AggregateRequest(
                input.RunId, plan.Benchmark, plan.Judge, targets.Where(t => t.Name != input.Baseline).Select(t => t.Name).ToList(), plan.BatchCount, context.CurrentUtcDateTime, input.Baseline,
                TargetVariants.Pairs(targets), input.Arena),
            Retry);

        context.SetCustomStatus(progress.Status("history"));
        var history = await context.CallActivityAsync<UpdateHistoryResult>(nameof(UpdateHistoryActivity), new UpdateHistoryRequest(input.RunId), Retry);
        if (history.Regressions.Count > 0)
        {
            logger.LogWarning("Run {RunId}: regressions against run {Previous}: {Regressions}", input.RunId, history.PreviousRunId, string.Join("; ", history.Regressions));
        }

        context.SetCustomStatus(progress.Status("report"));
        var report = await context.CallActivityAsync<WriteReportResult>(nameof(WriteReportActivity), new WriteReportRequest(input.RunId), Retry);

        context.SetCustomStatus(progress.Status("done"));
        return new RunResult(
            input.RunId, plan.Benchmark, plan.Cases, aggregate.ReportJsonBlob, report.ReportMarkdownBlob, aggregate.Targets, history.PreviousRunId, history.Regressions);
    }

    // The canary is the built-in null model: it costs only judge calls, and only LLM judges can be fooled by it.
    private static IReadOnlyList<TargetSpec> WithCanary(RunRequest input, JudgeSpec judge)
    {
        var llmJudge = Assay.Core.Judges.Pairwise.PairwiseJudges.IsPairwise(judge.Name)
            || Assay.Core.Judges.Rubrics.RubricJudge.IsRubric(judge.Name)
            || (Assay.Core.Judges.CaseJudges.Names.Contains(judge.Name) && Assay.Core.Judges.CaseJudges.Create(judge.Name).RequiresModel);
        // A judge evaluation (case-field targets) measures the judge against gold labels; a canary there would be
        // scored against those labels too.
        var judgeEvaluation = input.Targets.Any(t => t.Kind == TargetKind.CaseField);
        return input.Canary && llmJudge && !judgeEvaluation && !input.Targets.Any(t => t.Kind == TargetKind.Null)
            ? [.. input.Targets, TargetSpec.Null]
            : input.Targets;
    }

    private static async Task EvaluateBatchAsync(
        TaskOrchestrationContext context, BatchGenerations generations, TargetSpec target, JudgeSpec judge, int batch, string? baseline, Counter progress)
    {
        await generations.GenerateAsync(target, batch);
        progress.Generated++;
        context.SetCustomStatus(progress.Status("evaluate"));

        // The baseline of a pairwise run is not judged itself; the others wait for its answers to the same batch.
        if (target.Name != baseline)
        {
            if (baseline is not null)
            {
                await generations.Started(baseline, batch);
            }

            await context.CallActivityAsync<JudgeResult>(nameof(JudgeAnswersActivity), new JudgeRequest(generations.RunId, target, judge, batch, baseline), Retry);
        }

        progress.Judged++;
        context.SetCustomStatus(progress.Status("evaluate"));
    }

    /// <summary>
    /// Arena style: the target's batch is judged against every target after it in the run's order, so each unordered
    /// pair is judged once (in both orders, inside the judge); an opponent's generation is shared with its own item.
    /// </summary>
    private static async Task ArenaBatchAsync(
        TaskOrchestrationContext context, BatchGenerations generations, TargetSpec target, IReadOnlyList<TargetSpec> opponents, JudgeSpec judge, int batch, Counter progress)
    {
        await generations.GenerateAsync(target, batch);
        progress.Generated++;
        context.SetCustomStatus(progress.Status("evaluate"));
        await Task.WhenAll(opponents.Select(async opponent =>
        {
            await generations.GenerateAsync(opponent, batch);
            await context.CallActivityAsync<JudgeResult>(
                nameof(JudgeAnswersActivity), new JudgeRequest(generations.RunId, target, judge, batch, opponent.Name, Arena: true), Retry);
        }));

        progress.Judged++;
        context.SetCustomStatus(progress.Status("evaluate"));
    }

    /// <summary>One generation activity per target and batch, shared by everything that waits for it.</summary>
    private sealed class BatchGenerations(TaskOrchestrationContext context, string runId)
    {
        private readonly Dictionary<(string Target, int Batch), Task<GenerateResult>> started = [];

        public string RunId => runId;

        public Task GenerateAsync(TargetSpec target, int batch) =>
            started.TryGetValue((target.Name, batch), out var task)
                ? task
                : started[(target.Name, batch)] = context.CallActivityAsync<GenerateResult>(
                    nameof(GenerateAnswersActivity), new GenerateRequest(runId, target, batch), Retry);

        /// <summary>The generation of a target's batch that an earlier work item started (the baseline's come first).</summary>
        public Task Started(string target, int batch) =>
            started.TryGetValue((target, batch), out var task)
                ? task
                : throw new InvalidOperationException($"the answers of '{target}' to batch {batch} were never requested");
    }

    private sealed class Counter(int workItems, int cases)
    {
        public int Generated { get; set; }

        public int Judged { get; set; }

        public RunProgress Status(string phase) => new(phase, workItems, Generated, Judged, cases);
    }
}
