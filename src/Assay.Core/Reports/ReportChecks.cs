using System.Globalization;

namespace Assay.Core.Reports;

/// <summary>
/// What a reader should check before trusting a report, in plain words, shared by report.md and report.html:
/// unscored and errored cases, the integrity flags, the null canary, and regressions against the previous run.
/// </summary>
public static class ReportChecks
{
    public static IEnumerable<(bool Warning, string Text)> Describe(EvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var any = false;
        foreach (var target in report.Targets)
        {
            if (target.Unscored > 0)
            {
                any = true;
                yield return (true, $"{target.Name}: the judge's output for {target.Unscored} of {target.Cases} cases could not be read as a verdict. Those cases are unscored (not counted as 0) and left out of the means; their raw judge text is in the results.");
            }

            if (target.Errors > 0)
            {
                any = true;
                yield return (true, $"{target.Name}: {target.Errors} of {target.Cases} cases have no verdict because the model or the judge call failed; the causes are in the results.");
            }
        }

        foreach (var flag in report.Integrity?.Targets.SelectMany(t => t.Flags) ?? [])
        {
            any = true;
            yield return (true, flag);
        }

        foreach (var t in report.Pairwise?.Targets.Where(t => t.LengthSensitive) ?? [])
        {
            any = true;
            yield return (true, string.Create(
                CultureInfo.InvariantCulture,
                $"{t.Target}: its length-controlled win rate ({t.LengthControlledWinRate:0.0}%) differs from its raw win rate ({t.RawWinRate:0.0}%) by more than {Statistics.LengthControlledWinRate.WarningGap:0} points: answer length sways the judge."));
        }

        if (report.Integrity?.Canary is { } canary)
        {
            any |= canary.Flagged;
            yield return (canary.Flagged, canary.Message);
        }
        else if (report.Integrity?.CanaryNote is { } note)
        {
            yield return (false, note);
        }

        foreach (var regression in report.Comparison?.Regressions ?? [])
        {
            any = true;
            yield return (true, string.Create(
                CultureInfo.InvariantCulture,
                $"Regression against run {report.Comparison!.PreviousRunId}: {regression.Target} {regression.Metric} {(regression.Delta < 0 ? "fell" : "rose")} from {regression.Previous.Mean:0.###} [{regression.Previous.CiLow:0.###}, {regression.Previous.CiHigh:0.###}] to {regression.Current.Mean:0.###} [{regression.Current.CiLow:0.###}, {regression.Current.CiHigh:0.###}]; the intervals do not overlap."));
        }

        if (!any)
        {
            yield return (false, "Every case of every target was answered and judged, and no integrity check was raised.");
        }
    }
}
