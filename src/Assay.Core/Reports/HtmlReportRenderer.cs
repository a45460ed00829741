using System.Globalization;
using System.Text;
using Assay.Core.Judges;
using Assay.Core.Judges.Catalogue;

namespace Assay.Core.Reports;

/// <summary>
/// <c>report.html</c>: one self-contained page (inline CSS, inline SVG charts, a few lines of inline script for the
/// case search; no external script, font or image), rendered from report.json plus, optionally, the per-case results.
/// </summary>
public static class HtmlReportRenderer
{
    /// <summary>Cases listed in the page at most; the rest stay in the results blobs.</summary>
    public const int MaxCaseRows = 5000;

    public static string Render(EvaluationReport report, IReadOnlyList<CaseResult>? cases = null)
    {
        ArgumentNullException.ThrowIfNull(report);
        var metrics = report.Targets.SelectMany(t => t.Metrics).Select(m => m.Name).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var scales = metrics.Select(m => MetricScale.For(report, m)).ToList();
        // Charts show the figures the judge is read by, its primary metric first; raw verdicts stay in the tables.
        var charted = JudgeCatalogue.ChartedMetrics(report.Judge, metrics).Select(m => MetricScale.For(report, m)).ToList();
        var html = new StringBuilder();
        HtmlPage.Open(
            html,
            $"{report.Benchmark} — {report.RunId}",
            report.Benchmark,
            $"Run <b>{Html.Escape(report.RunId)}</b> · judge <b>{Html.Escape(report.Judge)}</b> · " +
            $"{report.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC · each figure: mean [95 % bootstrap interval]");
        HtmlPage.Checks(html, ReportChecks.Describe(report));
        html.Append("<h2>Summary</h2>");
        AppendSummary(html, report, scales);
        ErrorCauseSections.AppendHtml(html, report);
        if (report.Pairwise is { } pairwise)
        {
            html.Append($"<h2>Against the baseline {Html.Escape(pairwise.Baseline)}</h2><p>LC win rate: AlpacaEval's <code>{Html.Escape(pairwise.LengthControl)}</code>.</p><table><thead><tr><th>target</th><th>wins</th><th>ties</th><th>losses</th><th>win rate</th><th>LC win rate</th><th>Bradley-Terry score [95 % CI]</th><th>position consistency</th></tr></thead><tbody>");
            foreach (var t in pairwise.Targets)
            {
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Escape(t.Target)}</td><td>{t.Wins}</td><td>{t.Ties}</td><td>{t.Losses}</td><td>{t.WinRate * 100:0.0}%</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{(t.LengthControlledWinRate is { } lc ? lc.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a")}</td><td>{t.BtScore:0.0} [{t.BtLow:0.0}, {t.BtHigh:0.0}]</td>");
                html.Append(CultureInfo.InvariantCulture, $"<td>{(t.PositionConsistency is { } c ? (c * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a")}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        if (report.JudgeAgreement is { } agreement)
        {
            html.Append("<h2>Judge agreement with the gold labels</h2><table><thead><tr><th>subset</th><th>pairs</th><th>with a verdict</th><th>agreement</th><th>Cohen's κ</th></tr></thead><tbody>");
            foreach (var s in agreement.Subsets.Append(agreement.Overall))
            {
                var rate = s.Agreement is { } a ? (a * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "n/a";
                var kappa = s.CohenKappa is { } k ? k.ToString("0.000", CultureInfo.InvariantCulture) : "n/a";
                html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Escape(s.Subset)}</td><td>{s.Pairs}</td><td>{s.Scored}</td><td>{rate}</td><td>{kappa}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        VariantSections.AppendHtml(html, report);
        HtmlEnsembleTable.Append(html, report.Ensemble);
        HtmlArenaTable.Append(html, report.Arena);
        html.Append("<h2>Leaderboard</h2><div class=\"charts\">");
        foreach (var scale in charted)
        {
            html.Append(SvgCharts.Leaderboard(report, scale));
        }

        html.Append("</div>");
        if (report.Targets.Any(t => t.Categories.Count > 1))
        {
            html.Append("<h2>By category</h2>");
            foreach (var scale in charted.Take(3))
            {
                html.Append($"<h3>{Html.Escape(scale.Metric)}</h3>").Append(SvgCharts.Heatmap(report, scale));
            }
        }

        if (cases is { Count: > 0 } && scales.Count > 0)
        {
            if (charted.Count > 0)
            {
                AppendScatter(html, report, cases, charted[0]);
            }

            CaseTable.Append(html, cases, metrics, MaxCaseRows);
        }

        HtmlUsageTable.Append(html, report.Endpoints, report.Pace);
        HtmlPage.Close(html);
        return html.ToString();
    }

    private static void AppendSummary(StringBuilder html, EvaluationReport report, IReadOnlyList<MetricScale> scales)
    {
        html.Append("<table><thead><tr><th>target</th><th>cases</th><th>scored</th><th>unscored</th><th>errors</th>");
        foreach (var scale in scales)
        {
            html.Append($"<th>{Html.Escape(scale.Metric)}</th>");
        }

        html.Append("</tr></thead><tbody>");
        foreach (var target in report.Targets)
        {
            html.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.Escape(target.Name)}</td><td>{target.Cases}</td><td>{target.Scored}</td><td>{target.Unscored}</td><td>{target.Errors}</td>");
            foreach (var scale in scales)
            {
                html.Append($"<td>{Html.Escape(scale.Format(target.Metrics.FirstOrDefault(m => m.Name == scale.Metric)))}</td>");
            }

            html.Append("</tr>");
        }

        html.Append("</tbody></table>");
    }

    private static void AppendScatter(StringBuilder html, EvaluationReport report, IReadOnlyList<CaseResult> cases, MetricScale scale)
    {
        var targets = report.Targets.Select(t => t.Name).ToList();
        var points = cases
            .Select(c => (Target: targets.IndexOf(c.Target), c.AnswerLength, Value: c.Scores.FirstOrDefault(s => s.Name == scale.Metric)?.Value))
            .Where(p => p.Target >= 0 && p.Value is not null)
            .Take(MaxCaseRows)
            .Select(p => (p.Target, (double)p.AnswerLength, p.Value!.Value))
            .ToList();
        html.Append($"<h2>{Html.Escape(scale.Metric)} against answer length</h2>").Append(SvgCharts.Scatter(points, targets, scale));
    }

    internal const string Style =
        "body{font:14px/1.45 system-ui,-apple-system,'Segoe UI',sans-serif;margin:24px auto;max-width:1100px;color:#111;padding:0 16px}" +
        "h1{margin:0 0 4px}h2{margin-top:28px;border-bottom:1px solid #ddd;padding-bottom:4px}.meta{color:#555}" +
        "table{border-collapse:collapse;margin:8px 0;font-size:13px}th,td{border:1px solid #ddd;padding:4px 8px;text-align:left;vertical-align:top}" +
        "th{background:#f3f4f6}.flags li.warn{color:#9a3412}.flags li.ok{color:#166534}.chart{display:block;margin:8px 0;max-width:100%;height:auto}" +
        ".chart text{font-size:12px;fill:#111}.chart .axis{fill:#555;font-size:11px}.chart .cell{font-size:11px}" +
        "#case-search{padding:6px;width:320px;margin:8px 0}.raw{max-width:420px;white-space:pre-wrap;word-break:break-word;color:#444}";

    internal const string Script =
        "(function(){var s=document.getElementById('case-search');if(s){var rows=document.querySelectorAll('#cases tbody tr');" +
        "s.addEventListener('input',function(){var q=s.value.toLowerCase();var shown=0;rows.forEach(function(r){var m=r.textContent.toLowerCase().indexOf(q)>=0;" +
        "r.style.display=m?'':'none';if(m)shown++;});document.getElementById('case-count').textContent=shown;});}" +
        "document.body.setAttribute('data-ready','1');})();";
}
