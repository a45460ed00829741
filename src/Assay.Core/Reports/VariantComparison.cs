namespace Assay.Core.Reports;

/// <summary>A variant target and the plain target it is compared with: same endpoint, same cases.</summary>
public sealed record VariantPair(string Target, string Base, string? Strategy = null, string? Mutation = null);

/// <summary>A variant target against its base target, metric by metric, on the cases both have a value for.</summary>
public sealed record VariantComparison(
    string Target, string Base, string? Strategy, string? Mutation, IReadOnlyList<PairedDifference> Metrics);

/// <summary>
/// Mean over the <see cref="N"/> paired cases of (variant - base), with a percentile-bootstrap 95 % interval that
/// resamples cases (each case keeps its pair), so a consistent small change is detected where two unpaired intervals
/// would overlap. <see cref="TargetMean"/> and <see cref="BaseMean"/> are over the same paired cases.
/// </summary>
public sealed record PairedDifference(string Metric, int N, double TargetMean, double BaseMean, double Difference, double CiLow, double CiHigh)
{
    /// <summary>The interval excludes zero.</summary>
    public bool Significant => N > 1 && (CiLow > 0 || CiHigh < 0);
}
