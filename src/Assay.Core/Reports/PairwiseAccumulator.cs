using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Statistics;

namespace Assay.Core.Reports;

/// <summary>
/// Collects the pairwise verdicts of a run (one small record per judged case) and computes win/tie/loss, the
/// length-controlled win rate and Bradley-Terry scores against the baseline.
/// </summary>
public sealed class PairwiseAccumulator(string baseline, int bootstrapRounds = 100, int seed = Bootstrap.DefaultSeed)
{
    private readonly List<string> order = [];
    private readonly Dictionary<string, List<(double Win, bool? Consistent)>> outcomes = new(StringComparer.Ordinal);
    private readonly List<Battle> battles = [];
    private readonly List<PairwiseJudgement> judgements = [];

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var win = result.Scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Win)?.Value;
        if (result.Target == baseline || win is null)
        {
            return; // unscored and errored cases are counted in the target's report, not as a tie or a loss
        }

        if (!outcomes.TryGetValue(result.Target, out var list))
        {
            outcomes[result.Target] = list = [];
            order.Add(result.Target);
        }

        var consistent = result.Scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Consistent)?.Value;
        list.Add((win.Value, consistent is null ? null : consistent >= 0.5));
        battles.AddRange(PairwiseOutcome.FromScores(result.Scores).Battles(result.Target, baseline));
        if (result.BaselineLength is { } baselineLength)
        {
            judgements.Add(new PairwiseJudgement(result.Target, result.CaseId, win.Value, result.AnswerLength, baselineLength));
        }
    }

    public PairwiseSection? Build()
    {
        if (order.Count == 0)
        {
            return null;
        }

        var bt = BradleyTerry.Scores(battles, baseline, bootstrapRounds, seed).ToDictionary(s => s.Model, StringComparer.Ordinal);
        var lc = LengthControlledWinRate.Compute(judgements).ToDictionary(r => r.Model, StringComparer.Ordinal);
        return new PairwiseSection(baseline, order.Select(target =>
        {
            var list = outcomes[target];
            var consistent = list.Where(o => o.Consistent is not null).ToList();
            var score = bt.GetValueOrDefault(target);
            var length = lc.GetValueOrDefault(target);
            return new PairwiseTargetSummary(
                target,
                list.Count(o => o.Win == 1),
                list.Count(o => o.Win == 0.5),
                list.Count(o => o.Win == 0),
                list.Average(o => o.Win),
                consistent.Count == 0 ? null : consistent.Average(o => o.Consistent == true ? 1.0 : 0.0),
                length?.LengthControlledWinRate,
                length?.WinRate,
                length?.LengthSensitive ?? false,
                score?.Rating ?? BradleyTerry.InitialRating,
                score?.Score ?? 50,
                score?.ScoreLow ?? 50,
                score?.ScoreHigh ?? 50);
        }).ToList());
    }
}
