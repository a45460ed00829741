namespace Assay.Core.Judges;

/// <summary>
/// One metric of one case. <see cref="Value"/> is null when the judge's output could not be parsed: the case is then
/// unscored, its raw output kept in <see cref="Raw"/> and the reason in <see cref="Diagnostic"/>; never a silent 0.
/// When a case was sampled several times, <see cref="Value"/> is the mean over its samples that have a value and
/// <see cref="RepeatVariance"/> their variance. <see cref="Label"/> is a categorical outcome beside the value, e.g. the
/// safety categories a guard model named (<c>S2,S10</c>) on an <c>unsafe</c> = 1 metric.
/// </summary>
public sealed record MetricScore(string Name, double? Value, string? Diagnostic = null, string? Raw = null, double? RepeatVariance = null, string? Label = null);
