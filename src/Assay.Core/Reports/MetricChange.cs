namespace Assay.Core.Reports;

/// <summary>One metric of one target, compared between a previous run and this one.</summary>
/// <param name="Regression">The intervals do not overlap and the metric moved the wrong way.</param>
/// <param name="Improvement">The intervals do not overlap and the metric moved the right way.</param>
public sealed record MetricChange(
    string Target,
    string Metric,
    MetricSummary Previous,
    MetricSummary Current,
    double Delta,
    bool Regression,
    bool Improvement);
