namespace Assay.Core.Reports;

/// <summary>The content of <c>reports/{runId}/report.json</c>; every other report format is rendered from it.</summary>
public sealed record EvaluationReport
{
    public int SchemaVersion { get; init; } = 1;

    public required string RunId { get; init; }

    public required string Benchmark { get; init; }

    public required string Judge { get; init; }

    public DateTimeOffset CreatedAt { get; init; }

    public required IReadOnlyList<TargetReport> Targets { get; init; }
}

/// <summary>Results of one target. <c>Cases = Scored + Unscored + Errors</c>: no case is dropped.</summary>
public sealed record TargetReport(
    string Name,
    int Cases,
    int Scored,
    int Unscored,
    int Errors,
    IReadOnlyList<MetricSummary> Metrics,
    IReadOnlyList<CategoryReport> Categories);

public sealed record CategoryReport(
    string Name,
    int Cases,
    int Scored,
    int Unscored,
    int Errors,
    IReadOnlyList<MetricSummary> Metrics);

/// <summary>Mean of a metric over the <see cref="N"/> cases that have a value, with a bootstrap 95 % interval.</summary>
public sealed record MetricSummary(string Name, double Mean, double CiLow, double CiHigh, int N);
