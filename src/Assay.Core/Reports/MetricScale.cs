using System.Globalization;

namespace Assay.Core.Reports;

/// <summary>
/// How a metric's numbers are shown: rates (every mean and bound within 0..1, such as refusal) as percentages,
/// scores (MT-Bench's 1..10) as plain numbers; and the axis range charts use for it.
/// </summary>
public sealed record MetricScale(string Metric, bool IsRate, double Min, double Max)
{
    public static MetricScale For(EvaluationReport report, string metric)
    {
        var summaries = report.Targets
            .SelectMany(t => t.Metrics.Concat(t.Categories.SelectMany(c => c.Metrics)))
            .Where(m => m.Name == metric && m.N > 0)
            .ToList();
        var isRate = summaries.Count > 0 && summaries.All(m => InUnit(m.Mean) && InUnit(m.CiLow) && InUnit(m.CiHigh));
        if (isRate || summaries.Count == 0)
        {
            return new MetricScale(metric, isRate, 0, 1);
        }

        var low = Math.Min(0, summaries.Min(m => m.CiLow));
        var high = summaries.Max(m => m.CiHigh);
        return new MetricScale(metric, false, low, high > low ? high : low + 1);
    }

    public string Format(double value) => IsRate
        ? (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%"
        : value.ToString("0.00", CultureInfo.InvariantCulture);

    public string Format(MetricSummary? summary) => summary is null || summary.N == 0
        ? "n/a"
        : $"{Format(summary.Mean)} [{Format(summary.CiLow)}, {Format(summary.CiHigh)}]";

    /// <summary>Position of <paramref name="value"/> on the axis, 0..1.</summary>
    public double Fraction(double value) => Math.Clamp((value - Min) / (Max - Min), 0, 1);

    private static bool InUnit(double value) => value is >= 0 and <= 1;
}
