using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Statistics;

namespace Assay.Core.Reports;

/// <summary>
/// Collects the pairwise verdicts of a run (one small record per judged case) and computes win/tie/loss, the
/// length-controlled win rate and Bradley-Terry scores against the baseline. The LC win rate is
/// <c>length_controlled_minimal</c>, or AlpacaEval's <c>length_controlled_v1</c> when <paramref name="lcV1"/> is given.
/// </summary>
public sealed class PairwiseAccumulator(string baseline, int bootstrapRounds = 100, int seed = Bootstrap.DefaultSeed, LengthControlV1Setup? lcV1 = null)
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
        var lc = lcV1 is null ? LengthControlledWinRate.Compute(judgements).ToDictionary(r => r.Model, StringComparer.Ordinal) : V1(lcV1);
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
        }).ToList(), lcV1?.Inputs.Formula ?? LengthControlledWinRate.Name);
    }

    // One v1 fit per target, as AlpacaEval fits each model against the baseline on its own.
    private Dictionary<string, LengthControlledResult> V1(LengthControlV1Setup setup) =>
        judgements.GroupBy(j => j.Model, StringComparer.Ordinal).Where(g => g.Count() >= 2).ToDictionary(
            g => g.Key,
            g =>
            {
                var own = g.ToList();
                var result = LengthControlledV1.Compute(own, setup.DifficultyByCase, setup.Inputs.Gamed);
                var sensitive = Math.Abs(result.WinRate - result.LengthControlledWinRate) > LengthControlledWinRate.WarningGap;
                return new LengthControlledResult(g.Key, result.N, result.WinRate, result.LengthControlledWinRate, result.LengthCoefficient, sensitive);
            },
            StringComparer.Ordinal);
}

/// <summary>LC v1's inputs for one run: the published data files and each case's difficulty (by case id).</summary>
public sealed record LengthControlV1Setup(LengthControlV1Inputs Inputs, IReadOnlyDictionary<string, double> DifficultyByCase);
