using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Tests.Judges;

public sealed class MtBenchSingleEvaluatorTests
{
    private static readonly EvalCase Case = new() { Id = "1", Turns = ["Q1", "Q2"], Category = "stem" };

    private static readonly ChatResponse Response = new(new ChatMessage(ChatRole.Assistant, "A1"));

    [Fact]
    public async Task Scores_one_turn_and_records_the_prompt_used()
    {
        var client = new RecordingChatClient("[[9]]");

        var result = await new MtBenchSingleEvaluator().EvaluateAsync(
            [new ChatMessage(ChatRole.User, "Q1")], Response, new ChatConfiguration(client),
            [new MtBenchContext(Case, ["A1"], 0)]);

        var metric = result.Get<NumericMetric>("score");
        Assert.Equal(9, metric.Value);
        Assert.Equal("[[9]]", metric.Reason);
        Assert.Equal("single-v1", metric.Metadata![MtBenchSingleEvaluator.PromptMetadataKey]);
        Assert.Empty(metric.Diagnostics ?? []);
    }

    [Fact]
    public async Task Without_context_the_metric_carries_an_error()
    {
        var result = await new MtBenchSingleEvaluator().EvaluateAsync(
            [], Response, new ChatConfiguration(new RecordingChatClient("[[9]]")));

        var metric = result.Get<NumericMetric>("score");
        Assert.Null(metric.Value);
        Assert.Contains(metric.Diagnostics!, d => d.Severity == EvaluationDiagnosticSeverity.Error);
    }

    [Fact]
    public async Task A_third_turn_is_not_judged()
    {
        var client = new RecordingChatClient("[[9]]");
        var threeTurns = Case with { Turns = ["Q1", "Q2", "Q3"] };

        var result = await new MtBenchSingleEvaluator().EvaluateAsync(
            [], Response, new ChatConfiguration(client), [new MtBenchContext(threeTurns, ["A1", "A2", "A3"], 2)]);

        Assert.Null(result.Get<NumericMetric>("score").Value);
        Assert.Empty(client.Calls);
    }

    [Fact]
    public async Task Without_a_judge_model_the_call_counts_as_failed()
    {
        var result = await new MtBenchSingleEvaluator().EvaluateAsync(
            [], Response, chatConfiguration: null, [new MtBenchContext(Case, ["A1"], 0)]);

        Assert.True(JudgeDiagnostics.IsJudgeCallFailure(result.Get<NumericMetric>("score")));
    }
}
