namespace Assay.Core.Reports;

/// <summary>
/// <c>reports/index.json</c>: every finished run, newest last, so a run can be compared with the previous run of the
/// same benchmark and judge and a history can be listed without opening every report.
/// </summary>
public sealed record ReportIndex
{
    public int SchemaVersion { get; init; } = 1;

    public IReadOnlyList<ReportIndexEntry> Runs { get; init; } = [];

    /// <summary>The latest run of the same benchmark and judge created before <paramref name="report"/>, if any.</summary>
    public ReportIndexEntry? Previous(EvaluationReport report) => Runs
        .Where(r => r.RunId != report.RunId && r.Benchmark == report.Benchmark && r.Judge == report.Judge && r.CreatedAt < report.CreatedAt)
        .MaxBy(r => r.CreatedAt);

    /// <summary>This index with <paramref name="entry"/> added, or replacing the entry of the same run (re-runs are idempotent).</summary>
    public ReportIndex With(ReportIndexEntry entry) => this with
    {
        Runs = Runs.Where(r => r.RunId != entry.RunId).Append(entry).OrderBy(r => r.CreatedAt).ThenBy(r => r.RunId, StringComparer.Ordinal).ToList(),
    };
}
