using Assay.Core.Judges.Scoring;

namespace Assay.Core.Tests.Judges.Scoring;

public sealed class ChoiceExtractorTests
{
    private static readonly string[] Capitals = ["Paris", "London", "Berlin", "Madrid"];

    [Theory]
    [InlineData("The answer is (B)", "B")]
    [InlineData("**B**", "B")]
    [InlineData("Answer: B.", "B")]
    [InlineData("B) London", "B")]
    [InlineData("I'd go with option b", "B")]
    [InlineData("London", "B")]
    [InlineData("The capital of the UK is London.", "B")]
    [InlineData("Let's think. A is Paris, hmm. Actually C could fit too.\nTherefore, the answer is D.", "D")]
    [InlineData("The answer is (A). Wait, that's wrong. The correct answer is C.", "C")]
    [InlineData("b", "B")]
    [InlineData("(c)", "C")]
    [InlineData("Final Answer: **D**", "D")]
    [InlineData("**Answer:** C", "C")]
    [InlineData("Step 1: the UK is not in the list twice.\nStep 2: compare.\n\nC", "C")]
    [InlineData("Option C is correct because Berlin is in Germany.", "C")]
    [InlineData("C is the correct answer.", "C")]
    [InlineData("$\\boxed{A}$", "A")]
    [InlineData("The answer is a bit unclear, but I think it's London", "B")]
    [InlineData("My answer is: (d)", "D")]
    [InlineData("answer: c", "C")]
    [InlineData("I would choose B because London is the capital.", "B")]
    [InlineData("The correct option is B", "B")]
    [InlineData("A", "A")]
    [InlineData("The answer to this question is B.", "B")]
    [InlineData("Answer:\nB", "B")]
    [InlineData("The answer is Berlin.", "C")]
    [InlineData("A. Paris is a capital, but the answer is B", "B")]
    [InlineData("A. Paris", "A")]
    [InlineData("I think the correct answer is [D] - Madrid.", "D")]
    [InlineData("Answer - C", "C")]
    public void Reads_the_chosen_option(string response, string expected)
    {
        var extraction = ChoiceExtractor.Extract(response, Capitals);

        Assert.True(extraction.Index is not null, extraction.Explanation);
        Assert.Equal(expected, extraction.Letter);
    }

    [Theory]
    [InlineData("I'm sorry, but I can't help with that.", "no answer found")]
    [InlineData("", "empty")]
    [InlineData("   \n  ", "empty")]
    [InlineData("The answer is A or B.", "more than one option")]
    [InlineData("The answer is E", "options run from A to D")]
    [InlineData("Both Paris and London are capitals.", "text of 2 options")]
    [InlineData("None of the options is right.", "no answer found")]
    [InlineData("I think the answer is I", "options run from A to D")]
    [InlineData("(F)", "options run from A to D")]
    [InlineData("The answer is not clear to me.", "no answer found")]
    public void Leaves_unreadable_answers_without_an_option(string response, string reason)
    {
        var extraction = ChoiceExtractor.Extract(response, Capitals);

        Assert.Null(extraction.Index);
        Assert.Null(extraction.Letter);
        Assert.Contains(reason, extraction.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void The_option_inside_a_longer_option_does_not_count_twice()
    {
        string[] choices = ["Gas", "Gas cylinders", "Balance weights"];

        var extraction = ChoiceExtractor.Extract("You should raise the gas cylinders.", choices);

        Assert.Equal("B", extraction.Letter);
    }

    [Theory]
    [InlineData("B", 1)]
    [InlineData("(c)", 2)]
    [InlineData("D: Madrid", 3)]
    [InlineData("london", 1)]
    [InlineData("The Madrid", 3)]
    public void Resolves_the_gold_answer_from_a_letter_or_the_option_text(string gold, int expected)
    {
        Assert.Equal(expected, ChoiceTextMatcher.ResolveGold(gold, Capitals).Index);
    }

    [Theory]
    [InlineData("E")]
    [InlineData("Rome")]
    [InlineData("")]
    public void A_gold_answer_that_names_no_option_is_a_problem(string gold)
    {
        var resolved = ChoiceTextMatcher.ResolveGold(gold, Capitals);

        Assert.Null(resolved.Index);
        Assert.Contains("neither a letter A-D nor the text of an option", resolved.Explanation, StringComparison.Ordinal);
    }
}
