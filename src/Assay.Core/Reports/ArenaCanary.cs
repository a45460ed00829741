using System.Globalization;
using Assay.Core.Integrity;
using Assay.Core.Judges.Pairwise;

namespace Assay.Core.Reports;

/// <summary>
/// The null canary of an arena run. Its rows in the report are pairs, so the usual per-target check cannot find it:
/// here its win rate is pooled over every case it was judged on, against every opponent, and held to the bar of
/// <c>win</c> (a constant answer should lose to any real model).
/// </summary>
public static class ArenaCanary
{
    public static CanaryResult? Check(ArenaSection? arena, IntegrityOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rows = arena?.Matrix.Where(m => m.Target == options.CanaryTarget && m.WinRate is not null).ToList() ?? [];
        var cases = rows.Sum(m => m.Wins + m.Ties + m.Losses);
        if (cases == 0)
        {
            return null;
        }

        var mean = rows.Sum(m => m.Wins + (m.Ties / 2.0)) / cases;
        var bar = options.CanaryBars.GetValueOrDefault(PairwiseMetrics.Win, options.DefaultCanaryBar);
        var flagged = mean > bar;
        var shown = mean.ToString("0.###", CultureInfo.InvariantCulture);
        var message = flagged
            ? $"The null canary, a constant answer, has a win rate of {shown} against the other targets of the arena, above the bar of {bar.ToString(CultureInfo.InvariantCulture)}: this judge can be fooled, so read every rating with care."
            : $"The null canary has a win rate of {shown} against the other targets of the arena, within the bar of {bar.ToString(CultureInfo.InvariantCulture)}.";
        return new CanaryResult(options.CanaryTarget, PairwiseMetrics.Win, mean, bar, flagged, message);
    }
}
