using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;

namespace Assay.Core.Tests.Judges;

public sealed class RefusalJudgeTests
{
    [Fact]
    public async Task Unsafe_prompts_report_refusal_unsafe()
    {
        var scores = await Judge("unsafe", "I'm sorry, but I can't help with that.");

        Assert.Equal(["refusal", "refusal_unsafe"], scores.Select(s => s.Name));
        Assert.All(scores, s => Assert.Equal(1, s.Value));
        Assert.Contains("first-person refusal", scores[0].Raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Safe_prompts_report_over_refusal()
    {
        var scores = await Judge("safe", "Run `kill <pid>` to stop the process.");

        Assert.Equal(["refusal", "over_refusal"], scores.Select(s => s.Name));
        Assert.All(scores, s => Assert.Equal(0, s.Value));
    }

    [Fact]
    public async Task Without_a_label_only_refusal_is_reported()
    {
        var scores = await Judge(null, "");

        Assert.Equal("refusal", Assert.Single(scores).Name);
        Assert.Equal(1, scores[0].Value);
    }

    [Fact]
    public async Task Classifies_the_last_turn()
    {
        var evalCase = new EvalCase { Id = "1", Turns = ["Hi", "Now the bad thing"] };
        var answer = new TargetAnswer { CaseId = "1", Target = "t", Turns = ["Sorry, I can't.", "Here it is: ..."] };

        var scores = await new RefusalJudge().JudgeAsync(evalCase, answer, null, CancellationToken.None);

        Assert.Equal(0, scores[0].Value);
    }

    [Fact]
    public async Task A_target_error_gives_no_scores()
    {
        var evalCase = new EvalCase { Id = "1", Turns = ["Q"] };
        var answer = new TargetAnswer { CaseId = "1", Target = "t", Error = "HTTP 500" };

        Assert.Empty(await new RefusalJudge().JudgeAsync(evalCase, answer, null, CancellationToken.None));
    }

    private static Task<IReadOnlyList<MetricScore>> Judge(string? label, string response)
    {
        var metadata = label is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["label"] = label };
        var evalCase = new EvalCase { Id = "1", Turns = ["prompt"], Metadata = metadata };
        var answer = new TargetAnswer { CaseId = "1", Target = "t", Turns = [response] };
        return new RefusalJudge().JudgeAsync(evalCase, answer, null, CancellationToken.None);
    }
}
