namespace Assay.Core.Judges;

/// <summary>
/// One metric of one case. <see cref="Value"/> is null when the judge's output could not be parsed: the case is then
/// unscored, its raw output kept in <see cref="Raw"/> and the reason in <see cref="Diagnostic"/>; never a silent 0.
/// When a case was sampled several times, <see cref="Value"/> is the mean over its samples that have a value and
/// <see cref="RepeatVariance"/> their variance.
/// </summary>
public sealed record MetricScore(string Name, double? Value, string? Diagnostic = null, string? Raw = null, double? RepeatVariance = null);
