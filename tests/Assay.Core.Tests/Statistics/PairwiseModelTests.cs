using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

public sealed class PairwiseModelTests
{
    [Fact]
    public void Bradley_Terry_turns_three_wins_in_four_into_a_75_percent_score_anchored_at_1000()
    {
        Battle[] battles = [new("a", "base", 1), new("a", "base", 1), new("base", "a", 0), new("base", "a", 1)];

        var ratings = BradleyTerry.Ratings(battles, "base");

        Assert.Equal(1000, ratings["base"], 6);
        Assert.Equal(1000 + (400 * Math.Log10(3)), ratings["a"], 0.001); // the 1e-6 ridge moves it by 2e-5
        Assert.Equal(0.75, BradleyTerry.WinRate(ratings["a"], ratings["base"]), 6);
    }

    [Fact]
    public void Ties_count_half_and_weights_count_as_repeated_verdicts()
    {
        var tied = BradleyTerry.Ratings([new("a", "base", 1), new("a", "base", 0.5), new("a", "base", 0.5), new("a", "base", 0)], "base");
        var weighted = BradleyTerry.Ratings([new("a", "base", 1, Weight: 3), new("a", "base", 0)], "base");

        Assert.Equal(1000, tied["a"], 6);
        Assert.Equal(1000 + (400 * Math.Log10(3)), weighted["a"], 0.001);
    }

    [Fact]
    public void Ratings_are_transitive_through_the_anchor()
    {
        // a beats b 3:1 and b beats base 3:1, never a against base: P(a beats base) = 9 / (9 + 1).
        var battles = Enumerable.Repeat(new Battle("a", "b", 1), 3).Append(new Battle("a", "b", 0))
            .Concat(Enumerable.Repeat(new Battle("b", "base", 1), 3)).Append(new Battle("b", "base", 0)).ToList();

        var ratings = BradleyTerry.Ratings(battles, "base");

        Assert.Equal(0.9, BradleyTerry.WinRate(ratings["a"], ratings["base"]), 5);
    }

    [Fact]
    public void Bootstrap_scores_are_seeded_sorted_and_bracket_the_point_estimate()
    {
        var battles = Enumerable.Range(0, 200).Select(i => new Battle("m", "base", i % 10 < 6 ? 1 : i % 10 < 8 ? 0.5 : 0)).ToList();

        var first = BradleyTerry.Scores(battles, "base", rounds: 50, seed: 7);
        var second = BradleyTerry.Scores(battles, "base", rounds: 50, seed: 7);

        Assert.Equal(first, second);
        var m = first[0];
        Assert.Equal("m", m.Model);
        Assert.Equal(70, m.Score, 4); // 0.6 + 0.2 / 2
        Assert.InRange(m.Score, m.ScoreLow, m.ScoreHigh);
        Assert.InRange(m.ScoreHigh - m.ScoreLow, 2, 20);
        Assert.Equal(50, first[1].Score, 6);
    }

    [Fact]
    public void LC_win_rate_equals_the_raw_rate_when_lengths_do_not_differ()
    {
        var judgements = Enumerable.Range(0, 50).Select(i => new PairwiseJudgement("m", $"q{i}", i % 3 == 0 ? 0 : 1, 100, 100)).ToList();

        var result = Assert.Single(LengthControlledWinRate.Compute(judgements));

        Assert.Equal(100.0 * 33 / 50, result.WinRate, 9);
        Assert.Equal(result.WinRate, result.LengthControlledWinRate, 4);
        Assert.False(result.LengthSensitive);
    }

    [Fact]
    public void LC_win_rate_removes_a_preference_for_longer_answers()
    {
        // 70 instructions where the model is 200 longer (wins 9 in 10) and 30 where it is 200 shorter (wins 2 in 10).
        // With difficulties pinned at 0, the saturated fit gives θ = (logit 0.9 + logit 0.2) / 2 = ln 1.5: LC = 60 %.
        var judgements = Enumerable.Range(0, 100).Select(i =>
        {
            var longer = i < 70;
            var wins = longer ? i % 10 != 0 : (i - 70) % 10 < 2;
            return new PairwiseJudgement("verbose", $"q{i}", wins ? 1 : 0, ModelLength: longer ? 500 : 100, BaselineLength: 300);
        }).ToList();

        var result = Assert.Single(LengthControlledWinRate.Compute(judgements, difficultyRidge: 1e9));

        Assert.Equal(69.0, result.WinRate, 9);
        Assert.Equal(60.0, result.LengthControlledWinRate, 3);
        Assert.True(result.LengthCoefficient > 0);
        Assert.False(result.LengthSensitive); // 9 points apart: under the 10-point warning
        Assert.True(LengthControlledWinRate.Compute(judgements, 1e9, warningGap: 5)[0].LengthSensitive);
    }
}
