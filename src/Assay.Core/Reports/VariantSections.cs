using System.Globalization;
using System.Text;

namespace Assay.Core.Reports;

/// <summary>
/// The report sections of task styles, shared by report.md and report.html: variants against their plain target
/// (paired difference per metric) and the breakdowns by case field or trust tag.
/// </summary>
public static class VariantSections
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void AppendMarkdown(StringBuilder md, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(md);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Variants is { Count: > 0 } variants)
        {
            md.Append("\n## Variants against their plain target\n\nPaired by case: mean of (variant - plain) [95 % bootstrap interval]; * when the interval excludes 0.\n\n");
            md.Append("| variant | plain | strategy | mutation | metric | cases | variant | plain | difference |\n|---|---|---|---|---|---:|---:|---:|---:|\n");
            foreach (var (v, d) in variants.SelectMany(v => v.Metrics.Select(d => (v, d))))
            {
                var scale = MetricScale.For(report, d.Metric);
                md.Append(Invariant, $"| {MarkdownReportRenderer.Escape(v.Target)} | {MarkdownReportRenderer.Escape(v.Base)} | {v.Strategy ?? "plain"} | {MarkdownReportRenderer.Escape(v.Mutation ?? "none")} | {MarkdownReportRenderer.Escape(d.Metric)} | {d.N} | ");
                md.Append(Invariant, $"{scale.Format(d.TargetMean)} | {scale.Format(d.BaseMean)} | {Difference(scale, d)} |\n");
            }
        }

        foreach (var target in report.Targets.Where(t => t.Breakdowns is { Count: > 0 }))
        {
            md.Append(Invariant, $"\n## Breakdowns of {MarkdownReportRenderer.Escape(target.Name)}\n");
            foreach (var breakdown in target.Breakdowns!)
            {
                var metrics = breakdown.Values.SelectMany(v => v.Metrics.Select(m => m.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
                md.Append(Invariant, $"\n### by {MarkdownReportRenderer.Escape(breakdown.Key)}\n\n| {MarkdownReportRenderer.Escape(breakdown.Key)} | cases | scored | unscored | errors |");
                md.Append(string.Concat(metrics.Select(m => $" {MarkdownReportRenderer.Escape(m)} |"))).Append("\n|---|---:|---:|---:|---:|");
                md.Append(string.Concat(Enumerable.Repeat("---:|", metrics.Count))).Append('\n');
                foreach (var value in breakdown.Values)
                {
                    md.Append(Invariant, $"| {MarkdownReportRenderer.Escape(value.Name)} | {value.Cases} | {value.Scored} | {value.Unscored} | {value.Errors} |");
                    md.Append(string.Concat(metrics.Select(m => $" {MetricScale.For(report, m).Format(value.Metrics.FirstOrDefault(s => s.Name == m))} |"))).Append('\n');
                }
            }
        }
    }

    public static void AppendHtml(StringBuilder html, EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(html);
        ArgumentNullException.ThrowIfNull(report);
        if (report.Variants is { Count: > 0 } variants)
        {
            html.Append("<h2>Variants against their plain target</h2><p class=\"meta\">Paired by case: mean of (variant − plain) [95 % bootstrap interval]; * when the interval excludes 0.</p>");
            html.Append("<table><thead><tr><th>variant</th><th>plain</th><th>strategy</th><th>mutation</th><th>metric</th><th>cases</th><th>variant</th><th>plain</th><th>difference</th></tr></thead><tbody>");
            foreach (var (v, d) in variants.SelectMany(v => v.Metrics.Select(d => (v, d))))
            {
                var scale = MetricScale.For(report, d.Metric);
                html.Append(Invariant, $"<tr><td>{Html.Escape(v.Target)}</td><td>{Html.Escape(v.Base)}</td><td>{Html.Escape(v.Strategy ?? "plain")}</td><td>{Html.Escape(v.Mutation ?? "none")}</td>");
                html.Append(Invariant, $"<td>{Html.Escape(d.Metric)}</td><td>{d.N}</td><td>{scale.Format(d.TargetMean)}</td><td>{scale.Format(d.BaseMean)}</td><td>{Html.Escape(Difference(scale, d))}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        foreach (var target in report.Targets.Where(t => t.Breakdowns is { Count: > 0 }))
        {
            html.Append($"<h2>Breakdowns of {Html.Escape(target.Name)}</h2>");
            foreach (var breakdown in target.Breakdowns!)
            {
                var metrics = breakdown.Values.SelectMany(v => v.Metrics.Select(m => m.Name)).Distinct().Order(StringComparer.Ordinal).ToList();
                html.Append($"<h3>by {Html.Escape(breakdown.Key)}</h3><table><thead><tr><th>{Html.Escape(breakdown.Key)}</th><th>cases</th><th>scored</th><th>unscored</th><th>errors</th>");
                html.Append(string.Concat(metrics.Select(m => $"<th>{Html.Escape(m)}</th>"))).Append("</tr></thead><tbody>");
                foreach (var value in breakdown.Values)
                {
                    html.Append(Invariant, $"<tr><td>{Html.Escape(value.Name)}</td><td>{value.Cases}</td><td>{value.Scored}</td><td>{value.Unscored}</td><td>{value.Errors}</td>");
                    html.Append(string.Concat(metrics.Select(m => $"<td>{Html.Escape(MetricScale.For(report, m).Format(value.Metrics.FirstOrDefault(s => s.Name == m)))}</td>"))).Append("</tr>");
                }

                html.Append("</tbody></table>");
            }
        }
    }

    // Rates as percentage points, scores as plain differences.
    private static string Difference(MetricScale scale, PairedDifference d)
    {
        string F(double x) => scale.IsRate
            ? (x * 100).ToString("+0.0;-0.0;0.0", Invariant) + " pt"
            : x.ToString("+0.00;-0.00;0.00", Invariant);
        return $"{F(d.Difference)} [{F(d.CiLow)}, {F(d.CiHigh)}]{(d.Significant ? " *" : string.Empty)}";
    }
}
