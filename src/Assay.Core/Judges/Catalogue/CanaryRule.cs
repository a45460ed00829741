using System.Globalization;

namespace Assay.Core.Judges.Catalogue;

/// <summary>How the null canary's figure is read off its cases.</summary>
public enum CanaryStatistic
{
    /// <summary>The canary's mean on the metric; fooled when it is above the bar.</summary>
    Mean,

    /// <summary>
    /// The share of cases the canary wins outright (1 on a pairwise <c>win</c>: preferred in both orders); fooled above
    /// the bar. A tie is not a win, so a judge that cannot tell the answers apart and says so is not flagged.
    /// </summary>
    OutrightWins,

    /// <summary>
    /// For metrics on a scale of their own (a reward model's logits, a rubric): fooled when the canary's mean is not
    /// below every real target's.
    /// </summary>
    BelowEveryTarget,
}

/// <summary>
/// The null-canary check of a judge: the metric and statistic it is held to and the bar, or why the judge has none.
/// A judge without a check gets no canary target, so no call is paid for a verdict nobody reads.
/// </summary>
public sealed record CanaryRule
{
    private CanaryRule(string? metric, CanaryStatistic statistic, double bar, string? noCanaryBecause)
    {
        Metric = metric;
        Statistic = statistic;
        Bar = bar;
        NoCanaryBecause = noCanaryBecause;
    }

    /// <summary>The metric the canary is read on (<c>*</c>: the judge's primary metric as the run names it); null for none.</summary>
    public string? Metric { get; }

    public CanaryStatistic Statistic { get; }

    /// <summary>The highest acceptable figure (unused by <see cref="CanaryStatistic.BelowEveryTarget"/>).</summary>
    public double Bar { get; }

    /// <summary>Why the judge has no canary; null when it has one.</summary>
    public string? NoCanaryBecause { get; }

    public bool HasCanary => Metric is not null;

    public static CanaryRule Mean(string metric, double bar) => new(metric, CanaryStatistic.Mean, bar, null);

    public static CanaryRule OutrightWins(string metric, double bar) => new(metric, CanaryStatistic.OutrightWins, bar, null);

    public static CanaryRule BelowEveryTarget(string metric) => new(metric, CanaryStatistic.BelowEveryTarget, double.NaN, null);

    public static CanaryRule None(string because) => new(null, CanaryStatistic.Mean, double.NaN, because);

    /// <summary>The rule in words, for the judge table.</summary>
    public string Describe() => Metric is null
        ? "none: " + NoCanaryBecause
        : Statistic switch
        {
            CanaryStatistic.Mean => $"mean {Shown(Metric)} ≤ {Bar.ToString(CultureInfo.InvariantCulture)}",
            CanaryStatistic.OutrightWins => $"outright wins ≤ {Bar.ToString("0.##", CultureInfo.InvariantCulture)} of cases (ties are not wins)",
            _ => $"{Shown(Metric)} below every real target's",
        };

    /// <summary>A metric as the judge table shows it; <c>*</c> is the judge's own (a rubric's).</summary>
    internal static string Shown(string metric) => metric == "*" ? "its own metric" : $"`{metric}`";
}
