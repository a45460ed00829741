using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Tests.Judges;

public sealed class MtBenchJudgeTests
{
    private static readonly EvalCase Writing = new()
    {
        Id = "81",
        Turns = ["Write a travel blog post about Hawaii.", "Rewrite it starting every sentence with A."],
        Category = "writing",
    };

    private static readonly TargetAnswer Answer = new()
    {
        CaseId = "81", Target = "model-a", Turns = ["Aloha! Hawaii is ...", "A trip to Hawaii ..."],
    };

    [Fact]
    public async Task Judges_each_turn_with_fastchat_settings_and_averages()
    {
        var client = new RecordingChatClient("Good. Rating: [[8]]", "Weaker. Rating: [[5]]");

        var scores = await Judge(Writing, Answer, client);

        Assert.Equal(["turn1", "turn2", "score"], scores.Select(s => s.Name));
        Assert.Equal([8.0, 5.0, 6.5], scores.Select(s => s.Value!.Value));
        Assert.Equal("Good. Rating: [[8]]", scores[0].Raw);
        Assert.Equal(2, client.Calls.Count);
        foreach (var (_, options) in client.Calls)
        {
            Assert.Equal(0f, options!.Temperature);
            Assert.Equal(2048, options.MaxOutputTokens);
        }

        Assert.Equal(MtBenchPrompts.SingleGeneral.SystemPrompt, client.Calls[0].Messages[0].Text);
        Assert.Equal(MtBenchPrompts.SingleMultiTurn.SystemPrompt, client.Calls[1].Messages[0].Text);
        Assert.Contains("### User:\n" + Writing.Turns[0], client.Calls[1].Messages[1].Text, StringComparison.Ordinal);
        Assert.Contains("### Assistant A:\n" + Answer.Turns[1], client.Calls[1].Messages[1].Text, StringComparison.Ordinal);
        Assert.Equal(CaseStatus.Scored, CaseResultFactory.Create(Writing, Answer, "mt-bench", scores).Status);
    }

    [Fact]
    public async Task Output_without_rating_is_unscored_and_kept_not_zero()
    {
        var client = new RecordingChatClient("Rating: [[8]]", "I think it is decent.");

        var scores = await Judge(Writing, Answer, client);

        var turn2 = scores.Single(s => s.Name == "turn2");
        Assert.Null(turn2.Value);
        Assert.Equal("I think it is decent.", turn2.Raw);
        Assert.Contains("I think it is decent.", turn2.Diagnostic, StringComparison.Ordinal);
        Assert.False(JudgeDiagnostics.IsJudgeCallFailure(turn2));
        Assert.Null(scores.Single(s => s.Name == "score").Value);
        Assert.NotNull(scores.Single(s => s.Name == "score").Diagnostic);
        Assert.Equal(CaseStatus.Unscored, CaseResultFactory.Create(Writing, Answer, "mt-bench", scores).Status);
    }

    [Fact]
    public async Task A_failing_judge_endpoint_is_an_error_diagnostic_not_an_exception()
    {
        var client = new RecordingChatClient("unused") { Failure = new HttpRequestException("503 Service Unavailable") };

        var scores = await Judge(Writing, Answer, client);

        var turn1 = scores.Single(s => s.Name == "turn1");
        Assert.Null(turn1.Value);
        Assert.Equal("judge call failed: 503 Service Unavailable", turn1.Diagnostic);
        Assert.True(JudgeDiagnostics.IsJudgeCallFailure(turn1));
        var result = CaseResultFactory.Create(Writing, Answer, "mt-bench", scores);
        Assert.Equal(CaseStatus.Error, result.Status);
        Assert.Contains("503", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_is_not_swallowed()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var client = new RecordingChatClient("unused") { Failure = new OperationCanceledException(cancelled.Token) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new MtBenchJudge().JudgeAsync(Writing, Answer, new ChatConfiguration(client), cancelled.Token));
    }

    [Fact]
    public async Task A_target_error_skips_the_judge()
    {
        var client = new RecordingChatClient("Rating: [[8]]");
        var failed = Answer with { Turns = [], Error = "timeout" };

        var scores = await Judge(Writing, failed, client);

        Assert.Empty(scores);
        Assert.Empty(client.Calls);
        var result = CaseResultFactory.Create(Writing, failed, "mt-bench", scores);
        Assert.Equal(CaseStatus.Error, result.Status);
        Assert.Contains("timeout", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reference_category_without_reference_uses_the_general_prompt_with_a_warning()
    {
        var math = Writing with { Category = "math", References = null };
        var client = new RecordingChatClient("Rating: [[7]]");

        var scores = await Judge(math, Answer, client);

        Assert.Equal(MtBenchPrompts.SingleGeneral.PromptTemplate[..40], client.Calls[0].Messages[1].Text[..40]);
        Assert.Equal(7, scores[0].Value);
        Assert.StartsWith("warning:", scores[0].Diagnostic, StringComparison.Ordinal);
        Assert.Contains("single-math-v1", scores[0].Diagnostic, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unanswered_turn_is_unscored_without_a_judge_call()
    {
        var client = new RecordingChatClient("Rating: [[7]]");
        var oneTurn = Answer with { Turns = [Answer.Turns[0]] };

        var scores = await Judge(Writing, oneTurn, client);

        Assert.Single(client.Calls);
        Assert.Null(scores.Single(s => s.Name == "turn2").Value);
        Assert.Null(scores.Single(s => s.Name == "score").Value);
    }

    private static Task<IReadOnlyList<MetricScore>> Judge(EvalCase evalCase, TargetAnswer answer, RecordingChatClient client) =>
        new MtBenchJudge(faithful: true).JudgeAsync(evalCase, answer, new ChatConfiguration(client), CancellationToken.None);
}
