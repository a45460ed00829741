using Assay.Core.Reports;

namespace Assay.Core.Judges.Catalogue;

/// <summary>How a report may use a metric.</summary>
public enum MetricRole
{
    /// <summary>A figure to read: charted, compared between runs, flagged as a regression by its direction.</summary>
    Score,

    /// <summary>Raw material (a position verdict, a vote, a gold label): kept in the tables, never charted or compared.</summary>
    Raw,
}

/// <summary>
/// One metric a judge writes. A name ending in <c>*</c> covers every metric with that prefix (a rubric names its own
/// metric, an ensemble keeps its members' metrics as <c>member/metric</c>).
/// </summary>
public sealed record JudgeMetric(string Name, MetricDirection Direction, MetricRole Role = MetricRole.Score)
{
    public static JudgeMetric Higher(string name) => new(name, MetricDirection.HigherIsBetter);

    public static JudgeMetric Lower(string name) => new(name, MetricDirection.LowerIsBetter);

    public static JudgeMetric Neutral(string name) => new(name, MetricDirection.Neutral);

    public static JudgeMetric Raw(string name) => new(name, MetricDirection.Neutral, MetricRole.Raw);

    public bool IsPattern => Name.EndsWith('*');

    public bool Matches(string metric) => IsPattern
        ? metric.StartsWith(Name[..^1], StringComparison.Ordinal)
        : string.Equals(Name, metric, StringComparison.Ordinal);
}
