namespace Assay.Durable.Contracts;

/// <summary>
/// Input of <c>RunEvaluationOrchestrator</c>. Only names cross the durable boundary: the benchmark is a blob in the
/// benchmarks container, targets and judges are names resolved by the activities.
/// </summary>
/// <param name="RunId">Also the orchestration instance id and the blob folder of results and reports.</param>
/// <param name="BenchmarkBlob">Blob name in the benchmarks container.</param>
/// <param name="Format">Benchmark format; inferred from the blob name when null.</param>
/// <param name="Targets">Models under test.</param>
/// <param name="Judge">Judge; the benchmark's default when null.</param>
/// <param name="JudgeEndpoint">Endpoint for an LLM judge when <paramref name="Judge"/> names none.</param>
/// <param name="BatchSize">Cases per batch; chosen by the run from its endpoints when null (<c>RunPacing</c>).</param>
/// <param name="MaxInFlight">Batches (generation then judging) in flight at once; chosen by the run when null.</param>
/// <param name="Baseline">The target every other target is compared with, for pairwise judges (arena-hard, mt-bench-pair).</param>
/// <param name="Canary">Judge the null model alongside when the judge is an LLM, to show whether it can be fooled.</param>
/// <param name="Arena">For pairwise judges instead of a baseline: every unordered pair of targets is judged (arena style).</param>
/// <param name="ShardBatches">
/// Past this many batches, evaluate shards of this many batches as sub-orchestrations, so no history grows with the
/// benchmark; null keeps every batch in this orchestration. Both hosts pass 50 by default (see docs/scale.md).
/// </param>
/// <param name="Owner">Who started the run over the HTTP API (the Entra ID object id); null for runs the app starts.</param>
/// <param name="LcV1">AlpacaEval's LC v1 data files: the report's LC win rate is then <c>length_controlled_v1</c>.</param>
public sealed record RunRequest(
    string RunId,
    string BenchmarkBlob,
    string? Format,
    IReadOnlyList<TargetSpec> Targets,
    JudgeSpec? Judge = null,
    string? JudgeEndpoint = null,
    int? BatchSize = null,
    int? MaxInFlight = null,
    bool Canary = true,
    string? Baseline = null,
    bool Arena = false,
    int? ShardBatches = null,
    string? Owner = null,
    LcV1Files? LcV1 = null);
