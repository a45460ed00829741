using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

public sealed class BenchmarkFormatsTests
{
    [Theory]
    [InlineData("data/mt_bench/question.jsonl", "mt-bench")]
    [InlineData("xstest_prompts.csv", "xstest")]
    [InlineData("container/my_XSTest_subset.csv", "xstest")]
    [InlineData("suite.jsonl", "assay-jsonl")]
    [InlineData("vicuna_bench/question.jsonl", "mt-bench")]
    public void Infers_the_format_from_the_file_name(string file, string expected)
    {
        Assert.Equal(expected, BenchmarkFormats.Infer(file).Name);
    }

    [Theory]
    [InlineData("prompts.csv")]
    [InlineData("data.json")]
    public void Unknown_file_kind_says_to_pass_format(string file)
    {
        var ex = Assert.Throws<ArgumentException>(() => BenchmarkFormats.Infer(file));

        Assert.Contains("--format", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_knows_every_name_and_lists_them_when_unknown()
    {
        Assert.Equal(["mt-bench", "xstest", "assay-jsonl", "llmbar", "pandalm", "labsafety", "advbench", "alpaca-eval", "alpaca-eval-annotations", "arena-hard", "sorry-bench", "rmcbench", "csv", "jsonl", "xstest-labelled", "rewardbench", "reval"], BenchmarkFormats.Names);
        Assert.All(BenchmarkFormats.Names, name => Assert.Equal(name, BenchmarkFormats.Get(name).Name));

        var ex = Assert.Throws<ArgumentException>(() => BenchmarkFormats.Get("alpaca"));

        Assert.Contains("mt-bench, xstest, assay-jsonl", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_manifests()
    {
        Assert.Equal(
            new BenchmarkManifest("mt-bench", "mt-bench", "mt-bench", 8),
            BenchmarkFormats.Get("mt-bench").DefaultManifest("question.jsonl"));
        Assert.Equal(
            new BenchmarkManifest("xstest", "xstest", "refusal", 25),
            BenchmarkFormats.Get("xstest").DefaultManifest("xstest_prompts.csv"));
        Assert.Equal(["reference_answer/gpt-4.jsonl"], BenchmarkFormats.Get("mt-bench").RelatedFiles);
    }

    [Fact]
    public async Task File_source_opens_siblings_and_returns_null_when_missing()
    {
        using var temp = new TempDirectory();
        var source = temp.Source("question.jsonl", "x");
        temp.Write("reference_answer/gpt-4.jsonl", "ref");

        await using (var sibling = await source.OpenRelativeAsync("reference_answer/gpt-4.jsonl", CancellationToken.None))
        {
            Assert.NotNull(sibling);
            Assert.Equal("ref", await new StreamReader(sibling!).ReadToEndAsync());
        }

        Assert.Null(await source.OpenRelativeAsync("missing.jsonl", CancellationToken.None));
        Assert.Equal(Path.Combine(temp.Path, "reference_answer/gpt-4.jsonl"), source.RelativeName("reference_answer/gpt-4.jsonl"));
    }
}
