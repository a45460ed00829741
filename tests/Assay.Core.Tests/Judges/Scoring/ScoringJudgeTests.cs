using Assay.Core.Judges.Catalogue;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Scoring;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Tests.Judges.Scoring;

/// <summary>The evaluators through their IEvaluator face and the named judges through the judge catalogue.</summary>
public sealed class ScoringJudgeTests
{
    [Theory]
    [InlineData("multiple-choice", new[] { "accuracy" })]
    [InlineData("exact-match", new[] { "exact_match", "normalized_match", "f1" })]
    [InlineData("text-overlap", new[] { "rouge_l", "bleu" })]
    [InlineData("numeric-match", new[] { "numeric_match" })]
    public void Case_judges_creates_each_scoring_judge_by_name(string name, string[] metrics)
    {
        var judge = Assert.IsType<ScoringCaseJudge>(JudgeCatalogue.CreateCaseJudge(name));

        Assert.Equal(name, judge.Name);
        Assert.False(judge.RequiresModel);
        Assert.NotNull(JudgeCatalogue.TryResolve(name, out _));
        Assert.Equal(metrics, judge.MetricNames);
    }

    [Fact]
    public async Task Multiple_choice_scores_right_wrong_and_unparseable()
    {
        var evalCase = Mcq("B");

        var right = await Judge(ScoringJudges.MultipleChoice, evalCase, "The answer is (B).");
        var wrong = await Judge(ScoringJudges.MultipleChoice, evalCase, "I'd go with option c");
        var refused = await Judge(ScoringJudges.MultipleChoice, evalCase, "I cannot answer this.");

        Assert.Equal(1, Assert.Single(right).Value);
        Assert.Equal(0, Assert.Single(wrong).Value);
        var unscored = Assert.Single(refused);
        Assert.Null(unscored.Value);
        Assert.StartsWith("unparseable answer: no answer found", unscored.Diagnostic, StringComparison.Ordinal);
        Assert.Equal("I cannot answer this.", unscored.Raw);
        Assert.Equal(CaseStatus.Unscored, CaseResultFactory.Create(evalCase, Answer("x"), "multiple-choice", refused).Status);
    }

    [Fact]
    public async Task Multiple_choice_gold_may_be_the_option_text_and_a_bad_gold_is_a_diagnostic()
    {
        Assert.Equal(1, (await Judge(ScoringJudges.MultipleChoice, Mcq("London"), "**B**"))[0].Value);

        var bad = Assert.Single(await Judge(ScoringJudges.MultipleChoice, Mcq("Rome"), "B"));
        Assert.Null(bad.Value);
        Assert.Contains("gold answer 'Rome'", bad.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_choices_or_references_the_metrics_say_why()
    {
        var noChoices = new EvalCase { Id = "1", Turns = ["Q"], References = ["B"] };
        var noReferences = new EvalCase { Id = "2", Turns = ["Q"] };

        Assert.Contains("MultipleChoiceContext is required", (await Judge(ScoringJudges.MultipleChoice, noChoices, "B"))[0].Diagnostic, StringComparison.Ordinal);
        Assert.All(await Judge(ScoringJudges.ExactMatch, noReferences, "B"), s => Assert.Contains("no reference answers", s.Diagnostic, StringComparison.Ordinal));
        Assert.All(await Judge(ScoringJudges.TextOverlap, noReferences, "B"), s => Assert.Null(s.Value));
        Assert.Null((await Judge(ScoringJudges.NumericMatch, noReferences, "4"))[0].Value);
    }

    [Fact]
    public async Task Exact_match_family_takes_the_best_reference()
    {
        var evalCase = new EvalCase { Id = "1", Turns = ["Capital of France?"], References = ["Paris, France", "paris"] };

        var scores = await Judge(ScoringJudges.ExactMatch, evalCase, "The Paris.");

        Assert.Equal([0.0, 1.0, 1.0], scores.Select(s => s.Value!.Value));
    }

    [Fact]
    public async Task Text_overlap_scores_the_last_turn_against_that_turns_reference()
    {
        var evalCase = new EvalCase { Id = "1", Turns = ["t1", "t2"], References = ["unrelated words here", "police kill the gunman"] };
        var answer = new TargetAnswer { CaseId = "1", Target = "t", Turns = ["whatever", "police killed the gunman"] };

        var scores = await ScoringJudges.Create(ScoringJudges.TextOverlap).JudgeAsync(evalCase, answer, null, CancellationToken.None);

        Assert.Equal(0.75, scores[0].Value!.Value, 12);
        // BLEU: p1 = 3/4, p2 = 1/3 (the gunman), p3 = 0.1/2, p4 = 0.1/1, BP = 1 (4 = 4 tokens).
        Assert.Equal(Math.Pow(0.75 / 3 * 0.05 * 0.1, 0.25), scores[1].Value!.Value, 12);
    }

    [Fact]
    public async Task Numeric_match_uses_the_configured_tolerance_and_leaves_no_number_unscored()
    {
        var evalCase = new EvalCase { Id = "1", Turns = ["How much?"], References = ["The cost is #### 1,000"] };

        Assert.Equal(1, (await Judge(ScoringJudges.NumericMatch, evalCase, "It costs $1,000."))[0].Value);
        Assert.Equal(0, (await Judge(ScoringJudges.NumericMatch, evalCase, "About 1005 dollars"))[0].Value);
        var loose = await ScoringJudges.Create(ScoringJudges.NumericMatch, relativeTolerance: 0.01)
            .JudgeAsync(evalCase, Answer("About 1005 dollars"), null, CancellationToken.None);
        Assert.Equal(1, loose[0].Value);
        var none = (await Judge(ScoringJudges.NumericMatch, evalCase, "I can't say."))[0];
        Assert.Null(none.Value);
        Assert.Contains("no number found in the answer", none.Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_error_gives_no_scores_and_a_missing_turn_is_unscored()
    {
        var evalCase = Mcq("B");
        var judge = ScoringJudges.Create(ScoringJudges.MultipleChoice);

        Assert.Empty(await judge.JudgeAsync(evalCase, new TargetAnswer { CaseId = "1", Target = "t", Error = "HTTP 500" }, null, CancellationToken.None));
        var missing = await judge.JudgeAsync(evalCase, new TargetAnswer { CaseId = "1", Target = "t" }, null, CancellationToken.None);
        Assert.Null(Assert.Single(missing).Value);
    }

    [Fact]
    public async Task Evaluators_never_throw_on_missing_context()
    {
        IEvaluator[] evaluators = [new MultipleChoiceEvaluator(), new ExactMatchEvaluator(), new TokenF1Evaluator(), new RougeLEvaluator(), new BleuEvaluator(), new NumericMatchEvaluator()];
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "B"));

        foreach (var evaluator in evaluators)
        {
            var result = await evaluator.EvaluateAsync([], response);
            Assert.All(result.Metrics.Values, m => Assert.True(m.Diagnostics is { Count: > 0 }, evaluator.GetType().Name));
        }
    }

    private static EvalCase Mcq(string gold) =>
        new() { Id = "1", Turns = ["Capital of the UK?"], Choices = ["Paris", "London", "Berlin", "Madrid"], References = [gold] };

    private static TargetAnswer Answer(string text) => new() { CaseId = "1", Target = "t", Turns = [text] };

    private static Task<IReadOnlyList<MetricScore>> Judge(string judge, EvalCase evalCase, string text) =>
        JudgeCatalogue.CreateCaseJudge(judge).JudgeAsync(evalCase, Answer(text), null, CancellationToken.None);
}
