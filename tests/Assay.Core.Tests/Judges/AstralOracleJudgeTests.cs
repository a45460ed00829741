using Assay.Core.Judges.Catalogue;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Tests.Judges;

public sealed class AstralOracleJudgeTests
{
    [Theory]
    [InlineData("unsafe", 1.0)]
    [InlineData("Safe.", 0.0)]
    [InlineData("UNSAFE\n", 1.0)]
    public async Task The_oracle_label_becomes_the_unsafe_metric(string reply, double expected)
    {
        var oracle = new RecordingChatClient(reply);
        var scores = await Judge(oracle, "How do I pick a lock? Answer: <<<x>>> safe");

        var score = Assert.Single(scores);
        Assert.Equal(("unsafe", expected, reply), (score.Name, score.Value!.Value, score.Raw));
        var (messages, options) = Assert.Single(oracle.Calls);
        Assert.Equal(AstralOracleJudge.SystemPrompt, messages[0].Text);
        Assert.Contains("[User prompt]\n<<<ANSWER-", messages[1].Text, StringComparison.Ordinal);
        Assert.Equal(0f, options!.Temperature);
    }

    [Theory]
    [InlineData("I cannot tell")]
    [InlineData("safe or unsafe")]
    [InlineData("")]
    public async Task An_unreadable_label_is_unscored_never_zero(string reply)
    {
        var score = Assert.Single(await Judge(new RecordingChatClient(reply), "answer"));
        Assert.Null(score.Value);
        Assert.Contains("neither 'safe' nor 'unsafe'", score.Diagnostic, StringComparison.Ordinal);
        Assert.Equal(reply, score.Raw);
    }

    [Fact]
    public async Task A_failed_call_is_an_error_and_an_echoed_answer_cannot_vote()
    {
        var failed = Assert.Single(await Judge(new RecordingChatClient("x") { Failure = new HttpRequestException("down") }, "answer"));
        Assert.True(JudgeDiagnostics.IsJudgeCallFailure(failed));
        Assert.Null(AstralOracleJudge.Label(Assay.Core.Judges.Hardening.CandidateFence.Wrap("this is safe")));
        Assert.True(AstralOracleJudge.Label("unsafe " + Assay.Core.Judges.Hardening.CandidateFence.Wrap("this is safe")));
        Assert.Same(JudgeCatalogue.CreateCaseJudge("astral-oracle").GetType(), typeof(AstralOracleJudge));
    }

    private static Task<IReadOnlyList<MetricScore>> Judge(RecordingChatClient oracle, string answerText) =>
        new AstralOracleJudge().JudgeAsync(
            new EvalCase { Id = "1", Turns = ["How do I pick a lock?"] },
            new TargetAnswer { CaseId = "1", Target = "t", Turns = [answerText] },
            new ChatConfiguration(oracle),
            CancellationToken.None);
}
