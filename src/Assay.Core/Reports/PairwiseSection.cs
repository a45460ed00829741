namespace Assay.Core.Reports;

/// <summary>How every target fared against the baseline under a pairwise judge (report.json <c>pairwise</c>).</summary>
/// <param name="LengthControl">The formula behind every target's LC win rate: <c>length_controlled_minimal</c> (the
/// default), or <c>length_controlled_v1</c> when the run was given AlpacaEval's instruction difficulty.</param>
public sealed record PairwiseSection(string Baseline, IReadOnlyList<PairwiseTargetSummary> Targets, string LengthControl = Statistics.LengthControlledWinRate.Name);

/// <summary>One target against the baseline. Rates are fractions; Bradley-Terry scores are percent, as Arena-Hard prints them.</summary>
/// <param name="Wins">Cases won in both orders; <paramref name="Ties"/> counts ties and order-dependent (inconsistent) verdicts.</param>
/// <param name="WinRate">(wins + ties / 2) / judged cases: FastChat's swap rule.</param>
/// <param name="LengthControlledWinRate">AlpacaEval 2.0's length-controlled win rate, percent, by the section's
/// <see cref="PairwiseSection.LengthControl"/> formula.</param>
/// <param name="RawWinRate">The win rate the LC model starts from, percent, for the length-bias warning.</param>
/// <param name="BtScore">Bradley-Terry predicted win rate against the baseline, percent, with its bootstrap interval.</param>
public sealed record PairwiseTargetSummary(
    string Target,
    int Wins,
    int Ties,
    int Losses,
    double WinRate,
    double? PositionConsistency,
    double? LengthControlledWinRate,
    double? RawWinRate,
    bool LengthSensitive,
    double BtRating,
    double BtScore,
    double BtLow,
    double BtHigh);
