namespace Assay.Durable.Contracts;

/// <summary>Plan a run: check its targets and judge, validate the benchmark and write its batches.</summary>
public sealed record PlanRequest(
    string RunId,
    string BenchmarkBlob,
    string? Format,
    int? BatchSize,
    IReadOnlyList<TargetSpec> Targets,
    JudgeSpec? Judge,
    string? JudgeEndpoint,
    string? Baseline = null,
    bool Arena = false,
    int? Window = null,
    bool Canary = false,
    LcV1Files? LcV1 = null);

/// <summary>What the plan found. Batches are named by <c>BlobNames.Batch(runId, i)</c> for i in [0, BatchCount).</summary>
/// <param name="Window">Work items generating at once (see <c>RunPacing</c>); 0 in a plan written before the run chose it.</param>
/// <param name="PaceChosen">Batch size and window were chosen from the endpoints, not set by the request.</param>
public sealed record PlanResult(string Benchmark, string Format, JudgeSpec Judge, int Cases, int BatchSize, int BatchCount, int Window = 0, bool PaceChosen = false);

public sealed record GenerateRequest(string RunId, TargetSpec Target, int Batch);

public sealed record GenerateResult(int Batch, string Blob, int Cases, int Errors, bool Reused);

/// <param name="Baseline">For a pairwise judge: the target whose answers to the same batch this one is compared with.</param>
/// <param name="Arena">The baseline is one opponent of an arena run: the judgments go to a blob named after the pair.</param>
public sealed record JudgeRequest(string RunId, TargetSpec Target, JudgeSpec Judge, int Batch, string? Baseline = null, bool Arena = false);

public sealed record JudgeResult(int Batch, string Blob, int Cases, int Scored, int Unscored, int Errors, bool Reused);

/// <param name="Baseline">The baseline of a pairwise run, for Bradley-Terry anchoring and win rates against it.</param>
/// <param name="Variants">Variant targets (strategy, mutation) and the plain target each is compared with.</param>
/// <param name="Arena">Every unordered pair of <paramref name="Targets"/> was judged (in list order: earlier is the candidate).</param>
public sealed record AggregateRequest(
    string RunId, string Benchmark, JudgeSpec Judge, IReadOnlyList<string> Targets, int BatchCount, DateTimeOffset CreatedAt, string? Baseline = null,
    IReadOnlyList<Core.Reports.VariantPair>? Variants = null, bool Arena = false, LcV1Files? LcV1 = null, Core.Reports.ExecutionPace? Pace = null);

public sealed record AggregateResult(string ReportJsonBlob, IReadOnlyList<TargetTotals> Targets);

public sealed record TargetTotals(string Name, int Cases, int Scored, int Unscored, int Errors);

public sealed record UpdateHistoryRequest(string RunId);

/// <summary>The run the report was compared with, and the regressions found, as <c>target: metric</c>.</summary>
public sealed record UpdateHistoryResult(string? PreviousRunId, IReadOnlyList<string> Regressions);

public sealed record WriteReportRequest(string RunId);

public sealed record WriteReportResult(string ReportMarkdownBlob, string? ReportHtmlBlob = null);

/// <summary>Custom status of a run, updated as batches finish.</summary>
/// <param name="Failure">Set when the run failed: the task that failed and why.</param>
/// <param name="BatchSize">Cases per batch, once planned (0 before).</param>
/// <param name="Window">Work items generating at once, once planned (0 before).</param>
public sealed record RunProgress(string Phase, int WorkItems, int Generated, int Judged, int Cases, RunFailure? Failure = null, int BatchSize = 0, int Window = 0);

/// <summary>
/// Why a run failed: the task (activity or sub-orchestration) whose failure ended it, the error's type and first-line
/// message, and the full chain of failures with their stack traces (<paramref name="Detail"/>, capped in size).
/// </summary>
public sealed record RunFailure(string Task, string ErrorType, string Message, string? Detail = null);

/// <summary>Output of a run: where its report is, and the totals per target.</summary>
/// <param name="Regressions">Significant drops against <paramref name="PreviousRunId"/>, as <c>target: metric</c>.</param>
public sealed record RunResult(
    string RunId,
    string Benchmark,
    int Cases,
    string ReportJsonBlob,
    string ReportMarkdownBlob,
    IReadOnlyList<TargetTotals> Targets,
    string? PreviousRunId = null,
    IReadOnlyList<string>? Regressions = null);
