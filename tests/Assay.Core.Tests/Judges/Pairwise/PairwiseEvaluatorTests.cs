using System.ClientModel;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Targets;
using Assay.Testing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;
using OpenAI;

namespace Assay.Core.Tests.Judges.Pairwise;

/// <summary>Pairwise judges used through the Microsoft.Extensions.AI.Evaluation interface, against a judge over HTTP.</summary>
public sealed class PairwiseEvaluatorTests
{
    private static readonly EvalCase Question = new() { Id = "q1", Turns = ["Name a prime."] };
    private static readonly TargetAnswer Baseline = new() { CaseId = "q1", Target = "base", Turns = ["fourteen"] };

    [Fact]
    public async Task Both_orders_are_judged_and_a_consistent_strong_win_is_a_win()
    {
        // The judge prefers the assistant that answered "seventeen", wherever it is shown.
        await using var server = await SimulatedOpenAIServer.StartAsync(r =>
            SimulatedReply.Text(r.Messages[^1].Content.IndexOf("seventeen", StringComparison.Ordinal) < r.Messages[^1].Content.IndexOf("fourteen", StringComparison.Ordinal) ? "[[A>>B]]" : "[[B>>A]]"));
        IEvaluator evaluator = new PairwiseEvaluator(new ArenaHardJudge());

        var result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, Question.Turns[0])], new ChatResponse(new ChatMessage(ChatRole.Assistant, "seventeen")), Connect(server), [new BaselineAnswerContext(Question, Baseline)]);

        Assert.Equal(2, server.Calls);
        Assert.Equal(1, result.Get<NumericMetric>(PairwiseMetrics.Win).Value);
        Assert.Equal(1, result.Get<NumericMetric>(PairwiseMetrics.Consistent).Value);
        Assert.Equal(2, result.Get<NumericMetric>(PairwiseMetrics.Verdict1).Value);
        Assert.Equal(2, result.Get<NumericMetric>(PairwiseMetrics.Verdict2).Value);
        Assert.All(result.Metrics.Values, m => Assert.Null(m.Diagnostics));
        Assert.Contains("game 2 (candidate first)", result.Get<NumericMetric>(PairwiseMetrics.Win).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_verdict_that_flips_with_the_order_counts_as_a_tie()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("[[A>B]]"));

        var result = await new PairwiseEvaluator(new ArenaHardJudge()).EvaluateAsync(
            [], new ChatResponse(new ChatMessage(ChatRole.Assistant, "seventeen")), Connect(server), [new BaselineAnswerContext(Question, Baseline)]);

        Assert.Equal(0.5, result.Get<NumericMetric>(PairwiseMetrics.Win).Value);
        Assert.Equal(0, result.Get<NumericMetric>(PairwiseMetrics.Consistent).Value);
        Assert.Equal(-1, result.Get<NumericMetric>(PairwiseMetrics.Verdict1).Value);
        Assert.Equal(1, result.Get<NumericMetric>(PairwiseMetrics.Verdict2).Value);
    }

    [Fact]
    public async Task Unparseable_judge_output_is_an_unscored_metric_with_a_diagnostic()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("Both are fine, really."));

        var result = await new PairwiseEvaluator(new ArenaHardJudge()).EvaluateAsync(
            [], new ChatResponse(new ChatMessage(ChatRole.Assistant, "seventeen")), Connect(server), [new BaselineAnswerContext(Question, Baseline)]);

        var win = result.Get<NumericMetric>(PairwiseMetrics.Win);
        Assert.Null(win.Value);
        Assert.Contains(win.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error && d.Message.Contains("no [[verdict]] label", StringComparison.Ordinal));
        Assert.False(JudgeDiagnostics.IsJudgeCallFailure(win));
        Assert.Contains("Both are fine", win.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_judge_endpoint_is_marked_as_a_failed_call_not_an_exception()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Garbage());

        var result = await new PairwiseEvaluator(new MtBenchPairJudge()).EvaluateAsync(
            [], new ChatResponse(new ChatMessage(ChatRole.Assistant, "seventeen")), Connect(server), [new BaselineAnswerContext(Question, Baseline)]);

        Assert.All(result.Metrics.Values, m => Assert.True(JudgeDiagnostics.IsJudgeCallFailure(m)));
        Assert.Null(result.Get<NumericMetric>(PairwiseMetrics.Win).Value);
    }

    [Fact]
    public async Task Without_the_baseline_context_every_metric_says_so()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("[[A]]"));

        var result = await new PairwiseEvaluator(new MtBenchPairJudge()).EvaluateAsync(
            [], new ChatResponse(new ChatMessage(ChatRole.Assistant, "seventeen")), Connect(server));

        Assert.Equal(0, server.Calls);
        Assert.Equal(4, result.Metrics.Count);
        Assert.All(result.Metrics.Values, m => Assert.Contains(m.Diagnostics!, d => d.Message.Contains(nameof(BaselineAnswerContext), StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Earlier_assistant_messages_are_the_candidate_s_earlier_turns()
    {
        var twoTurns = new EvalCase { Id = "81", Category = "writing", Turns = ["Write a haiku about rain.", "Now one about snow."] };
        var baseline = new TargetAnswer { CaseId = twoTurns.Id, Target = "base", Turns = ["base one", "base two"] };
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("[[C]]"));

        var result = await new PairwiseEvaluator(new MtBenchPairJudge(faithful: true)).EvaluateAsync(
            [new ChatMessage(ChatRole.User, twoTurns.Turns[0]), new ChatMessage(ChatRole.Assistant, "cand one"), new ChatMessage(ChatRole.User, twoTurns.Turns[1])],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, "cand two")), Connect(server), [new BaselineAnswerContext(twoTurns, baseline)]);

        Assert.Equal(0.5, result.Get<NumericMetric>("win_turn2").Value);
        Assert.Contains(server.Requests, r => r.Messages[^1].Content.Contains("cand one", StringComparison.Ordinal) && r.Messages[^1].Content.Contains("cand two", StringComparison.Ordinal));
    }

    private static ChatConfiguration Connect(SimulatedOpenAIServer server) =>
        new(new OpenAIClient(new ApiKeyCredential("test-key"), new OpenAIClientOptions { Endpoint = server.BaseUrl }).GetChatClient("judge").AsIChatClient());
}
