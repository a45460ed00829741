using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.JudgeEval;

namespace Assay.Core.Tests.JudgeEval;

public sealed class JudgeEvalAccumulatorTests
{
    [Fact]
    public void Agreement_and_kappa_on_a_small_set_match_the_hand_computed_values()
    {
        // gold:    A A B B A   verdict: A B B B (none)
        // scored 4: agreement 3/4; gold freq A 2/4, B 2/4; verdict freq A 1/4, B 3/4;
        // p_e = 2/4·1/4 + 2/4·3/4 = 0.5; kappa = (0.75 - 0.5) / 0.5 = 0.5.
        var accumulator = new JudgeEvalAccumulator();
        accumulator.Add(Result("1", "a", 1));
        accumulator.Add(Result("2", "a", 0));
        accumulator.Add(Result("3", "b", 0));
        accumulator.Add(Result("4", "b", 0));
        accumulator.Add(Result("5", "a", null));

        var overall = accumulator.Build()!.Overall;

        Assert.Equal((5, 4, 1), (overall.Pairs, overall.Scored, overall.Unscored));
        Assert.Equal(0.75, overall.Agreement);
        Assert.Equal(0.5, overall.CohenKappa!.Value, 12);
    }

    [Fact]
    public void An_order_dependent_verdict_is_a_tie_and_disagrees_with_a_preference()
    {
        var evalCase = new Assay.Core.Benchmarks.EvalCase { Id = "1", Turns = ["q"], Metadata = new Dictionary<string, string> { ["gold"] = "a" } };

        var score = GoldAgreement.Score(evalCase, [new MetricScore(PairwiseMetrics.Win, 0.5)]);

        Assert.Equal(0.0, score!.Value);
        Assert.Null(GoldAgreement.Score(evalCase with { Metadata = new Dictionary<string, string>() }, [new MetricScore(PairwiseMetrics.Win, 1)]));
    }

    private static CaseResult Result(string id, string gold, double? win) => new()
    {
        CaseId = id,
        Target = "answer_a",
        Judge = "mt-bench-pair",
        Category = "Natural",
        Status = win is null ? CaseStatus.Unscored : CaseStatus.Scored,
        Scores = [new MetricScore(PairwiseMetrics.Win, win)],
        Gold = gold,
    };
}
