namespace Assay.Core.Reports;

/// <summary>One run in the index.</summary>
/// <param name="Regressions">Target/metric pairs flagged against the previous run, as <c>target: metric</c>.</param>
public sealed record ReportIndexEntry(
    string RunId,
    string Benchmark,
    string Judge,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> Targets,
    string? PreviousRunId,
    IReadOnlyList<string> Regressions);
