using System.Text.RegularExpressions;
using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Core.Tests.Reports;

public sealed partial class HtmlReportRendererTests : IDisposable
{
    private static readonly string[] Categories = ["coding", "math", "reasoning", "roleplay", "writing"];

    private readonly string folder = Directory.CreateTempSubdirectory("assay-html-").FullName;

    [Fact]
    public void The_page_is_self_contained_and_escapes_every_name_and_judge_output()
    {
        var hostile = "<script>alert('x')</script>";
        var cases = new List<CaseResult>
        {
            Result(hostile, "1", "math", CaseStatus.Unscored, new MetricScore("score", null, $"unparseable: {hostile}", hostile)),
            Result("ok-model", "1", "math", CaseStatus.Scored, new MetricScore("score", 7)),
        };
        var report = Build(cases);

        var html = HtmlReportRenderer.Render(report, cases);

        Assert.DoesNotContain(hostile, html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.Single(ScriptTag().Matches(html));
        Assert.Contains("could not be read as a verdict", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chromium_renders_the_report_with_charts_and_logs_nothing()
    {
        var cases = Synthetic().ToList();
        var html = HtmlReportRenderer.Render(Build(cases), cases);
        var file = Path.Combine(folder, "report.html");
        await File.WriteAllTextAsync(file, html);

        var (png, console) = await HeadlessChromium.ScreenshotAsync(file, 1280, 2000);
        var dom = await HeadlessChromium.DumpDomAsync(file);

        Assert.Empty(console);
        var image = PngImage.Decode(png);
        Assert.Equal((1280, 2000), (image.Width, image.Height));
        Assert.InRange(image.ContentFraction(), 0.02, 0.9); // drawn, and not a full-page error colour
        Assert.Contains("data-ready=\"1\"", dom, StringComparison.Ordinal);
        Assert.Equal(3, SvgTag().Count(dom)); // one metric: its leaderboard, its category heatmap, score against length
        Assert.Contains("<td>strong</td>", dom, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pairwise_run_is_charted_by_win_and_never_by_its_raw_position_verdicts()
    {
        // The null model is consistent (it loses in both orders), so a chart of "consistent" would rank it first.
        var cases = Enumerable.Range(0, 12).SelectMany(i => new[]
        {
            Pair("model", $"{i}", win: i % 3 == 0 ? 0.5 : 1, consistent: i % 2),
            Pair("null", $"{i}", win: 0, consistent: 1),
        }).ToList();
        var builder = new ReportBuilder("run-pair", "mt-bench", "mt-bench-pair:judge", ReportFixtures.CreatedAt, bootstrapRounds: 50);
        cases.ForEach(builder.Add);

        var html = HtmlReportRenderer.Render(builder.Build(), cases);

        var charts = ChartTitle().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["win"], charts.Distinct());
        Assert.Contains("<h2>win against answer length</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<th>consistent</th>", html, StringComparison.Ordinal); // still in the summary table
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static CaseResult Pair(string target, string id, double win, int consistent) => Result(target, id, "writing", CaseStatus.Scored, new MetricScore("win", win)) with
    {
        Judge = "mt-bench-pair",
        Scores = [new MetricScore("win", win), new MetricScore("consistent", consistent), new MetricScore("verdict1", win * 2), new MetricScore("verdict2", win * 2)],
        AnswerLength = 100 + int.Parse(id, System.Globalization.CultureInfo.InvariantCulture),
    };

    private static EvaluationReport Build(IEnumerable<CaseResult> cases)
    {
        var builder = new ReportBuilder("run-html", "mt-bench", "mt-bench:judge", ReportFixtures.CreatedAt, bootstrapRounds: 200);
        foreach (var result in cases)
        {
            builder.Add(result);
        }

        return builder.Build();
    }

    // Three targets of different strength over five categories; the weak one's judge output is sometimes unreadable.
    private static IEnumerable<CaseResult> Synthetic()
    {
        var targets = new[] { ("strong", 8.0), ("medium", 6.0), ("weak", 3.5) };
        foreach (var (target, level) in targets)
        {
            for (var i = 0; i < 60; i++)
            {
                var category = Categories[i % Categories.Length];
                var score = Math.Clamp(level + ((i * 7 % 5) - 2) + (category == "math" ? -1 : 0), 1, 10);
                var unreadable = target == "weak" && i % 11 == 0;
                yield return Result(
                    target, $"{i}", category, unreadable ? CaseStatus.Unscored : CaseStatus.Scored,
                    new MetricScore("score", unreadable ? null : score, unreadable ? "no [[rating]] in the judge output" : null)) with
                {
                    AnswerLength = 200 + (i * 37 % 900) + (int)(score * 40),
                };
            }
        }
    }

    private static CaseResult Result(string target, string id, string category, CaseStatus status, MetricScore score) => new()
    {
        CaseId = id,
        Target = target,
        Judge = "mt-bench",
        Category = category,
        Status = status,
        Scores = [score],
    };

    [GeneratedRegex(@"class=""axis"">([a-z_0-9]+) \(mean, 95 % CI\)")]
    private static partial Regex ChartTitle();

    [GeneratedRegex(@"(src|href)\s*=|https?://|@import|url\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<script")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("<svg")]
    private static partial Regex SvgTag();
}
