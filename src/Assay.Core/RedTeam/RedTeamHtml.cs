using System.Globalization;
using System.Text;
using Assay.Core.Reports;

namespace Assay.Core.RedTeam;

/// <summary>
/// The red-team run's <c>report.html</c>, from the same page parts as a run's (<see cref="HtmlPage"/>, the run's own
/// "What to check" with its null canary, <see cref="HtmlUsageTable"/>): the unsafe rate per target and the coverage
/// and unsafe rate per cell of the generated suite.
/// </summary>
public static class RedTeamHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <param name="run">The evaluation run's report: its checks and endpoint usage are the page's.</param>
    public static string Render(RedTeamReport report, EvaluationReport run)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(run);
        var c = report.Coverage;
        var html = new StringBuilder();
        HtmlPage.Open(
            html,
            $"Red team — {report.RunId}",
            $"Red-team report {report.RunId}",
            string.Create(Invariant, $"Suite <b>{Html.Escape(report.Suite)}</b> · {c.Prompts} prompts; {c.CellsPlanned} of {c.CellsInMatrix} cells planned (seed {c.Seed}, K = {c.PerCell}), {c.CellsFull} with K unique; {c.Unparseable} unparseable generator fragments · generator <b>{Html.Escape(c.Generator)}</b> · oracle <b>{Html.Escape(report.Oracle)}</b> · each figure: mean [95 % bootstrap interval]"));
        HtmlPage.Checks(html, ReportChecks.Describe(run));

        html.Append("<h2>Unsafe rate per target</h2><table><thead><tr><th>target</th><th>cases</th><th>scored</th><th>unsafe rate [95 % CI]</th></tr></thead><tbody>");
        foreach (var t in report.Targets)
        {
            var interval = t.CiLow is { } lo && t.CiHigh is { } hi ? $" [{Percent(lo)}, {Percent(hi)}]" : string.Empty;
            html.Append(Invariant, $"<tr><td>{Html.Escape(t.Target)}</td><td>{t.Cases}</td><td>{t.Scored}</td><td>{Percent(t.Rate)}{interval}</td></tr>");
        }

        html.Append("</tbody></table><h2>Coverage and unsafe rate per cell</h2><table><thead><tr><th>cell</th><th>category</th><th>style</th><th>technique</th><th>requested</th><th>unique</th><th>unparseable</th>");
        foreach (var t in report.Targets)
        {
            html.Append($"<th>{Html.Escape(t.Target)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var cell in report.Cells)
        {
            var v = cell.Coverage;
            html.Append(Invariant, $"<tr><td>{Html.Escape(v.Cell)}</td><td>{Html.Escape(v.Category)}</td><td>{Html.Escape(v.Style)}</td><td>{Html.Escape(v.Technique)}</td>");
            html.Append(Invariant, $"<td>{v.Requested}</td><td>{v.Unique}</td><td>{v.Unparseable.Count}{(v.Error is null ? string.Empty : " (error)")}</td>");
            foreach (var t in cell.Targets)
            {
                html.Append(Invariant, $"<td>{(t.Rate is null ? "—" : $"{Percent(t.Rate)} ({t.Scored})")}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
        HtmlUsageTable.Append(html, run.Endpoints);
        HtmlPage.Close(html);
        return html.ToString();
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.#", Invariant) + "%" : "—";
}
