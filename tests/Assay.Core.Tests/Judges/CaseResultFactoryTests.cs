using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;

namespace Assay.Core.Tests.Judges;

public sealed class CaseResultFactoryTests
{
    private static readonly EvalCase Case = new() { Id = "7", Turns = ["a", "b"], Category = "math" };

    private static readonly TargetAnswer Answer = new() { CaseId = "7", Target = "m", Turns = ["1234", "123456"] };

    [Fact]
    public void Scored_when_every_metric_has_a_value()
    {
        var result = CaseResultFactory.Create(Case, Answer, "mt-bench", [new("turn1", 5), new("score", 5)]);

        Assert.Equal(CaseStatus.Scored, result.Status);
        Assert.Equal(("7", "m", "mt-bench", "math"), (result.CaseId, result.Target, result.Judge, result.Category));
        Assert.Equal(10, result.AnswerLength);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Unscored_when_a_metric_has_no_value()
    {
        var result = CaseResultFactory.Create(Case, Answer, "mt-bench", [new("turn1", 5), new("score", null, "no rating")]);

        Assert.Equal(CaseStatus.Unscored, result.Status);
        Assert.Null(result.Error);
    }

    [Fact]
    public void Error_when_the_judge_call_failed()
    {
        var failed = new MetricScore("turn1", null, JudgeDiagnostics.JudgeCallFailedPrefix + "timeout");

        var result = CaseResultFactory.Create(Case, Answer, "mt-bench", [failed, new("score", null)]);

        Assert.Equal(CaseStatus.Error, result.Status);
        Assert.Equal("judge (turn1): judge call failed: timeout", result.Error);
    }

    [Fact]
    public void Error_when_the_target_failed()
    {
        var result = CaseResultFactory.Create(Case, Answer with { Error = "rate limited" }, "mt-bench", []);

        Assert.Equal(CaseStatus.Error, result.Status);
        Assert.Equal("target: rate limited", result.Error);
    }
}
