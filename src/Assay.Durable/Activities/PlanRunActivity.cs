using Assay.Core.Benchmarks;
using Assay.Durable.Contracts;
using Assay.Durable.Resolution;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Activities;

/// <summary>
/// Reads the benchmark, validates all of it, then writes normalised batches. Validation is a full first pass so a bad
/// line anywhere stops the run before any batch exists: nothing half-written is published.
/// </summary>
public sealed class PlanRunActivity(RunStore store, TargetResolver targets, JudgeResolver judges, ILogger<PlanRunActivity> logger) : TaskActivity<PlanRequest, PlanResult>
{
    public override async Task<PlanResult> RunAsync(TaskActivityContext context, PlanRequest input)
    {
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var planBlob = BlobNames.Plan(input.RunId);
        if (await RunStore.TryReadJsonAsync<PlanResult>(results, planBlob, ct).ConfigureAwait(false) is { } existing)
        {
            return existing; // re-executed after a crash: the batches are already written
        }

        var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var source = new BlobBenchmarkSource(benchmarks, input.BenchmarkBlob, store.MaxBenchmarkBytes);
        var format = input.Format is { } name ? BenchmarkFormats.Get(name) : BenchmarkFormats.Infer(input.BenchmarkBlob);
        var manifest = format.DefaultManifest(source.Name);
        var batchSize = input.BatchSize ?? manifest.BatchSize;
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), batchSize, "batch size must be at least 1");
        }

        var judge = input.Judge ?? new JudgeSpec(manifest.DefaultJudge);
        if (judge.Endpoint is null && input.JudgeEndpoint is not null)
        {
            judge = judge with { Endpoint = input.JudgeEndpoint };
        }

        CheckTargetsAndJudge(input.Targets, judge, input.Baseline, input.Arena);
        var summary = await BenchmarkValidator.ValidateAsync(format, source, ct).ConfigureAwait(false);

        var batch = new List<EvalCase>(batchSize);
        var batchCount = 0;
        await foreach (var evalCase in BenchmarkValidator.ReadValidatedAsync(format, source, ct).ConfigureAwait(false))
        {
            batch.Add(evalCase);
            if (batch.Count == batchSize)
            {
                await RunStore.WriteLinesAsync(results, BlobNames.Batch(input.RunId, batchCount++), batch, ct).ConfigureAwait(false);
                batch.Clear();
            }
        }

        if (batch.Count > 0)
        {
            await RunStore.WriteLinesAsync(results, BlobNames.Batch(input.RunId, batchCount++), batch, ct).ConfigureAwait(false);
        }

        var plan = new PlanResult(manifest.Name, format.Name, judge, summary.Cases, batchSize, batchCount);
        await RunStore.WriteJsonAsync(results, planBlob, plan, ct).ConfigureAwait(false);
        logger.LogInformation(
            "Run {RunId}: {Cases} cases of {Benchmark} in {Batches} batches", input.RunId, plan.Cases, plan.Benchmark, batchCount);
        return plan;
    }

    /// <summary>Why an arena run cannot be made: it needs a pairwise judge, no baseline and two targets to pair.</summary>
    public static string? ArenaProblem(bool pairwiseJudge, string? baseline, int targetCount) =>
        !pairwiseJudge ? $"an arena run judges pairs of targets: it needs a pairwise judge ({string.Join(", ", Core.Judges.Pairwise.PairwiseJudges.Names)})"
        : baseline is not null ? $"an arena run compares every pair of targets, so it takes no baseline ('{baseline}')"
        : targetCount < 2 ? "an arena run needs at least two targets to pair"
        : null;

    private void CheckTargetsAndJudge(IReadOnlyList<TargetSpec> specs, JudgeSpec judge, string? baseline, bool arena)
    {
        var problems = specs.Select(targets.Check).Append(judges.Check(judge)).OfType<string>().ToList();
        var pairwise = Core.Judges.Pairwise.PairwiseJudges.IsPairwise(judge.Name);
        if (arena && ArenaProblem(pairwise, baseline, specs.Count) is { } problem)
        {
            problems.Add(problem);
        }
        else if (!arena && pairwise && (baseline is null || !specs.Any(t => t.Name == baseline)))
        {
            problems.Add($"judge '{judge.Name}' compares every target with a baseline: name one of the run's targets as the baseline ({string.Join(", ", specs.Select(t => t.Name))})");
        }
        else if (!pairwise && baseline is not null)
        {
            problems.Add($"a baseline ('{baseline}') is only used by pairwise judges ({string.Join(", ", Core.Judges.Pairwise.PairwiseJudges.Names)})");
        }

        var duplicates = specs.GroupBy(t => BlobNames.Safe(t.Name), StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1);
        problems.AddRange(duplicates.Select(g => $"two targets share the name '{g.Key}'"));
        if (specs.Count == 0)
        {
            problems.Add("a run needs at least one target");
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException("The run cannot start: " + string.Join("; ", problems));
        }
    }
}
