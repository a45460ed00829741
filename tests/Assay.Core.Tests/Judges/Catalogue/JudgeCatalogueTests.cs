using System.Text.RegularExpressions;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Catalogue;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Core.Tests.Judges.Catalogue;

/// <summary>
/// The catalogue is the one list of judges: every entry is complete, builds the judge it names, and what the README,
/// the docs and the formats say about judges agrees with it.
/// </summary>
public sealed partial class JudgeCatalogueTests
{
    public static TheoryData<string> Entries => [.. JudgeCatalogue.All.Select(d => d.Name)];

    [Theory]
    [MemberData(nameof(Entries))]
    public void Every_entry_declares_every_field(string name)
    {
        var d = JudgeCatalogue.Get(name)!;

        Assert.Matches("^[a-z][a-z0-9-]*$", d.Name);
        Assert.False(string.IsNullOrWhiteSpace(d.Help));
        Assert.NotEmpty(d.Metrics);
        Assert.Equal(d.Metrics.Count, d.Metrics.Select(m => m.Name).Distinct().Count());
        var primary = d.Metrics.Single(m => m.Name == d.PrimaryMetric);
        Assert.Equal(MetricRole.Score, primary.Role);
        Assert.True(d.Canary.HasCanary || !string.IsNullOrWhiteSpace(d.Canary.NoCanaryBecause), $"{name}: a canary rule or the reason it has none");
        if (d.Canary.HasCanary)
        {
            Assert.True(d.CallsModel, $"{name}: only a judge that calls a model can be fooled by the null model");
            Assert.Contains(d.Metrics, m => m.Name == d.Canary.Metric && m.Role == MetricRole.Score);
            Assert.True(d.Canary.Statistic == CanaryStatistic.BelowEveryTarget || d.Canary.Bar is > 0 and < double.PositiveInfinity, $"{name}: a canary bar");
            Assert.True(d.Canary.Statistic != CanaryStatistic.OutrightWins || d.Canary.Metric == d.PrimaryMetric, $"{name}: outright wins are read on the primary metric");
        }

        Assert.Equal(d.Family == JudgeFamily.Pairwise, d.CreatePairwise is not null);
        Assert.Equal(d.Family != JudgeFamily.Pairwise, d.CreateCase is not null);
        Assert.Equal(d.Family is JudgeFamily.LlmCase or JudgeFamily.Pairwise, d.NeedsEndpoint);
        Assert.Equal(d.Family == JudgeFamily.Pairwise, d.NeedsBaseline);
        Assert.Equal(d.HasFaithfulVariant ? d.Name + "-faithful" : null, d.FaithfulVariant);
    }

    [Fact]
    public void Names_are_unique_and_every_concrete_name_builds_its_judge()
    {
        Assert.Equal(JudgeCatalogue.All.Count, JudgeCatalogue.All.Select(d => d.Name).Distinct().Count());
        foreach (var d in JudgeCatalogue.All.Where(d => d.Family != JudgeFamily.Ensemble))
        {
            foreach (var name in CatalogueNames.Of(d))
            {
                var resolved = JudgeCatalogue.Resolve(name);
                Assert.Same(d, resolved.Descriptor);
                if (d.Family == JudgeFamily.Pairwise)
                {
                    Assert.Equal(name, resolved.CreatePairwise().Name);
                    continue;
                }

                var judge = resolved.CreateCase(CatalogueNames.Rubrics);
                Assert.Equal(name, judge.Name);
                Assert.Equal(d.NeedsEndpoint, judge.RequiresModel);
            }
        }
    }

    [Theory]
    [InlineData("mt-bench-faithful", "mt-bench", true)] // documented, and missing before the catalogue
    [InlineData("safety-label.llama-guard-2-faithful", "safety-label", true)]
    [InlineData("rubric.helpful", "rubric", false)]
    [InlineData("reward-pair", "reward-pair", false)]
    public void Names_resolve_with_their_parameter_and_variant(string name, string entry, bool faithful)
    {
        var resolved = JudgeCatalogue.Resolve(name);

        Assert.Equal((entry, faithful), (resolved.Descriptor.Name, resolved.Faithful));
    }

    [Theory]
    [InlineData("gpt-judge", "Unknown judge 'gpt-judge'. Known judges: refusal, ")]
    [InlineData("reward-faithful", "judge 'reward' has no -faithful variant")]
    [InlineData("safety-label.nope", "judge 'safety-label.nope': no safety taxonomy 'nope'")]
    [InlineData("rubric", "Unknown judge 'rubric'")]
    public void Bad_names_say_what_is_wrong(string name, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => JudgeCatalogue.Resolve(name));

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Raw_verdicts_are_not_charted_and_the_primary_metric_comes_first()
    {
        Assert.Equal(["win", "win_turn2"], JudgeCatalogue.ChartedMetrics("mt-bench-pair:judge", ["consistent", "verdict1", "verdict2", "win", "win_turn2", "consistent_turn2", "verdict1_turn2"]));
        Assert.Equal(["majority", "refusal/refusal"], JudgeCatalogue.ChartedMetrics("ensemble:majority(refusal,mt-bench:j)", ["gold", "majority", "refusal/refusal", "vote/refusal"]));
        Assert.Equal(["score", "turn1"], JudgeCatalogue.ChartedMetrics("mt-bench:judge", ["turn1", "score"]));
        Assert.Equal("helpfulness", JudgeCatalogue.PrimaryMetric("rubric.helpful:judge", ["helpfulness"]));
        Assert.Equal(MetricDirection.LowerIsBetter, JudgeCatalogue.Direction("fulfilment:judge", "fulfilment"));
        Assert.Equal(MetricDirection.Neutral, JudgeCatalogue.Direction("arena-hard:judge", "verdict1"));
    }

    [Fact]
    public void The_readme_judge_table_is_the_catalogue()
    {
        var readme = File.ReadAllText(Path.Combine(Datasets.RepoRoot, "README.md")).ReplaceLineEndings("\n");
        var section = ReadmeSection().Match(readme);

        Assert.True(section.Success, "README.md needs the judge table between <!-- judges:begin --> and <!-- judges:end -->");
        Assert.True(
            JudgeCatalogue.MarkdownTable() == section.Groups[1].Value,
            "README.md's judge table differs from the catalogue; paste JudgeCatalogue.MarkdownTable():\n" + JudgeCatalogue.MarkdownTable());
    }

    [Fact]
    public void Every_judge_the_docs_name_is_in_the_catalogue()
    {
        var files = Directory.GetFiles(Path.Combine(Datasets.RepoRoot, "docs"), "*.md").Append(Path.Combine(Datasets.RepoRoot, "README.md"));
        var named = files.SelectMany(f => JudgeOption().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Name: m.Groups[1].Value)))
            .Concat(files.SelectMany(f => FaithfulMention().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Name: m.Groups[1].Value))))
            .Where(n => !n.Name.Any(char.IsUpper) && !n.Name.StartsWith("ensemble", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(named);
        Assert.All(named, n => Assert.True(JudgeCatalogue.TryResolve(n.Name, out var problem) is not null, $"{n.File}: {problem}"));
    }

    [Fact]
    public void Every_format_defaults_to_a_catalogue_judge_and_docs_formats_says_which()
    {
        var table = File.ReadAllLines(Path.Combine(Datasets.RepoRoot, "docs", "formats.md"))
            .Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('|').Select(c => c.Trim()).ToArray()).ToList();
        foreach (var name in BenchmarkFormats.Names)
        {
            var judge = BenchmarkFormats.Get(name).DefaultManifest(string.Empty).DefaultJudge;
            Assert.NotNull(JudgeCatalogue.TryResolve(judge, out _));
            var row = table.FirstOrDefault(r => r[1].Split(',').Select(c => c.Trim().Trim('`')).Contains(name));
            if (row is not null)
            {
                Assert.True(row[5] == $"`{judge}`", $"docs/formats.md says the default judge of {name} is {row[5]}; the format says `{judge}`");
            }
        }
    }

    [Fact]
    public void The_help_text_names_every_judge()
    {
        var help = JudgeCatalogue.HelpText();

        Assert.All(JudgeCatalogue.All, d => Assert.Contains(d.Syntax, help, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"<!-- judges:begin -->\n(.*?)<!-- judges:end -->", RegexOptions.Singleline)]
    private static partial Regex ReadmeSection();

    [GeneratedRegex(@"--judge ([A-Za-z][A-Za-z0-9.\-]*)(?::[A-Za-z0-9_\-]+)?")]
    private static partial Regex JudgeOption();

    [GeneratedRegex(@"`([a-z][a-z0-9.\-]*-faithful)(?::[A-Za-z]+)?`")]
    private static partial Regex FaithfulMention();
}
