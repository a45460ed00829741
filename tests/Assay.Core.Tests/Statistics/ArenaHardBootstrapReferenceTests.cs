using Assay.Core.Judges.Pairwise;
using Assay.Core.Statistics;
using Xunit.Abstractions;

namespace Assay.Core.Tests.Statistics;

/// <summary>
/// Assay's Bradley-Terry fit and bootstrap against an independent reimplementation of Arena-Hard-Auto v0.1's
/// <c>compute_mle_elo</c> + <c>get_bootstrap_result</c> (rows expanded from verdicts, each row duplicated, a tie as one
/// A-win and one B-win, unpenalised logistic regression without intercept, anchor at 1000, rows resampled, NumPy's
/// linear percentiles of the Elo ratings): the same points, and interval widths within sampling error. The two use
/// different random generators, so only the widths can agree, not the draws.
/// </summary>
public sealed class ArenaHardBootstrapReferenceTests(ITestOutputHelper output)
{
    private const string Baseline = "gpt-4-0314";

    // 480 judgments (3 models x 160 questions), two games each, on Arena-Hard's 5-point scale from the candidate's view.
    private static readonly (string Model, int?[] Weights)[] Models =
    [
        ("strong", [1, 2, 2, 4, 8]),
        ("even", [3, 3, 2, 3, 3]),
        ("weak", [8, 4, 2, 2, 1]),
    ];

    [Fact]
    public void Points_equal_and_interval_widths_agree_with_arena_hard_within_sampling_error()
    {
        var outcomes = Judgments();
        var battles = outcomes.SelectMany(o => o.Outcome.Battles(o.Model, Baseline)).ToList();

        var assay = BradleyTerry.Scores(battles, Baseline, rounds: 1000).ToDictionary(s => s.Model);
        var reference = ArenaHardReference.Leaderboard(ArenaHardReference.Rows(outcomes), Baseline, rounds: 1000, seed: 42);
        var clustered = ArenaHardReference.Leaderboard(ArenaHardReference.Rows(outcomes), Baseline, rounds: 1000, seed: 42, resampleVerdictsAsUnits: true);

        foreach (var (model, _) in Models)
        {
            var (rating, low, high) = reference[model];
            Assert.Equal(rating, assay[model].Rating, 0.01);
            var widthAssay = assay[model].ScoreHigh - assay[model].ScoreLow;
            var widthReference = 100 * (BradleyTerry.WinRate(high, 1000) - BradleyTerry.WinRate(low, 1000));
            var widthClustered = 100 * (BradleyTerry.WinRate(clustered[model].High, 1000) - BradleyTerry.WinRate(clustered[model].Low, 1000));
            output.WriteLine($"{model}: score {assay[model].Score:0.00}; 95% width Assay {widthAssay:0.00}, Arena-Hard reference {widthReference:0.00}, a strong verdict resampled as one unit {widthClustered:0.00}");

            // 1000 rounds: the standard error of a percentile-interval width is ~3 %; 15 % is beyond 3.5 errors of the difference.
            Assert.InRange(widthAssay / widthReference, 0.85, 1.15);

            // The test can tell the old procedure from Arena-Hard's: drawing a strong verdict's three rows together widens the interval.
            Assert.True(widthClustered / widthReference > 1.2, $"{model}: {widthClustered} vs {widthReference}");
        }
    }

    private static List<(string Model, PairwiseOutcome Outcome)> Judgments()
    {
        var random = new Random(2024);
        var list = new List<(string, PairwiseOutcome)>();
        foreach (var (model, weights) in Models)
        {
            for (var question = 0; question < 160; question++)
            {
                list.Add((model, new PairwiseOutcome(Draw(random, weights), Draw(random, weights))));
            }
        }

        return list;
    }

    private static int Draw(Random random, int?[] weights)
    {
        var total = weights.Sum(w => w!.Value);
        var pick = random.Next(total);
        for (var i = 0; i < weights.Length; i++)
        {
            pick -= weights[i]!.Value;
            if (pick < 0)
            {
                return i - 2;
            }
        }

        return 2;
    }
}
