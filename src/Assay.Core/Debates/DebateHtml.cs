using System.Globalization;
using System.Text;
using Assay.Core.Reports;

namespace Assay.Core.Debates;

/// <summary>
/// The debate run's <c>report.html</c>, built from the same page parts as a run's (<see cref="HtmlPage"/>, the
/// endpoints table <see cref="HtmlUsageTable"/>): what to check, convinced rate per mode, the paired differences, and
/// every debate with its result and transcript folder.
/// </summary>
public static class DebateHtml
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static string Render(DebateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var html = new StringBuilder();
        var e = report.Endpoints;
        HtmlPage.Open(
            html,
            $"Debates — {report.RunId}",
            $"Debates {report.RunId}",
            string.Create(Invariant, $"{report.Claims} claims from <b>{Html.Escape(report.ClaimsFile)}</b>, at most {report.MaxRounds} rounds · persuader <b>{Html.Escape(e.Persuader)}</b> (helper <b>{Html.Escape(e.Helper)}</b>) · debater <b>{Html.Escape(e.Debater)}</b> · moderator <b>{Html.Escape(e.Moderator)}</b> · {report.CreatedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        HtmlPage.Checks(html, DebateChecks.Describe(report));

        html.Append("<h2>Convinced rate per mode</h2><table><thead><tr><th>mode</th><th>debates</th><th>scored</th><th>unscored</th><th>convinced</th>");
        html.Append("<th>convinced rate [95 % CI]</th><th>mean rounds to conviction</th><th>terminated</th></tr></thead><tbody>");
        foreach (var m in report.Modes)
        {
            html.Append(Invariant, $"<tr><td>{Html.Escape(m.Mode)}</td><td>{m.Debates}</td><td>{m.Scored}</td><td>{m.Unscored}</td><td>{m.Convinced}</td>");
            html.Append(Invariant, $"<td>{Percent(m.Rate)} {Interval(m.CiLow, m.CiHigh, Percent)}</td><td>{(m.MeanRoundsToConviction is { } r ? r.ToString("0.00", Invariant) : "n/a")}</td><td>{m.Terminated}</td></tr>");
        }

        html.Append("</tbody></table>");
        if (report.Differences.Count > 0)
        {
            html.Append("<h2>Paired differences</h2><table><thead><tr><th>difference</th><th>paired claims</th><th>convinced rate difference [95 % CI]</th></tr></thead><tbody>");
            foreach (var d in report.Differences)
            {
                html.Append(Invariant, $"<tr><td>{Html.Escape(d.Mode)} − {Html.Escape(d.Baseline)}</td><td>{d.Pairs}</td><td>{Points(d.Difference)} {Interval(d.CiLow, d.CiHigh, Points)}</td></tr>");
            }

            html.Append("</tbody></table>");
        }

        HtmlUsageTable.Append(html, report.Usage);
        html.Append("<h2>Debates</h2><table id=\"cases\"><thead><tr><th>claim</th><th>mode</th><th>result</th><th>rounds</th><th>reason</th><th>helper labels</th><th>transcript</th></tr></thead><tbody>");
        foreach (var d in report.Debates)
        {
            var result = d.Result switch { DebateResult.Convinced => "convinced", DebateResult.NotConvinced => "not convinced", _ => "unscored" };
            html.Append(Invariant, $"<tr><td>{Html.Escape(d.ClaimId)}</td><td>{Html.Escape(d.Mode)}</td><td>{result}</td><td>{d.Rounds}</td><td class=\"raw\">{Html.Escape(d.Reason)}</td>");
            html.Append($"<td>{Html.Escape(string.Join("; ", d.Labels ?? []))}</td><td>{Html.Escape(d.Transcript)}</td></tr>");
        }

        html.Append("</tbody></table>");
        HtmlPage.Close(html);
        return html.ToString();
    }

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("0.0", Invariant) + "%" : "n/a";

    private static string Points(double? value) => value is { } v ? (v * 100).ToString("+0.0;-0.0;0.0", Invariant) + " pp" : "n/a";

    private static string Interval(double? low, double? high, Func<double?, string> format) =>
        low is null || high is null ? string.Empty : $"[{format(low)}, {format(high)}]";
}
