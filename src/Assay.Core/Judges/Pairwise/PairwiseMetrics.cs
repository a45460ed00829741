namespace Assay.Core.Judges.Pairwise;

/// <summary>The metrics a pairwise judge writes for each case.</summary>
public static class PairwiseMetrics
{
    /// <summary>1 win, 0.5 tie or inconsistent, 0 loss against the baseline (FastChat's swap rule).</summary>
    public const string Win = "win";

    /// <summary>1 when both orders agree: the judge's position consistency.</summary>
    public const string Consistent = "consistent";

    /// <summary>Game 1 (baseline shown first), candidate's view, -2..+2.</summary>
    public const string Verdict1 = "verdict1";

    /// <summary>Game 2 (candidate shown first), candidate's view, -2..+2.</summary>
    public const string Verdict2 = "verdict2";

    /// <summary>The suffix of a later judged turn's metrics: <c>_turn2</c> for the second turn (0-based index 1).</summary>
    public static string TurnSuffix(int turnIndex) =>
        "_turn" + (turnIndex + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
