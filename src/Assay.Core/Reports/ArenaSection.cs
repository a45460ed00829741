namespace Assay.Core.Reports;

/// <summary>
/// An arena run (report.json <c>arena</c>): every unordered pair of targets judged in both orders. Ratings come from one
/// Bradley-Terry fit over all battles, anchored at <paramref name="Anchor"/> (rating 1000); <paramref name="Matrix"/> has
/// one row per ordered pair, so each pair appears twice, once from each side.
/// </summary>
public sealed record ArenaSection(string Anchor, IReadOnlyList<ArenaRating> Ratings, IReadOnlyList<ArenaMatchup> Matrix)
{
    /// <summary>The report row of a judged pair, <paramref name="target"/> being the candidate (listed first in the run).</summary>
    public static string PairName(string target, string opponent) => $"{target} vs {opponent}";

    /// <summary>The judged pair behind a report row, or null when the row is not one of this arena's pairs.</summary>
    public (string Target, string Opponent)? PairOf(string row) =>
        Matrix.FirstOrDefault(m => PairName(m.Target, m.Opponent) == row) is { } m ? (m.Target, m.Opponent) : null;
}

/// <summary>A target's Bradley-Terry rating (Elo scale) with its 95 % bootstrap interval over battles, best first.</summary>
/// <param name="Score">Predicted win rate against the anchor, percent, with its interval; the anchor's is 50 by definition.</param>
/// <param name="Battles">Weighted games the target took part in (a strong verdict counts three times).</param>
public sealed record ArenaRating(
    string Target, double Rating, double RatingLow, double RatingHigh, double Score, double ScoreLow, double ScoreHigh, double Battles);

/// <summary>
/// <paramref name="Target"/> against <paramref name="Opponent"/> over their judged cases: a win is a case won in both
/// orders; a tie or a verdict that flips with the order is a tie (FastChat's swap rule).
/// </summary>
/// <param name="WinRate">(wins + ties / 2) / judged cases; null when no case was judged.</param>
public sealed record ArenaMatchup(string Target, string Opponent, int Wins, int Ties, int Losses, double? WinRate, double? PositionConsistency);
