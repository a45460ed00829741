using Assay.Core.Judges.Pairwise;
using Assay.Core.Statistics;
using Assay.Testing;

namespace Assay.Core.Tests.Judges.Pairwise;

public sealed class PairwiseVerdictTests
{
    [Theory]
    [InlineData("My final verdict is: [[A>>B]]", PairwiseLabel.AMuchBetter)]
    [InlineData("...so [[A>B]].", PairwiseLabel.ABetter)]
    [InlineData("My final verdict is tie: [[A=B]]", PairwiseLabel.Tie)]
    [InlineData("[[B>A]]", PairwiseLabel.BBetter)]
    [InlineData("Assistant B is significantly better: [[B>>A]] ... again [[B>>A]]", PairwiseLabel.BMuchBetter)]
    public void Arena_Hard_labels_parse_as_get_score_does(string judgment, PairwiseLabel expected) =>
        Assert.Equal(new PairwiseVerdict(expected, null), PairwiseVerdict.ParseArenaHard(judgment));

    [Theory]
    [InlineData("I cannot decide.", "no [[verdict]]")]
    [InlineData("First [[A>B]], on reflection [[B>A]]", "different labels")]
    [InlineData("[[A<B]]", "not one of the five labels")]
    [InlineData("[[]] nothing", "no [[verdict]]")]
    public void Arena_Hard_outputs_without_one_clear_label_are_no_verdict(string judgment, string problem)
    {
        var verdict = PairwiseVerdict.ParseArenaHard(judgment);

        Assert.Null(verdict.Label);
        Assert.Contains(problem, verdict.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[[A]]", PairwiseLabel.ABetter)]
    [InlineData("[[C]]", PairwiseLabel.Tie)]
    [InlineData("[[B]] though [[A]] was close", PairwiseLabel.ABetter)] // FastChat checks [[A]] first
    public void MT_Bench_pair_verdicts_parse_as_FastChat_does(string judgment, PairwiseLabel expected) =>
        Assert.Equal(expected, PairwiseVerdict.ParseMtBench(judgment).Label);

    [Fact]
    public void Two_orders_combine_with_FastChat_swap_rule_and_Arena_Hard_weights()
    {
        // Game 1 shows the baseline as A: [[B>>A]] favours the candidate strongly; game 2 shows the candidate as A.
        var consistent = PairwiseOutcome.FromLabels(PairwiseLabel.BMuchBetter, PairwiseLabel.ABetter);
        var flipped = PairwiseOutcome.FromLabels(PairwiseLabel.ABetter, PairwiseLabel.ABetter); // "A" wins whatever A is
        var tie = PairwiseOutcome.FromLabels(PairwiseLabel.Tie, PairwiseLabel.Tie);

        Assert.Equal((2, 1, 1.0, true), (consistent.Game1, consistent.Game2, consistent.Win, consistent.Consistent));
        Assert.Equal((0.5, false), (flipped.Win, flipped.Consistent));
        Assert.Equal((0.5, true), (tie.Win, tie.Consistent));
        // Arena-Hard's rows: a strong verdict is three rows of weight 1 (resampled one by one), not one row of weight 3.
        Assert.Equal([new Battle("m", "base", 1), new Battle("m", "base", 1), new Battle("m", "base", 1), new Battle("m", "base", 1)], consistent.Battles("m", "base"));
        Assert.Equal([new Battle("m", "base", 0, 1), new Battle("m", "base", 1, 1)], flipped.Battles("m", "base"));
        Assert.Null(PairwiseOutcome.FromLabels(null, PairwiseLabel.Tie).Win);
    }

    [Fact]
    public void The_embedded_Arena_Hard_prompts_are_the_published_ones()
    {
        var assembly = typeof(ArenaHardPrompts).Assembly;
        foreach (var (resource, shared) in new[]
                 {
                     (ArenaHardPrompts.ConfigResource, Datasets.File("arena_hard_auto", "config", "judge_config_v0.1_legacy.yaml")),
                     (ArenaHardPrompts.SystemPromptsResource, Datasets.File("arena_hard_auto", "config", "judge_system_prompts_v2.json")),
                 })
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            Assert.Equal(File.ReadAllBytes(shared), copy.ToArray());
        }

        // The YAML's v0.1 system prompt is also the v2 file's "arena-hard-v0.1" entry, character for character.
        Assert.Equal(ArenaHardPrompts.SystemPromptsV2["arena-hard-v0.1"], ArenaHardPrompts.SystemPrompt);
        Assert.StartsWith("Please act as an impartial judge", ArenaHardPrompts.SystemPrompt, StringComparison.Ordinal);
        Assert.Equal(
            "<|User Prompt|>\n{question_1}\n\n<|The Start of Assistant A's Answer|>\n{answer_1}\n<|The End of Assistant A's Answer|>\n\n<|The Start of Assistant B's Answer|>\n{answer_2}\n<|The End of Assistant B's Answer|>",
            ArenaHardPrompts.Template);
    }
}
