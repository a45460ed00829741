using Assay.Core.Statistics;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// The two games of one comparison, each from the candidate's point of view on Arena-Hard's five-point scale (+2 much
/// better than the baseline … -2 much worse): game 1 shows the baseline first, game 2 the candidate first, so a judge's
/// preference for a position shows up as disagreement between them.
/// </summary>
public sealed record PairwiseOutcome(int? Game1, int? Game2)
{
    /// <summary>Arena-Hard counts a strong verdict three times.</summary>
    public const double StrongWeight = 3;

    /// <summary>From the labels of game 1 (baseline as A) and game 2 (candidate as A).</summary>
    public static PairwiseOutcome FromLabels(PairwiseLabel? baselineFirst, PairwiseLabel? candidateFirst) =>
        new(baselineFirst is { } g1 ? -(int)g1 : null, candidateFirst is { } g2 ? (int)g2 : null);

    public bool Complete => Game1 is not null && Game2 is not null;

    /// <summary>Both orders name the same winner (or both a tie).</summary>
    public bool? Consistent => Complete ? Math.Sign(Game1!.Value) == Math.Sign(Game2!.Value) : null;

    /// <summary>
    /// The candidate's result as FastChat scores a swapped pair: 1 win, 0 loss, 0.5 tie — and a verdict that flips with
    /// the order is inconsistent, which counts as a tie.
    /// </summary>
    public double? Win => Complete ? Consistent == true ? (Math.Sign(Game1!.Value) + 1) / 2.0 : 0.5 : null;

    /// <summary>
    /// The games as Bradley-Terry rows, as Arena-Hard-Auto builds them: a strong verdict (A&gt;&gt;B) becomes
    /// <see cref="StrongWeight"/> separate rows of weight 1, not one row of weight 3, because its bootstrap resamples
    /// rows: the three copies are drawn independently, which gives a narrower interval than drawing them as one unit.
    /// </summary>
    public IEnumerable<Battle> Battles(string candidate, string baseline)
    {
        foreach (var game in new[] { Game1, Game2 })
        {
            if (game is { } v)
            {
                var rows = Math.Abs(v) == 2 ? (int)StrongWeight : 1;
                for (var row = 0; row < rows; row++)
                {
                    yield return new Battle(candidate, baseline, (Math.Sign(v) + 1) / 2.0);
                }
            }
        }
    }

    /// <summary>The outcome back from the metrics a pairwise judge writes (<c>verdict1</c>, <c>verdict2</c>).</summary>
    public static PairwiseOutcome FromScores(IReadOnlyList<MetricScore> scores) => new(
        scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Verdict1)?.Value is { } a ? (int)a : null,
        scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Verdict2)?.Value is { } b ? (int)b : null);
}
