using Assay.Core.Judges;
using Assay.Core.Reports;

namespace Assay.Core.Tests.Reports;

public sealed class ReportBuilderTests
{
    [Fact]
    public void Counts_every_case_per_target_in_order_of_appearance()
    {
        var report = Build(ReportFixtures.Results());

        Assert.Equal(("run-1", "mt_bench", "mt-bench", ReportFixtures.CreatedAt), (report.RunId, report.Benchmark, report.Judge, report.CreatedAt));
        Assert.Equal(["model-a", "model|b"], report.Targets.Select(t => t.Name));
        var a = report.Targets[0];
        Assert.Equal((4, 2, 1, 1), (a.Cases, a.Scored, a.Unscored, a.Errors));
        var b = report.Targets[1];
        Assert.Equal((2, 2, 0, 0), (b.Cases, b.Scored, b.Unscored, b.Errors));
    }

    [Fact]
    public void Metrics_are_sorted_and_their_n_excludes_missing_values()
    {
        var a = Build(ReportFixtures.Results()).Targets[0];

        Assert.Equal(["score", "turn1"], a.Metrics.Select(m => m.Name));
        var score = a.Metrics[0];
        Assert.Equal(2, score.N);
        Assert.Equal(7, score.Mean, 12);
        Assert.InRange(score.Mean, score.CiLow, score.CiHigh);
        Assert.Equal(3, a.Metrics[1].N);
        Assert.Equal(6, a.Metrics[1].Mean, 12);
    }

    [Fact]
    public void Categories_are_split_sorted_and_default_to_uncategorised()
    {
        var a = Build(ReportFixtures.Results()).Targets[0];

        Assert.Equal(["math", "uncategorised", "writing"], a.Categories.Select(c => c.Name));
        var math = a.Categories[0];
        Assert.Equal((1, 0, 1, 0), (math.Cases, math.Scored, math.Unscored, math.Errors));
        var mathScore = math.Metrics.Single(m => m.Name == "score");
        Assert.Equal(0, mathScore.N);
        Assert.Equal(4, math.Metrics.Single(m => m.Name == "turn1").Mean);
        var uncategorised = a.Categories[1];
        Assert.Equal((1, 0, 0, 1), (uncategorised.Cases, uncategorised.Scored, uncategorised.Unscored, uncategorised.Errors));
        Assert.Empty(uncategorised.Metrics);
        Assert.Equal(7, a.Categories[2].Metrics.Single(m => m.Name == "score").Mean, 12);
    }

    [Fact]
    public void The_report_does_not_depend_on_arrival_order()
    {
        var results = ReportFixtures.Results().ToList();
        var reversed = Enumerable.Reverse(results).ToList();

        var forward = ReportJson.Serialize(Build(results));
        var backward = Build(reversed);

        // Target order follows first appearance; everything else must be identical.
        Assert.Equal(forward, ReportJson.Serialize(backward with { Targets = [.. backward.Targets.Reverse()] }));
    }

    private static EvaluationReport Build(IEnumerable<CaseResult> results)
    {
        var builder = new ReportBuilder("run-1", "mt_bench", "mt-bench", ReportFixtures.CreatedAt, bootstrapRounds: 500);
        foreach (var result in results)
        {
            builder.Add(result);
        }

        return builder.Build();
    }
}
