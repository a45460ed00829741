namespace Assay.Core.Reports;

/// <summary>Which way a metric gets better: a regression is a significant move the other way.</summary>
public enum MetricDirection
{
    HigherIsBetter,
    LowerIsBetter,

    /// <summary>Neither way is better in general (overall refusal mixes safe and unsafe prompts): never flagged.</summary>
    Neutral,
}
