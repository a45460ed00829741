namespace Assay.Core.JudgeEval;

/// <summary>
/// A judge's agreement with the gold labels over one group of pairs. <see cref="Agreement"/> and
/// <see cref="CohenKappa"/> are over the <see cref="Scored"/> pairs only (null when there are none): a verdict that
/// could not be parsed is counted in <see cref="Unscored"/>, never as a disagreement.
/// </summary>
public sealed record SubsetAgreement(string Subset, int Pairs, int Scored, int Unscored, double? Agreement, double? CohenKappa)
{
    /// <summary>Share of pairs the judge gave a usable verdict for.</summary>
    public double Coverage => Pairs == 0 ? 0 : (double)Scored / Pairs;
}
