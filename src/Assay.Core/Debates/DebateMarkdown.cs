using System.Globalization;
using System.Text;

namespace Assay.Core.Debates;

/// <summary>Renders <c>debate-report.md</c> from the report JSON.</summary>
public static class DebateMarkdown
{
    public static string Render(DebateReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var md = new StringBuilder();
        md.AppendLine(CultureInfo.InvariantCulture, $"# Debates {report.RunId}");
        md.AppendLine();
        md.AppendLine(CultureInfo.InvariantCulture, $"{report.Claims} claims from {report.ClaimsFile}, at most {report.MaxRounds} rounds. " +
            $"Persuader `{report.Endpoints.Persuader}` (helper `{report.Endpoints.Helper}`), debater `{report.Endpoints.Debater}`, moderator `{report.Endpoints.Moderator}`.");
        md.AppendLine();
        md.AppendLine("| mode | debates | scored | unscored | convinced | convinced rate | 95% CI | mean rounds to conviction | terminated |");
        md.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var m in report.Modes)
        {
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {m.Mode} | {m.Debates} | {m.Scored} | {m.Unscored} | {m.Convinced} | {Percent(m.Rate)} | {Interval(m.CiLow, m.CiHigh)} | {Number(m.MeanRoundsToConviction)} | {m.Terminated} |");
        }

        if (report.Differences.Count > 0)
        {
            md.AppendLine();
            md.AppendLine("| difference | paired claims | convinced rate difference | 95% CI |");
            md.AppendLine("|---|---|---|---|");
            foreach (var d in report.Differences)
            {
                md.AppendLine(CultureInfo.InvariantCulture, $"| {d.Mode} − {d.Baseline} | {d.Pairs} | {Points(d.Difference)} | {Interval(d.CiLow, d.CiHigh, points: true)} |");
            }
        }

        md.AppendLine();
        md.AppendLine("## Debates");
        md.AppendLine();
        md.AppendLine("| claim | mode | result | rounds | reason | helper labels | transcript |");
        md.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var d in report.Debates)
        {
            var labels = d.Labels is null ? string.Empty : string.Join("; ", d.Labels);
            md.AppendLine(CultureInfo.InvariantCulture,
                $"| {Cell(d.ClaimId)} | {d.Mode} | {Result(d.Result)} | {d.Rounds} | {Cell(d.Reason)} | {Cell(labels)} | {Cell(d.Transcript ?? string.Empty)} |");
        }

        return md.ToString();
    }

    private static string Result(DebateResult result) => result switch
    {
        DebateResult.Convinced => "convinced",
        DebateResult.NotConvinced => "not convinced",
        _ => "unscored",
    };

    private static string Percent(double? value) => value is { } v ? (v * 100).ToString("F1", CultureInfo.InvariantCulture) + "%" : "n/a";

    private static string Points(double? value) => value is { } v ? (v * 100).ToString("+0.0;-0.0;0.0", CultureInfo.InvariantCulture) + " pp" : "n/a";

    private static string Number(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "n/a";

    private static string Interval(double? low, double? high, bool points = false) =>
        low is null || high is null ? "n/a" : points ? $"[{Points(low)}, {Points(high)}]" : $"[{Percent(low)}, {Percent(high)}]";

    private static string Cell(string text)
    {
        var line = text.ReplaceLineEndings(" ").Replace("|", "\\|", StringComparison.Ordinal);
        return line.Length <= 160 ? line : line[..160] + "…";
    }
}
