namespace Assay.Durable.Contracts;

/// <summary>
/// One shard of a large run: batches [FirstBatch, FirstBatch + BatchCount) of every target, evaluated by
/// <c>EvaluateShardOrchestrator</c> as a sub-orchestration so that each history stays small.
/// </summary>
/// <param name="Targets">In evaluation order, the baseline's first.</param>
/// <param name="MaxInFlight">Batches of this shard in flight at once.</param>
/// <param name="Arena">Judge every pair of targets instead of each target against the baseline.</param>
public sealed record ShardRequest(
    string RunId, IReadOnlyList<TargetSpec> Targets, JudgeSpec Judge, int FirstBatch, int BatchCount, int MaxInFlight, string? Baseline = null, bool Arena = false);

/// <summary>Work items (target × batch) the shard generated and judged.</summary>
public sealed record ShardResult(int Generated, int Judged);
