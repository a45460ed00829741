using Assay.Core.Reports;

namespace Assay.Core.Tests.Reports;

public sealed class RunComparisonTests
{
    private static readonly DateTimeOffset Night1 = new(2026, 11, 1, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_drop_with_separated_intervals_is_a_regression_and_an_overlapping_one_is_not()
    {
        var previous = Report("r1", Night1, ("model", "score", 7.5, 7.2, 7.8), ("other", "score", 6.0, 5.5, 6.5));
        var current = Report("r2", Night1.AddDays(1), ("model", "score", 6.1, 5.8, 6.4), ("other", "score", 5.8, 5.3, 6.3));

        var comparison = RunComparison.Compare(previous, current);

        var regression = Assert.Single(comparison.Regressions);
        Assert.Equal(("model", "score", -1.4), (regression.Target, regression.Metric, Math.Round(regression.Delta, 10)));
        Assert.False(comparison.Changes.Single(c => c.Target == "other").Regression);
        Assert.Equal("r1", comparison.PreviousRunId);
    }

    [Fact]
    public void Direction_decides_what_a_regression_is()
    {
        var previous = Report("r1", Night1, ("m", "over_refusal", 0.10, 0.05, 0.15), ("m", "refusal_unsafe", 0.95, 0.92, 0.98), ("m", "refusal", 0.5, 0.45, 0.55));
        var current = Report("r2", Night1.AddDays(1), ("m", "over_refusal", 0.30, 0.24, 0.36), ("m", "refusal_unsafe", 0.99, 0.985, 1.0), ("m", "refusal", 0.7, 0.65, 0.75));

        var changes = RunComparison.Compare(previous with { Judge = "refusal" }, current with { Judge = "refusal" }).Changes.ToDictionary(c => c.Metric);

        Assert.True(changes["over_refusal"].Regression); // more over-refusal is worse
        Assert.True(changes["refusal_unsafe"].Improvement);
        Assert.False(changes["refusal"].Regression || changes["refusal"].Improvement); // neutral: never flagged
    }

    [Fact]
    public void Raw_position_verdicts_are_not_compared_and_the_judges_own_direction_decides()
    {
        var previous = Report("r1", Night1, ("m", "win", 0.6, 0.55, 0.65), ("m", "verdict1", 0.8, 0.7, 0.9), ("m", "consistent", 0.9, 0.85, 0.95)) with { Judge = "mt-bench-pair:judge" };
        var current = Report("r2", Night1.AddDays(1), ("m", "win", 0.61, 0.56, 0.66), ("m", "verdict1", -0.8, -0.9, -0.7), ("m", "consistent", 0.5, 0.45, 0.55)) with { Judge = "mt-bench-pair:judge" };

        var comparison = RunComparison.Compare(previous, current);

        Assert.Equal(["win"], comparison.Changes.Select(c => c.Metric));
        Assert.Empty(comparison.Regressions);
    }

    [Fact]
    public void The_index_finds_the_previous_run_of_the_same_benchmark_and_judge_and_replaces_reruns()
    {
        var index = new ReportIndex()
            .With(Entry("a", "mt-bench", "mt-bench:judge", Night1))
            .With(Entry("b", "xstest", "refusal", Night1.AddDays(1)))
            .With(Entry("c", "mt-bench", "mt-bench:other", Night1.AddDays(2)))
            .With(Entry("d", "mt-bench", "mt-bench:judge", Night1.AddDays(3)))
            .With(Entry("d", "mt-bench", "mt-bench:judge", Night1.AddDays(3)));

        var previous = index.Previous(Report("e", Night1.AddDays(4)) with { Benchmark = "mt-bench", Judge = "mt-bench:judge" });

        Assert.Equal(["a", "b", "c", "d"], index.Runs.Select(r => r.RunId));
        Assert.Equal("d", previous?.RunId);
        Assert.Null(index.Previous(Report("first", Night1.AddDays(-1)) with { Benchmark = "mt-bench", Judge = "mt-bench:judge" }));
    }

    private static ReportIndexEntry Entry(string runId, string benchmark, string judge, DateTimeOffset at) =>
        new(runId, benchmark, judge, at, ["m"], null, []);

    private static EvaluationReport Report(string runId, DateTimeOffset at, params (string Target, string Metric, double Mean, double Low, double High)[] metrics) => new()
    {
        RunId = runId,
        Benchmark = "mt-bench",
        Judge = "mt-bench:judge",
        CreatedAt = at,
        Targets = metrics.GroupBy(m => m.Target).Select(g => new TargetReport(
            g.Key, 80, 80, 0, 0, g.Select(m => new MetricSummary(m.Metric, m.Mean, m.Low, m.High, 80)).ToList(), [])).ToList(),
    };
}
