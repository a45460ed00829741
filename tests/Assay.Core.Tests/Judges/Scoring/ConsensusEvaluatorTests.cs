using Assay.Core.Judges.Catalogue;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Scoring;
using Assay.Core.Targets;

namespace Assay.Core.Tests.Judges.Scoring;

public sealed class ConsensusEvaluatorTests
{
    private static readonly string[] Labels = ["benign", "malignant", "uncertain"];

    [Theory]
    [InlineData("Looking at the margins and growth...\nAnswer: Malignant.", "malignant")]
    [InlineData("The lesion is irregular.\nmalignant", "malignant")]
    [InlineData("Label: benign\nI am fairly confident.", "benign")]
    [InlineData("I think it could be benign or malignant.", null)]
    [InlineData("Cannot tell from this description.", null)]
    public void Reads_exactly_one_label_from_the_answer(string answer, string? expected) =>
        Assert.Equal(expected, ConsensusEvaluator.ReadLabel(answer, Labels));

    [Fact]
    public void Without_a_label_set_a_short_last_line_is_the_label()
    {
        Assert.Equal("yes", ConsensusEvaluator.ReadLabel("Reasoning first.\nYes.", []));
        Assert.Null(ConsensusEvaluator.ReadLabel("Well, this is a long final sentence without a label.", []));
    }

    [Fact]
    public async Task The_consensus_judge_scores_agreement_and_leaves_unreadable_answers_unscored()
    {
        var judge = JudgeCatalogue.CreateCaseJudge(ScoringJudges.Consensus);
        var evalCase = new EvalCase
        {
            Id = "c1",
            Turns = ["Is this lesion benign or malignant?"],
            Metadata = new Dictionary<string, string> { ["consensus"] = "Malignant", ["labels"] = "benign|malignant|uncertain", ["difficulty"] = "hard" },
        };

        async Task<MetricScore> Score(string text) => Assert.Single(await judge.JudgeAsync(
            evalCase, new TargetAnswer { CaseId = "c1", Target = "m", Turns = [text] }, null, CancellationToken.None));

        Assert.Equal(("consensus_accuracy", 1.0), ((await Score("Answer: malignant")).Name, (await Score("Answer: malignant")).Value!.Value));
        Assert.Equal(0.0, (await Score("Answer: benign")).Value);
        var unreadable = await Score("It depends.");
        Assert.Null(unreadable.Value);
        Assert.Contains("unparseable answer: it names none, or several, of the labels", unreadable.Diagnostic, StringComparison.Ordinal);
        var noConsensus = Assert.Single(await judge.JudgeAsync(
            evalCase with { Metadata = new Dictionary<string, string>() }, new TargetAnswer { CaseId = "c1", Target = "m", Turns = ["benign"] }, null, CancellationToken.None));
        Assert.Null(noConsensus.Value);
    }
}
