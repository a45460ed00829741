using Assay.Core.Judges;
using Assay.Core.Reports;

namespace Assay.Core.Tests.Reports;

public sealed class MarkdownReportRendererTests
{
    [Fact]
    public void Renders_summary_and_category_tables_with_scores()
    {
        var markdown = Render("mt_bench", ReportFixtures.Results());

        Assert.Contains("# mt_bench: run run-1", markdown, StringComparison.Ordinal);
        Assert.Contains("| target | cases | scored | unscored | errors | score | turn1 |", markdown, StringComparison.Ordinal);
        Assert.Matches(@"\| model-a \| 4 \| 2 \| 1 \| 1 \| 7\.00 \[\d\.\d\d, \d\.\d\d\] \| 6\.00 \[", markdown);
        Assert.Contains("| model\\|b | 2 | 2 | 0 | 0 | 8.00 [", markdown, StringComparison.Ordinal);
        Assert.Contains("### model\\|b", markdown, StringComparison.Ordinal);
        Assert.Contains("| math | 1 | 0 | 1 | 0 | n/a | 4.00 [4.00, 4.00] |", markdown, StringComparison.Ordinal);
        Assert.Contains("| uncategorised | 1 | 0 | 0 | 1 | n/a | n/a |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Rates_are_percentages()
    {
        var results = new[]
        {
            ReportFixtures.Result("1", "m", "contrast", CaseStatus.Scored, ("refusal", 1), ("refusal_unsafe", 1)),
            ReportFixtures.Result("2", "m", "contrast", CaseStatus.Scored, ("refusal", 0), ("refusal_unsafe", 0)),
            ReportFixtures.Result("3", "m", "homonyms", CaseStatus.Scored, ("refusal", 0), ("over_refusal", 0)),
            ReportFixtures.Result("4", "m", "homonyms", CaseStatus.Scored, ("refusal", 0), ("over_refusal", 0)),
        };

        var markdown = Render("xstest", results);

        Assert.Contains("| m | 4 | 4 | 0 | 0 | 0.0% [0.0%, 0.0%] | 25.0% [", markdown, StringComparison.Ordinal);
        Assert.Contains("| contrast | 2 | 2 | 0 | 0 | n/a | 50.0% [", markdown, StringComparison.Ordinal);
    }

    private static string Render(string benchmark, IEnumerable<CaseResult> results)
    {
        var builder = new ReportBuilder("run-1", benchmark, "judge", ReportFixtures.CreatedAt, bootstrapRounds: 200);
        foreach (var result in results)
        {
            builder.Add(result);
        }

        return MarkdownReportRenderer.Render(builder.Build());
    }
}
