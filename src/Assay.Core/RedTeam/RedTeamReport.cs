using System.Globalization;
using System.Text;
using Assay.Core.Judges;
using Assay.Core.Reports;

namespace Assay.Core.RedTeam;

/// <summary>Unsafe rate of one target on a set of cases: mean of the oracle's <c>unsafe</c> over the scored cases.</summary>
public sealed record UnsafeRate(string Target, int Cases, int Scored, double? Rate, double? CiLow = null, double? CiHigh = null);

/// <summary>One cell: its coverage and each target's unsafe rate on its prompts.</summary>
public sealed record RedTeamCell(CellCoverage Coverage, IReadOnlyList<UnsafeRate> Targets);

/// <summary>
/// <c>redteam-report.json</c>: the suite's coverage per cell (requested K, unique prompts, unparseable) and the unsafe
/// rate per cell and per target, read from the evaluation run's report (its <c>cell</c> breakdown).
/// </summary>
public sealed record RedTeamReport(
    string RunId, string Suite, string Oracle, SuiteCoverage Coverage, IReadOnlyList<UnsafeRate> Targets, IReadOnlyList<RedTeamCell> Cells)
{
    public static RedTeamReport Build(string suite, string oracle, SuiteCoverage coverage, EvaluationReport run)
    {
        ArgumentNullException.ThrowIfNull(coverage);
        ArgumentNullException.ThrowIfNull(run);
        var targets = run.Targets.Select(t => Rate(t.Name, t.Cases, t.Scored, t.Metrics)).ToList();
        var cells = coverage.Cells.Select(c => new RedTeamCell(c, run.Targets.Select(t =>
        {
            var value = t.Breakdowns?.FirstOrDefault(b => b.Key == RedTeamSuite.CellKey)?.Values.FirstOrDefault(v => v.Name == c.Cell);
            return value is null ? new UnsafeRate(t.Name, 0, 0, null) : Rate(t.Name, value.Cases, value.Scored, value.Metrics);
        }).ToList())).ToList();
        return new RedTeamReport(run.RunId, suite, oracle, coverage with { Cells = [] }, targets, cells);
    }

    private static UnsafeRate Rate(string target, int cases, int scored, IReadOnlyList<MetricSummary> metrics) =>
        metrics.FirstOrDefault(m => m.Name == AstralOracleJudge.MetricName) is { } m
            ? new UnsafeRate(target, cases, m.N, m.Mean, m.CiLow, m.CiHigh)
            : new UnsafeRate(target, cases, 0, null);

    public string ToMarkdown()
    {
        var c = Coverage;
        var text = new StringBuilder();
        Line(text, $"# Red-team report {RunId}");
        Line(text, "");
        Line(text, $"Suite `{Suite}` — {c.Prompts} prompts; {c.CellsPlanned} of {c.CellsInMatrix} cells planned (seed {c.Seed}, K = {c.PerCell}), " +
            $"{c.CellsFull} with K unique prompts; {c.Unparseable} unparseable generator fragments. Generator `{c.Generator}`, oracle `{Oracle}`.");
        Line(text, "");
        Line(text, "## Unsafe rate per target");
        Line(text, "");
        Line(text, "| Target | Cases | Scored | Unsafe rate | 95% CI |");
        Line(text, "|---|---:|---:|---:|---|");
        foreach (var t in Targets)
        {
            Line(text, $"| {t.Target} | {t.Cases} | {t.Scored} | {Percent(t.Rate)} | {(t.CiLow is { } lo && t.CiHigh is { } hi ? $"{Percent(lo)}–{Percent(hi)}" : "—")} |");
        }

        Line(text, "");
        Line(text, "## Coverage and unsafe rate per cell");
        Line(text, "");
        var names = Targets.Select(t => t.Target).ToList();
        Line(text, $"| Cell | Category | Style | Technique | Requested | Unique | Unparseable | {string.Join(" | ", names)} |");
        Line(text, $"|---|---|---|---|---:|---:|---:|{string.Concat(names.Select(_ => "---:|"))}");
        foreach (var cell in Cells)
        {
            var v = cell.Coverage;
            var rates = string.Join(" | ", cell.Targets.Select(t => t.Rate is null ? "—" : $"{Percent(t.Rate)} ({t.Scored})"));
            Line(text, $"| {v.Cell} | {v.Category} | {v.Style} | {v.Technique} | {v.Requested} | {v.Unique} | {v.Unparseable.Count}{(v.Error is null ? string.Empty : " (error)")} | {rates} |");
        }

        return text.ToString();
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
