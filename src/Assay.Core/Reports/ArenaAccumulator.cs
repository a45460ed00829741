using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Statistics;

namespace Assay.Core.Reports;

/// <summary>
/// Collects the verdicts of an arena run, pair by pair, into the win matrix and one Bradley-Terry fit over every battle
/// (bootstrapped over battles, seeded). Unscored and errored cases count in neither: they are visible in the per-pair
/// target rows of the report.
/// </summary>
public sealed class ArenaAccumulator(IReadOnlyList<string> targets, int bootstrapRounds = 100, int seed = Bootstrap.DefaultSeed)
{
    private readonly Dictionary<(string Target, string Opponent), List<(double Win, bool? Consistent)>> outcomes = [];
    private readonly List<Battle> battles = [];

    /// <summary>One case of <paramref name="result"/>'s target judged against <paramref name="opponent"/>.</summary>
    public void Add(CaseResult result, string opponent)
    {
        ArgumentNullException.ThrowIfNull(result);
        var win = result.Scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Win)?.Value;
        if (win is null)
        {
            return;
        }

        var consistent = result.Scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Consistent)?.Value is { } c ? c >= 0.5 : (bool?)null;
        Outcomes(result.Target, opponent).Add((win.Value, consistent));
        Outcomes(opponent, result.Target).Add((1 - win.Value, consistent));
        battles.AddRange(PairwiseOutcome.FromScores(result.Scores).Battles(result.Target, opponent));
    }

    public ArenaSection? Build()
    {
        if (battles.Count == 0)
        {
            return null;
        }

        // The first target in the run's order that fought at all is the anchor: ratings are only defined up to a shift.
        var fought = battles.SelectMany(b => new[] { b.ModelA, b.ModelB }).ToHashSet(StringComparer.Ordinal);
        var anchor = targets.First(fought.Contains);
        var weights = fought.ToDictionary(t => t, t => battles.Where(b => b.ModelA == t || b.ModelB == t).Sum(b => b.Weight), StringComparer.Ordinal);
        var ratings = BradleyTerry.Scores(battles, anchor, bootstrapRounds, seed)
            .Select(s => new ArenaRating(
                s.Model, s.Rating, RatingOf(s.ScoreLow), RatingOf(s.ScoreHigh), s.Score, s.ScoreLow, s.ScoreHigh, weights[s.Model]))
            .ToList();
        var matrix = new List<ArenaMatchup>();
        foreach (var target in targets)
        {
            foreach (var opponent in targets.Where(o => o != target))
            {
                var list = outcomes.GetValueOrDefault((target, opponent)) ?? [];
                var consistent = list.Where(o => o.Consistent is not null).ToList();
                matrix.Add(new ArenaMatchup(
                    target,
                    opponent,
                    list.Count(o => o.Win == 1),
                    list.Count(o => o.Win == 0.5),
                    list.Count(o => o.Win == 0),
                    list.Count == 0 ? null : list.Average(o => o.Win),
                    consistent.Count == 0 ? null : consistent.Average(o => o.Consistent == true ? 1.0 : 0.0)));
            }
        }

        return new ArenaSection(anchor, ratings, matrix);
    }

    // The score is a monotone function of the rating (the win rate against the anchor), so its quantiles map back to
    // the rating's. A score of 0 or 100 % (a target that never lost or never won) is clamped to keep the rating finite.
    private static double RatingOf(double scorePercent)
    {
        var p = Math.Clamp(scorePercent / 100, 1e-12, 1 - 1e-12);
        return BradleyTerry.InitialRating + (BradleyTerry.Scale * Math.Log10(p / (1 - p)));
    }

    private List<(double Win, bool? Consistent)> Outcomes(string target, string opponent) =>
        outcomes.TryGetValue((target, opponent), out var list) ? list : outcomes[(target, opponent)] = [];
}
