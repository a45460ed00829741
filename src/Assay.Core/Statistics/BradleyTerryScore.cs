namespace Assay.Core.Statistics;

/// <summary>
/// A model's Bradley-Terry rating on the Elo scale (anchor = 1000) and, as Arena-Hard-Auto reports it, the predicted
/// win rate against the anchor in percent with its bootstrap interval.
/// </summary>
public sealed record BradleyTerryScore(string Model, double Rating, double Score, double ScoreLow, double ScoreHigh);
