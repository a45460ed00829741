using Assay.Core.Judges;
using Assay.Core.Reports;

namespace Assay.Core.Tests.Reports;

public sealed class ErrorCauseAccumulatorTests
{
    [Theory]
    [InlineData("target: turn 2: EndpointCallException: connection failed: Connection refused (127.0.0.1:5) (6 attempts)", "target connection failed", "connection failed: Connection refused (127.0.0.1:5)")]
    [InlineData("target: turn 1: EndpointCallException: HTTP 500: internal error (1 attempt)", "target HTTP 500", "HTTP 500: internal error")]
    [InlineData("judge (score): HTTP 429 (rate limited): slow down (6 attempts)", "judge (score) HTTP 429 (rate limited)", "HTTP 429 (rate limited): slow down")]
    [InlineData("target: case 7 has no 'answer' field", "target error", "case 7 has no 'answer' field")]
    [InlineData("target: turn 1: TaskCanceledException: gone", "target TaskCanceledException", "gone")]
    public void Errors_split_into_who_and_how_without_what_varies_per_case(string error, string type, string message) =>
        Assert.Equal((type, message), ErrorCauseAccumulator.Classify(error));

    [Fact]
    public void Causes_are_counted_per_target_most_frequent_first_with_the_first_case_ids()
    {
        var causes = new ErrorCauseAccumulator();
        for (var i = 0; i < 8; i++)
        {
            causes.Add(Errored($"c{i}", "a", $"target: turn {1 + (i % 2)}: EndpointCallException: connection failed: refused ({1 + i} attempts)"));
        }

        causes.Add(Errored("x", "a", "target: turn 1: EndpointCallException: HTTP 500: boom (1 attempt)"));
        causes.Add(new CaseResult { CaseId = "ok", Target = "a", Judge = "j", Status = CaseStatus.Scored });
        var built = causes.Build()!;
        Assert.Equal(2, built.Count);
        Assert.Equal(("target connection failed", 8), (built[0].Type, built[0].Count));
        Assert.Equal(["c0", "c1", "c2", "c3", "c4"], built[0].FirstCaseIds);
        Assert.Equal(("target HTTP 500", 1, "x"), (built[1].Type, built[1].Count, built[1].FirstCaseIds.Single()));
        Assert.Null(new ErrorCauseAccumulator().Build());
    }

    [Fact]
    public void Past_the_kept_causes_the_rest_is_counted_together()
    {
        var causes = new ErrorCauseAccumulator();
        for (var i = 0; i < ErrorCauseAccumulator.CausesKept + 5; i++)
        {
            causes.Add(Errored($"c{i}", "a", $"target: distinct cause {i}"));
        }

        var built = causes.Build()!;
        Assert.Equal(ErrorCauseAccumulator.CausesKept + 1, built.Count);
        Assert.Equal(5, built.Single(c => c.Type == "other").Count);
        Assert.Equal(ErrorCauseAccumulator.CausesKept + 5, built.Sum(c => c.Count));
    }

    private static CaseResult Errored(string id, string target, string error) =>
        new() { CaseId = id, Target = target, Judge = "j", Status = CaseStatus.Error, Error = error };
}
