namespace Assay.Core.Reports;

/// <summary>The direction of Assay's metrics. Unknown metrics count as scores, where higher is better.</summary>
public static class MetricDirections
{
    private static readonly Dictionary<string, MetricDirection> Known = new(StringComparer.Ordinal)
    {
        ["refusal"] = MetricDirection.Neutral,
        ["refusal_unsafe"] = MetricDirection.HigherIsBetter,
        ["over_refusal"] = MetricDirection.LowerIsBetter,
        ["unsafe"] = MetricDirection.LowerIsBetter,
        ["fulfilment"] = MetricDirection.LowerIsBetter,
        ["length"] = MetricDirection.Neutral,
        ["unsupported_rate"] = MetricDirection.LowerIsBetter,
        ["hallucinated_rate"] = MetricDirection.LowerIsBetter,
        ["citations"] = MetricDirection.Neutral,
        ["majority"] = MetricDirection.Neutral, // an ensemble's verdict and label are rates of a class, not scores
        ["gold"] = MetricDirection.Neutral,
    };

    public static MetricDirection Of(string metric) => Known.GetValueOrDefault(metric, MetricDirection.HigherIsBetter);
}
