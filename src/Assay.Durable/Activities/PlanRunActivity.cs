using Assay.Core.Benchmarks;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Logging;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Activities;

/// <summary>
/// Reads the benchmark, validates all of it, then writes normalised batches. Validation is a full first pass so a bad
/// line anywhere stops the run before any batch exists: nothing half-written is published.
/// </summary>
public sealed class PlanRunActivity(
    RunStore store, RunSpecValidator validator, IOptions<EndpointsOptions> endpoints, IOptions<RunLimitsOptions> limits, ILogger<PlanRunActivity> logger) : TaskActivity<PlanRequest, PlanResult>
{
    private const int MaxConcurrentBatchWrites = 8;

    public override async Task<PlanResult> RunAsync(TaskActivityContext context, PlanRequest input)
    {
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var planBlob = BlobNames.Plan(input.RunId);
        if (await RunStore.TryReadJsonAsync<PlanResult>(results, planBlob, ct).ConfigureAwait(false) is { } existing)
        {
            return existing; // re-executed after a crash: the batches are already written
        }

        // The front doors checked this run with the same validator; this guard catches a request made some other way
        // (or configuration changed since), before anything is written.
        var check = validator.Check(new RunRequest(
            input.RunId, input.BenchmarkBlob, input.Format, input.Targets, input.Judge, input.JudgeEndpoint, input.BatchSize, Canary: false, Baseline: input.Baseline, Arena: input.Arena));
        if (!check.IsValid)
        {
            throw new InvalidOperationException("The run cannot start: " + string.Join("; ", check.Errors));
        }

        var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var source = new BlobBenchmarkSource(benchmarks, input.BenchmarkBlob, store.MaxBenchmarkBytes);
        var format = input.Format is { } name ? BenchmarkFormats.Get(name) : BenchmarkFormats.Infer(input.BenchmarkBlob);
        var manifest = format.DefaultManifest(source.Name);
        var judge = input.Judge ?? new JudgeSpec(manifest.DefaultJudge);
        if (judge.Endpoint is null && input.JudgeEndpoint is not null)
        {
            judge = judge with { Endpoint = input.JudgeEndpoint };
        }

        var summary = await BenchmarkValidator.ValidateAsync(format, source, ct).ConfigureAwait(false);
        var pace = RunPacing.Choose(
            summary.Cases, manifest.BatchSize, input.BatchSize, input.Window, input.Targets.Count + (input.Canary ? 1 : 0),
            EndpointConcurrency(input.Targets, judge), limits.Value.MaxBatchSize, limits.Value.MaxInFlight);
        var batchSize = pace.BatchSize;
        if (batchSize < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(input), batchSize, "batch size must be at least 1");
        }

        if (input.LcV1 is { } lcV1)
        {
            // A bad LC v1 file, or an instruction without a difficulty, would otherwise fail the run at its very end.
            await LcV1Loader.CheckAsync(store, lcV1, format, source, ct).ConfigureAwait(false);
        }

        var batch = new List<EvalCase>(batchSize);
        var batchCount = 0;
        // Generation starts only when the plan is written: its batch blobs go up a few at a time, not one after another
        // (at 10,000 cases, 79 writes one by one were a second of the run's start).
        var writes = new BoundedWrites(MaxConcurrentBatchWrites);
        await foreach (var evalCase in BenchmarkValidator.ReadValidatedAsync(format, source, ct).ConfigureAwait(false))
        {
            batch.Add(evalCase);
            if (batch.Count == batchSize)
            {
                await writes.AddAsync(RunStore.WriteLinesAsync(results, BlobNames.Batch(input.RunId, batchCount++), batch, ct)).ConfigureAwait(false);
                batch = new List<EvalCase>(batchSize);
            }
        }

        if (batch.Count > 0)
        {
            await writes.AddAsync(RunStore.WriteLinesAsync(results, BlobNames.Batch(input.RunId, batchCount++), batch, ct)).ConfigureAwait(false);
        }

        await writes.DrainAsync().ConfigureAwait(false);

        var plan = new PlanResult(manifest.Name, format.Name, judge, summary.Cases, batchSize, batchCount, pace.Window, pace.Chosen);
        await RunStore.WriteJsonAsync(results, planBlob, plan, ct).ConfigureAwait(false);
        logger.RunPlanned(input.RunId, plan.Cases, plan.Benchmark, batchCount, batchSize, pace.Window);
        return plan;
    }

    // What each distinct endpoint of the run serves at once: its targets', its judge's and an ensemble's members'.
    private List<int> EndpointConcurrency(IReadOnlyList<TargetSpec> targets, JudgeSpec judge)
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in targets)
        {
            if (target is { Kind: TargetKind.Endpoint, Endpoint: { } endpoint })
            {
                names.Add(endpoint);
            }
        }

        foreach (var member in judge.Ensemble?.Members ?? [judge])
        {
            if (member.Endpoint is { } endpoint)
            {
                names.Add(endpoint);
            }
        }

        return [.. names.Select(n => endpoints.Value.Endpoints.TryGetValue(n, out var options) ? options.MaxConcurrency : 0)];
    }
}
