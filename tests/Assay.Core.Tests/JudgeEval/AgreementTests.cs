using System.Text.Json;
using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;
using Assay.Core.Tests.Benchmarks;
using Assay.Testing;

namespace Assay.Core.Tests.JudgeEval;

/// <summary>Judge agreement and inter-annotator agreement: hand-computed sets, then the real PandaLM test set.</summary>
public sealed class AgreementTests
{
    private const PairPreference A = PairPreference.A;
    private const PairPreference B = PairPreference.B;
    private const PairPreference T = PairPreference.Tie;

    [Fact]
    public void Judge_agreement_overall_and_per_subset_by_hand()
    {
        // Natural: gold A A B B, judge A B B (unparseable): 2 of 3 scored agree.
        // Adversarial: gold A B, judge B B: 1 of 2.
        LabelledPair[] pairs = [Pair("N", A), Pair("N", A), Pair("N", B), Pair("N", B), Pair("Adv", A), Pair("Adv", B)];
        PairPreference?[] verdicts = [A, B, B, null, B, B];

        var result = JudgeAgreement.Compute(pairs, verdicts);

        // Overall, scored: judge [A B B B B] vs gold [A A B A B]: p_o = 3/5.
        // Judge shares A 1/5, B 4/5; gold A 3/5, B 2/5: p_e = 3/25 + 8/25 = 11/25; κ = (15/25 - 11/25) / (14/25) = 2/7.
        Assert.Equal((6, 5, 1), (result.Overall.Pairs, result.Overall.Scored, result.Overall.Unscored));
        Assert.Equal(0.6, result.Overall.Agreement!.Value, 12);
        Assert.Equal(2.0 / 7, result.Overall.CohenKappa!.Value, 12);
        Assert.Equal(5.0 / 6, result.Overall.Coverage, 12);

        Assert.Equal(["N", "Adv"], result.Subsets.Select(s => s.Subset));
        var natural = result.Subsets[0];
        Assert.Equal((4, 3, 1), (natural.Pairs, natural.Scored, natural.Unscored));
        Assert.Equal(2.0 / 3, natural.Agreement!.Value, 12);

        // Judge [A B B] vs gold [A A B]: p_o = 2/3, p_e = 1/3·2/3 + 2/3·1/3 = 4/9, κ = (2/9) / (5/9) = 2/5.
        Assert.Equal(0.4, natural.CohenKappa!.Value, 12);
        Assert.Equal(0.5, result.Subsets[1].Agreement!.Value, 12);
    }

    [Fact]
    public void A_subset_with_no_parsed_verdict_has_no_agreement_rather_than_zero()
    {
        var result = JudgeAgreement.Compute([Pair("N", A), Pair("M", B)], [A, null], p => p.Subset);

        var empty = Assert.Single(result.Subsets, s => s.Subset == "M");
        Assert.Null(empty.Agreement);
        Assert.Null(empty.CohenKappa);
        Assert.Equal(1, empty.Unscored);
    }

    [Fact]
    public void Position_consistency_maps_swapped_verdicts_back()
    {
        // Original A, B, T, A, null; swapped (outputs exchanged) B, B, T, null, A -> pairs 1 and 3 consistent out of 3 with both.
        var consistency = JudgeAgreement.PositionConsistency([A, B, T, A, null], [B, B, T, null, A]);

        Assert.Equal(2.0 / 3, consistency!.Value, 12);
        Assert.Null(JudgeAgreement.PositionConsistency([null], [A]));
    }

    [Fact]
    public void Fleiss_kappa_reproduces_the_textbook_example()
    {
        // Fleiss (1971) as tabulated on Wikipedia: 10 subjects, 14 raters, 5 categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
        int[][] counts =
        [
            [0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7],
        ];

        Assert.Equal(0.20993, InterAnnotatorAgreement.FleissKappa(counts), 5);
    }

    [Fact]
    public void Three_annotators_by_hand()
    {
        // Items: [A A A], [A A B], [B B B], [T B B].
        // Pairwise agreement: (1,2) 3/4, (1,3) 2/4, (2,3) 3/4 -> mean 2/3.
        // Fleiss: P_i = 1, 1/3, 1, 1/3 -> P̄ = 2/3; shares A 5/12, B 6/12, T 1/12 -> P̄e = 62/144;
        // κ = (96/144 - 62/144) / (82/144) = 34/82.
        IReadOnlyList<PairPreference>[] labels = [[A, A, A], [A, A, B], [B, B, B], [T, B, B]];

        var result = InterAnnotatorAgreement.Compute(labels);

        Assert.Equal(2.0 / 3, result.MeanPairwiseAgreement, 12);
        Assert.Equal(34.0 / 82, result.FleissKappa, 12);
        Assert.Equal([0.75, 0.5, 0.75], result.Pairs.Select(p => p.Agreement));
    }

    [Fact]
    public async Task PandaLm_annotators_agree_far_more_with_each_other_than_gpt35_with_them()
    {
        var pairs = await PandaLmReader.ReadAsync(new FileBenchmarkSource(Datasets.File("pandalm_testset", "testset-v1.json"))).CollectAsync();

        var humans = InterAnnotatorAgreement.Compute([.. pairs.Select(p => p.HumanLabels!)]);

        // Reference figures recomputed independently from testset-v1.json (Python, collections.Counter).
        Assert.Equal((999, 3), (humans.Items, humans.Annotators));
        Assert.Equal(0.919920, humans.MeanPairwiseAgreement, 6);
        Assert.Equal(0.864209, humans.MeanPairwiseKappa, 6);
        Assert.Equal(0.864175, humans.FleissKappa, 6);

        // gpt-3.5-turbo's published verdicts on the same idx: "1", "2", "Tie", or "garbage" (unparseable: unscored).
        using var judged = JsonDocument.Parse(File.ReadAllBytes(Datasets.File("pandalm_testset", "gpt-3.5-turbo-testset-v1.json")));
        var byIdx = judged.RootElement.EnumerateArray().ToDictionary(
            e => e.GetProperty("idx").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture),
            e => e.GetProperty("gpt_result").GetString() switch { "1" => A, "2" => B, "Tie" => T, _ => (PairPreference?)null });
        var result = JudgeAgreement.Compute(pairs, [.. pairs.Select(p => byIdx[p.Id])]);

        Assert.Equal((999, 974, 25), (result.Overall.Pairs, result.Overall.Scored, result.Overall.Unscored));
        Assert.Equal(0.715606, result.Overall.Agreement!.Value, 6);
        Assert.Equal(0.492865, result.Overall.CohenKappa!.Value, 6);
    }

    private static int next;

    private static LabelledPair Pair(string subset, PairPreference gold) => new()
    {
        Id = $"{subset}/{Interlocked.Increment(ref next)}",
        Subset = subset,
        Instruction = "i",
        OutputA = "a",
        OutputB = "b",
        Gold = gold,
    };
}
