using Assay.Core.Judges.Reval;

namespace Assay.Core.Tests.Judges.Reval;

public sealed class RevalScorerTests
{
    [Theory]
    [InlineData(new[] { true, true, true, true }, 1.0)]
    [InlineData(new[] { true, true, true, false }, 0.5)]
    [InlineData(new[] { true, true, false, false }, 0.25)]
    [InlineData(new[] { true, false, false, false }, 0.125)]
    [InlineData(new[] { false, false, false, false }, 0.0)]
    [InlineData(new[] { true, false, true, true }, 0.0)] // a right answer after a wrong one: inconsistent
    [InlineData(new[] { false, true, true, true }, 0.0)]
    [InlineData(new[] { true, false }, 0.5)]
    public void Incremental_consistency_follows_REval(bool[] correct, double expected) =>
        Assert.Equal(expected, RevalScorer.IncrementalConsistency(correct));

    [Theory]
    [InlineData("[ANSWER]YES[/ANSWER]", "yes", true)]
    [InlineData("no, it is skipped", "no", true)]
    [InlineData("Yes", "no", false)]
    public void Covered_line_reads_yes_or_no(string reply, string truth, bool expected) =>
        Assert.Equal((expected, (string?)null), RevalScorer.Score(RevalKind.CoveredLine, reply, [truth]));

    [Fact]
    public void An_unreadable_answer_is_wrong_with_the_reason()
    {
        Assert.Equal((false, "not a YES/NO answer: 'maybe'"), RevalScorer.Score(RevalKind.CoveredLine, "maybe", ["yes"]));
        Assert.Equal((false, "no line number in 'the loop header'"), RevalScorer.Score(RevalKind.NextLine, "[ANSWER] the loop header [/ANSWER]", ["3"]));
    }

    [Theory]
    [InlineData("[ANSWER]3[/ANSWER]", true)]
    [InlineData("line 3", true)]
    [InlineData("-1", false)]
    public void Next_line_accepts_any_observed_successor(string reply, bool expected) =>
        Assert.Equal(expected, RevalScorer.Score(RevalKind.NextLine, reply, ["3", "8"]).Correct);

    [Theory]
    [InlineData("\"zero\"", "'zero'", true)]
    [InlineData("'zero';str", "'zero'", true)] // REval's value;type answers
    [InlineData("[1,2, 3]", "[1, 2, 3]", true)]
    [InlineData("{'a': \"b c\"}", "{'a': 'b c'}", true)]
    [InlineData("0.30000001", "0.3", true)]
    [InlineData("9.0", "9", false)]
    [InlineData("'a b'", "'ab'", false)]
    [InlineData("`6`", "6", true)]
    public void Values_are_compared_as_python_literals_without_evaluating(string reply, string truth, bool expected) =>
        Assert.Equal(expected, RevalScorer.Score(RevalKind.VariableValue, reply, [truth]).Correct);
}
