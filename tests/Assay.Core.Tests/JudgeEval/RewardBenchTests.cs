using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.JudgeEval;
using Assay.Testing;

namespace Assay.Core.Tests.JudgeEval;

public sealed class RewardBenchTests
{
    internal static string Fixture(string name) => Path.Combine(Datasets.RepoRoot, "tests", "Fixtures", "rewardbench", name);

    [Fact]
    public async Task JSON_lines_and_a_JSON_array_read_as_pairs_with_the_chosen_completion_as_gold()
    {
        var lines = await ReadAsync(Fixture("filtered_sample.jsonl"));
        var array = await ReadAsync(Fixture("filtered_sample_array.json"));

        Assert.Equal(10, lines.Count);
        Assert.Equal(lines.Take(3), array, (a, b) => a.Id == b.Id && a.OutputA == b.OutputA && a.OutputB == b.OutputB && a.Subset == b.Subset);
        var first = lines[0];
        Assert.Equal(("1", "alpacaeval-easy", "Name three primary colors.", PairPreference.A), (first.Id, first.Subset, first.Instruction, first.Gold));
        Assert.Equal("The three primary colors are red, blue and yellow.", first.OutputA);
        Assert.Equal("alpaca-7b", first.Metadata["rejected_model"]);
    }

    [Theory]
    [InlineData("""{"prompt":"p","chosen":"c","rejected":"r","id":1}""", ":1: field 'subset'")]
    [InlineData("""{"prompt":"p","chosen":"c","rejected":"r","subset":"s","id":1}""" + "\n" + """{"prompt":"p","chosen":"c","rejected":"r","subset":"s","id":1}""", ":2: field 'id': repeats id 1")]
    [InlineData("""{"prompt":"p","chosen":7,"rejected":"r","subset":"s","id":1}""", ":1: field 'chosen'")]
    public async Task A_bad_record_is_rejected_naming_file_line_and_field(string content, string where)
    {
        var path = Path.Combine(Path.GetTempPath(), $"rb-{Guid.NewGuid():N}.jsonl");
        await File.WriteAllTextAsync(path, content);
        try
        {
            var error = await Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync(path));
            Assert.Contains(path + where, error.Message, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Sections_are_weighted_by_RewardBench_s_example_counts()
    {
        var sections = RewardBenchSections.Sections(new Dictionary<string, double>
        {
            ["alpacaeval-easy"] = 1, ["alpacaeval-hard"] = 0, ["math-prm"] = 1, ["hep-python"] = 0, ["hep-go"] = 1,
        });

        Assert.Equal(100.0 / 195, sections["Chat"], 12);
        Assert.Equal((984.0 + 164) / (984 + 164 + 164), sections["Reasoning"], 12);
        Assert.False(sections.ContainsKey("Safety"));
        Assert.Equal(23, RewardBenchSections.ExampleCounts.Count);
        Assert.Equal(RewardBenchSections.ExampleCounts.Keys.Order(), RewardBenchSections.SubsetMapping.Values.SelectMany(v => v).Order());
    }

    [Fact]
    public void The_accumulator_counts_ties_as_half_and_leaves_unscored_pairs_out()
    {
        var accumulator = new RewardBenchAccumulator();
        accumulator.Add(Result("1", "llmbar-natural", 1));
        accumulator.Add(Result("2", "llmbar-natural", 0.5));
        accumulator.Add(Result("3", "llmbar-natural", null));
        accumulator.Add(Result("4", "Natural", 1)); // an LLMBar run's subset, not RewardBench's

        var result = accumulator.Build()!;

        Assert.Equal(new RewardBenchSubset("llmbar-natural", 3, 2, 0.75), Assert.Single(result.Subsets));
        Assert.Equal(0.75, result.Sections["Chat Hard"]);
        Assert.Equal(0.75, result.Score);
    }

    private static CaseResult Result(string id, string subset, double? win) => new()
    {
        CaseId = id,
        Target = "answer_a",
        Judge = "reward-pair",
        Category = subset,
        Status = win is null ? CaseStatus.Unscored : CaseStatus.Scored,
        Scores = [new MetricScore(PairwiseMetrics.Win, win)],
        Gold = "a",
    };

    private static async Task<List<LabelledPair>> ReadAsync(string path)
    {
        var pairs = new List<LabelledPair>();
        await foreach (var pair in RewardBenchReader.ReadAsync(new FileBenchmarkSource(path)))
        {
            pairs.Add(pair);
        }

        return pairs;
    }
}
