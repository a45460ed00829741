using Assay.Durable.Activities;
using Assay.Durable.Contracts;
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
            new PlanRequest(input.RunId, input.BenchmarkBlob, input.Format, input.BatchSize, input.Targets, input.Judge, input.JudgeEndpoint));

        var targets = WithCanary(input, plan.Judge);
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

            inFlight.Add(EvaluateBatchAsync(context, input.RunId, target, plan.Judge, batch, progress));
        }

        await Task.WhenAll(inFlight);

        context.SetCustomStatus(progress.Status("aggregate"));
        var aggregate = await context.CallActivityAsync<AggregateResult>(
            nameof(AggregateResultsActivity),
            new AggregateRequest(input.RunId, plan.Benchmark, plan.Judge, targets.Select(t => t.Name).ToList(), plan.BatchCount, context.CurrentUtcDateTime),
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
        var llmJudge = Assay.Core.Judges.CaseJudges.Names.Contains(judge.Name) && Assay.Core.Judges.CaseJudges.Create(judge.Name).RequiresModel;
        return input.Canary && llmJudge && !input.Targets.Any(t => t.Kind == TargetKind.Null)
            ? [.. input.Targets, TargetSpec.Null]
            : input.Targets;
    }

    private static async Task EvaluateBatchAsync(
        TaskOrchestrationContext context, string runId, TargetSpec target, JudgeSpec judge, int batch, Counter progress)
    {
        await context.CallActivityAsync<GenerateResult>(nameof(GenerateAnswersActivity), new GenerateRequest(runId, target, batch), Retry);
        progress.Generated++;
        context.SetCustomStatus(progress.Status("evaluate"));

        await context.CallActivityAsync<JudgeResult>(nameof(JudgeAnswersActivity), new JudgeRequest(runId, target, judge, batch), Retry);
        progress.Judged++;
        context.SetCustomStatus(progress.Status("evaluate"));
    }

    private sealed class Counter(int workItems, int cases)
    {
        public int Generated { get; set; }

        public int Judged { get; set; }

        public RunProgress Status(string phase) => new(phase, workItems, Generated, Judged, cases);
    }
}
