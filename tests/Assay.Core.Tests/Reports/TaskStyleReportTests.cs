using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Core.Statistics;

namespace Assay.Core.Tests.Reports;

/// <summary>Breakdowns by case field and variant comparisons, checked against numbers computed by hand.</summary>
public sealed class TaskStyleReportTests
{
    [Fact]
    public void Breakdowns_count_every_case_under_each_of_its_values()
    {
        var builder = new ReportBuilder("run", "bench", "consensus", ReportFixtures.CreatedAt);
        builder.Add(Scored("1", "m", 1, ("difficulty", "easy"), ("trust", "safety"), ("trust", "fairness")));
        builder.Add(Scored("2", "m", 0, ("difficulty", "hard"), ("trust", "safety")));
        builder.Add(Scored("3", "m", 1, ("difficulty", "hard")));
        builder.Add(ReportFixtures.Result("4", "m", null, CaseStatus.Error) with { Groups = [new("difficulty", "hard")] });
        builder.Add(ReportFixtures.Result("5", "m", null, CaseStatus.Scored, ("accuracy", 1))); // no groups

        var target = Assert.Single(builder.Build().Targets);
        Assert.Equal(["difficulty", "trust"], target.Breakdowns!.Select(b => b.Key));
        var difficulty = target.Breakdowns![0].Values;
        Assert.Equal(["easy", "hard"], difficulty.Select(v => v.Name));
        Assert.Equal((1, 1, 0, 0), (difficulty[0].Cases, difficulty[0].Scored, difficulty[0].Unscored, difficulty[0].Errors));
        Assert.Equal((3, 2, 0, 1), (difficulty[1].Cases, difficulty[1].Scored, difficulty[1].Unscored, difficulty[1].Errors));
        var hard = Assert.Single(difficulty[1].Metrics);
        Assert.Equal(("accuracy", 2, 0.5), (hard.Name, hard.N, hard.Mean));
        var trust = target.Breakdowns[1].Values;
        // Cases 3-5 have no trust tag: counted as untagged, not dropped (case 4 errored, so two values).
        Assert.Equal([("fairness", 1, 1.0), ("safety", 2, 0.5), ("untagged", 3, 1.0)], trust.Select(v => (v.Name, v.Cases, v.Metrics[0].Mean)));
        Assert.Equal(5, target.Cases); // the totals are untouched by breakdowns
    }

    [Fact]
    public void A_variant_is_compared_with_its_base_on_the_cases_both_scored()
    {
        var builder = new ReportBuilder("run", "bench", "mt-bench", ReportFixtures.CreatedAt, bootstrapRounds: 500);
        builder.CompareVariants([new VariantPair("m+cot", "m", Strategy: "cot")]);
        double[] plain = [4, 6, 5, 7];
        double?[] cot = [6, 7, 5, null];
        for (var i = 0; i < plain.Length; i++)
        {
            builder.Add(ReportFixtures.Result($"{i}", "m", null, CaseStatus.Scored, ("score", plain[i])));
            builder.Add(ReportFixtures.Result($"{i}", "m+cot", null, CaseStatus.Scored, ("score", cot[i])));
        }

        builder.Add(ReportFixtures.Result("9", "other", null, CaseStatus.Scored, ("score", 1)));
        var comparison = Assert.Single(builder.Build().Variants!);

        Assert.Equal(("m+cot", "m", "cot", (string?)null), (comparison.Target, comparison.Base, comparison.Strategy, comparison.Mutation));
        var score = Assert.Single(comparison.Metrics);
        // Cases 0, 1, 2 have both: differences 2, 1, 0.
        Assert.Equal(("score", 3), (score.Metric, score.N));
        Assert.Equal(6, score.TargetMean, 12);
        Assert.Equal(5, score.BaseMean, 12);
        Assert.Equal(1, score.Difference, 12);
        var (_, low, high) = Bootstrap.MeanInterval([2.0, 1.0, 0.0], 500, Bootstrap.DefaultLevel, Bootstrap.DefaultSeed);
        Assert.Equal((low, high), (score.CiLow, score.CiHigh));
        Assert.Equal(low > 0, score.Significant);
    }

    [Fact]
    public void Without_variants_the_report_has_no_variant_section()
    {
        var builder = new ReportBuilder("run", "bench", "mt-bench", ReportFixtures.CreatedAt);
        builder.Add(ReportFixtures.Result("1", "m", null, CaseStatus.Scored, ("score", 5)));
        var report = builder.Build();

        Assert.Null(report.Variants);
        Assert.Null(report.Targets[0].Breakdowns);
        Assert.DoesNotContain("Variants against", MarkdownReportRenderer.Render(report), StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_and_html_show_variants_and_breakdowns_and_json_round_trips()
    {
        var builder = new ReportBuilder("run", "bench", "refusal", ReportFixtures.CreatedAt, bootstrapRounds: 200);
        builder.CompareVariants([new VariantPair("m~base64", "m", Mutation: "base64")]);
        for (var i = 0; i < 4; i++)
        {
            builder.Add(Scored($"{i}", "m", 1, ("trust", "safety")) with { Scores = [new MetricScore("refusal", 1)] });
            builder.Add(Scored($"{i}", "m~base64", 0, ("trust", "safety")) with { Scores = [new MetricScore("refusal", i == 0 ? 1 : 0)] });
        }

        var report = builder.Build();
        var md = MarkdownReportRenderer.Render(report);
        Assert.Contains("| m~base64 | m | plain | base64 | refusal | 4 | 25.0% | 100.0% | -75.0 pt [", md, StringComparison.Ordinal);
        Assert.Contains("### by trust", md, StringComparison.Ordinal);
        Assert.Contains("| safety | 4 | 4 | 0 | 0 | 100.0% [100.0%, 100.0%] |", md, StringComparison.Ordinal);
        var html = HtmlReportRenderer.Render(report);
        Assert.Contains("<h2>Variants against their plain target</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<td>m~base64</td><td>m</td><td>plain</td><td>base64</td><td>refusal</td><td>4</td>", html, StringComparison.Ordinal);
        Assert.Contains("<h2>Breakdowns of m~base64</h2>", html, StringComparison.Ordinal);

        var back = ReportJson.Deserialize(ReportJson.Serialize(report));
        Assert.Equal(report.Variants![0].Metrics, back.Variants![0].Metrics);
        Assert.Equal(report.Targets[1].Breakdowns![0].Key, back.Targets[1].Breakdowns![0].Key);
    }

    private static CaseResult Scored(string id, string target, double accuracy, params (string Key, string Value)[] groups) =>
        ReportFixtures.Result(id, target, null, CaseStatus.Scored, ("accuracy", accuracy)) with
        {
            Groups = groups.Select(g => new CaseGroup(g.Key, g.Value)).ToList(),
        };
}
