using System.Globalization;
using Assay.Core.Integrity;
using Assay.Core.Judges.Catalogue;

namespace Assay.Core.Reports;

/// <summary>
/// The null canary of an arena run. Its rows in the report are pairs, so the usual per-target check cannot find it:
/// here its games are pooled over every case it was judged on, against every opponent, and held to the judge's
/// canary rule (for the pairwise judges: outright wins, since a constant answer should never beat a real model).
/// </summary>
public static class ArenaCanary
{
    public static CanaryResult? Check(ArenaSection? arena, IntegrityOptions options, CanaryRule rule)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rule);
        if (!rule.HasCanary)
        {
            return null;
        }

        var rows = arena?.Matrix.Where(m => m.Target == options.CanaryTarget && m.WinRate is not null).ToList() ?? [];
        var cases = rows.Sum(m => m.Wins + m.Ties + m.Losses);
        if (cases == 0)
        {
            return null;
        }

        var outright = rule.Statistic == CanaryStatistic.OutrightWins;
        var mean = outright ? rows.Sum(m => m.Wins) / (double)cases : rows.Sum(m => m.Wins + (m.Ties / 2.0)) / cases;
        var bar = rule.Bar;
        var flagged = mean > bar;
        var shown = mean.ToString("0.###", CultureInfo.InvariantCulture);
        var what = outright ? "wins outright (ties are not wins) a share of" : "has a win rate of";
        var message = flagged
            ? $"The null canary, a constant answer, {what} {shown} against the other targets of the arena, above the bar of {bar.ToString(CultureInfo.InvariantCulture)}: this judge can be fooled, so read every rating with care."
            : $"The null canary {what} {shown} against the other targets of the arena, within the bar of {bar.ToString(CultureInfo.InvariantCulture)}.";
        return new CanaryResult(options.CanaryTarget, rule.Metric!, mean, bar, flagged, message);
    }
}
