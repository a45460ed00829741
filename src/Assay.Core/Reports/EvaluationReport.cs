using Assay.Core.Accounting;

namespace Assay.Core.Reports;

/// <summary>The content of <c>reports/{runId}/report.json</c>; every other report format is rendered from it.</summary>
public sealed record EvaluationReport
{
    /// <summary>Version 2 added endpoints, integrity and comparison; see docs/report-schema.md.</summary>
    public const int CurrentSchemaVersion = 2;

    public int SchemaVersion { get; init; } = CurrentSchemaVersion;

    public required string RunId { get; init; }

    public required string Benchmark { get; init; }

    public required string Judge { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<TargetReport> Targets { get; init; }

    /// <summary>Errored cases grouped by cause (who failed, how, how often, the first case ids); absent when none errored.</summary>
    public IReadOnlyList<ErrorCause>? ErrorCauses { get; init; }

    /// <summary>Calls, tokens, latency and cost per endpoint; absent when the run called no endpoint.</summary>
    public EndpointsSection? Endpoints { get; init; }

    /// <summary>The batch size and window the run used; absent in reports written before runs chose them.</summary>
    public ExecutionPace? Pace { get; init; }

    /// <summary>The checks every judged run gets: canary, constant answers, answers addressing the judge, judge biases.</summary>
    public Integrity.IntegrityReport? Integrity { get; init; }

    /// <summary>For a pairwise judge: every target against the baseline (win/tie/loss, LC win rate, Bradley-Terry).</summary>
    public PairwiseSection? Pairwise { get; init; }

    /// <summary>For an arena run: Bradley-Terry ratings over all pairs of targets and the pairwise win matrix.</summary>
    public ArenaSection? Arena { get; init; }

    /// <summary>For a run over labelled pairs: the judge's agreement with the gold labels and Cohen's kappa, per subset.</summary>
    public JudgeEval.JudgeAgreementResult? JudgeAgreement { get; init; }

    /// <summary>For a run over RewardBench: accuracy per subset (ties 0.5), per section (Chat, Chat Hard, Safety, Reasoning) and overall.</summary>
    public JudgeEval.RewardBenchResult? RewardBench { get; init; }

    /// <summary>For a judge ensemble over labelled cases: each member's, the majority's and Hedge's agreement with the labels.</summary>
    public EnsembleSection? Ensemble { get; init; }

    /// <summary>This run against the previous run of the same benchmark and judge; absent for a first run.</summary>
    public RunComparison? Comparison { get; init; }

    /// <summary>Each variant target (strategy, mutation) against its plain target on the same cases; absent without variants.</summary>
    public IReadOnlyList<VariantComparison>? Variants { get; init; }
}

/// <summary>Results of one target. <c>Cases = Scored + Unscored + Errors</c>: no case is dropped.</summary>
public sealed record TargetReport(
    string Name,
    int Cases,
    int Scored,
    int Unscored,
    int Errors,
    IReadOnlyList<MetricSummary> Metrics,
    IReadOnlyList<CategoryReport> Categories,
    IReadOnlyList<BreakdownReport>? Breakdowns = null);

/// <summary>A target's results split by one case field or tag (<see cref="Key"/>), one entry per value.</summary>
public sealed record BreakdownReport(string Key, IReadOnlyList<CategoryReport> Values);

public sealed record CategoryReport(
    string Name,
    int Cases,
    int Scored,
    int Unscored,
    int Errors,
    IReadOnlyList<MetricSummary> Metrics);

/// <summary>
/// Mean of a metric over the <see cref="N"/> cases that have a value, with a bootstrap 95 % interval. With several
/// samples per case, each case counts once with the mean of its samples, and <see cref="RepeatVariance"/> is the mean
/// over cases of the variance between their samples.
/// </summary>
public sealed record MetricSummary(string Name, double Mean, double CiLow, double CiHigh, int N, double? RepeatVariance = null);
