using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;
using Assay.Core.Tests.Benchmarks;
using Assay.Testing;

namespace Assay.Core.Tests.JudgeEval;

/// <summary>The LLMBar and PandaLM readers on the shared files (counts from their SOURCE.txt) and on bad input.</summary>
public sealed class JudgeEvalReaderTests
{
    private static string LlmBarDataset => Datasets.File("llmbar", "Dataset");

    [Fact]
    public async Task LlmBar_has_100_natural_and_319_adversarial_pairs_and_the_processed_subsets()
    {
        var pairs = await LlmBarReader.ReadDatasetAsync(LlmBarDataset).CollectAsync();

        var bySubset = pairs.GroupBy(p => p.Subset).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(100, bySubset["Natural"]);
        Assert.Equal(134, bySubset["Adversarial/Neighbor"]);
        Assert.Equal(92, bySubset["Adversarial/GPTInst"]);
        Assert.Equal(47, bySubset["Adversarial/GPTOut"]);
        Assert.Equal(46, bySubset["Adversarial/Manual"]);
        Assert.Equal(319, pairs.Count(p => p.Subset.StartsWith("Adversarial/", StringComparison.Ordinal)));
        Assert.Equal(200, bySubset["MT-Bench"]);
        Assert.Equal(66, bySubset["FairEval"]);
        Assert.Equal(200, bySubset["LLMEval^2"]);
        Assert.Equal(pairs.Count, pairs.Select(p => p.Id).Distinct().Count());
        Assert.All(pairs, p => Assert.NotEqual(PairPreference.Tie, p.Gold));
        Assert.Null(pairs[0].HumanLabels);
    }

    [Fact]
    public async Task LlmBar_natural_first_pair_is_read_verbatim()
    {
        var first = (await LlmBarReader.ReadAsync(new FileBenchmarkSource(Path.Combine(LlmBarDataset, "LLMBar", "Natural", "dataset.json")), "Natural").CollectAsync())[0];

        Assert.Equal("Natural/0", first.Id);
        Assert.StartsWith("Summarize the following content.\n\nMy girlfriend is Malaysian", first.Instruction, StringComparison.Ordinal);
        Assert.Contains("2 \u00bd years", first.Instruction, StringComparison.Ordinal);
        Assert.StartsWith("My girlfriend's visa to stay in the UK expires", first.OutputA, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PandaLm_has_999_pairs_with_three_annotators_and_a_majority_gold()
    {
        var pairs = await PandaLmReader.ReadAsync(new FileBenchmarkSource(Datasets.File("pandalm_testset", "testset-v1.json"))).CollectAsync();

        Assert.Equal(999, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(3, p.HumanLabels!.Count));
        Assert.Equal(472, pairs.Count(p => p.Gold == PairPreference.B));
        Assert.Equal(422, pairs.Count(p => p.Gold == PairPreference.A));
        Assert.Equal(105, pairs.Count(p => p.Gold == PairPreference.Tie));
        Assert.Equal(167, pairs.Count(p => p.Input is null));
        var first = pairs[0];
        Assert.Equal("0", first.Id);
        Assert.Equal("Grammarly", first.Metadata["motivation_app"]);
        Assert.Equal("bloom-7b_llama-7b", first.Metadata["cmp_key"]);
        Assert.Equal("If you have any questions, please let me know.", first.OutputB);
        Assert.Equal([PairPreference.B, PairPreference.B, PairPreference.B], first.HumanLabels);
    }

    [Theory]
    [InlineData(new[] { PairPreference.A, PairPreference.A, PairPreference.B }, PairPreference.A)]
    [InlineData(new[] { PairPreference.Tie, PairPreference.B, PairPreference.B }, PairPreference.B)]
    [InlineData(new[] { PairPreference.A, PairPreference.B, PairPreference.Tie }, PairPreference.Tie)]
    public void PandaLm_gold_is_the_majority_or_a_tie(PairPreference[] labels, PairPreference expected) =>
        Assert.Equal(expected, PandaLmReader.Majority(labels));

    [Theory]
    [InlineData("[\n  {\"input\": \"q\", \"output_1\": \"a\", \"output_2\": \"b\", \"label\": 1},\n  {\"input\": \"q\", \"output_1\": \"a\",\n   \"output_2\": \"b\", \"label\": 3}\n]", 3, "label", "expected one of 1, 2, found 3")]
    [InlineData("[\n  {\"input\": \"q\",\n   \"output_2\": \"b\", \"label\": 1}\n]", 2, "output_1", "missing required field")]
    [InlineData("[\n  {\"input\": 5, \"output_1\": \"a\", \"output_2\": \"b\", \"label\": 1}\n]", 2, "input", "expected a string")]
    [InlineData("[\n  {\"input\": \"q\", \"output_1\": \"a\", \"output_2\": \"b\", \"label\": \"1\"}\n]", 2, "label", "expected an integer")]
    public async Task LlmBar_bad_records_name_file_line_and_field(string content, long line, string field, string problem)
    {
        using var temp = new TempDirectory();
        var source = temp.Source("dataset.json", content);

        var error = await Assert.ThrowsAsync<BenchmarkFormatException>(() => LlmBarReader.ReadAsync(source, "Natural").CollectAsync());

        Assert.Equal(source.Name, error.File);
        Assert.Equal(line, error.Line);
        Assert.Equal(field, error.Field);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"{source.Name}:{line}: field '{field}'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PandaLm_bad_annotator_label_and_repeated_idx_are_errors()
    {
        using var temp = new TempDirectory();
        const string Good = "{\"idx\": 0, \"motivation_app\": \"m\", \"cmp_key\": \"k\", \"instruction\": \"i\", \"input\": \"\", \"response1\": \"a\", \"response2\": \"b\", \"annotator1\": 1, \"annotator2\": 1, \"annotator3\": 2}";
        var badLabel = temp.Source("bad.json", "[\n" + Good + ",\n" + Good.Replace("\"idx\": 0", "\"idx\": 1").Replace("\"annotator3\": 2", "\"annotator3\": 7") + "\n]");
        var repeated = temp.Source("dup.json", "[" + Good + ",\n\n" + Good + "]");

        var label = await Assert.ThrowsAsync<BenchmarkFormatException>(() => PandaLmReader.ReadAsync(badLabel).CollectAsync());
        var duplicate = await Assert.ThrowsAsync<BenchmarkFormatException>(() => PandaLmReader.ReadAsync(repeated).CollectAsync());

        Assert.Equal((3L, "annotator3"), (label.Line, label.Field));
        Assert.Contains("expected one of 0, 1, 2, found 7", label.Problem, StringComparison.Ordinal);
        Assert.Equal((3L, "idx"), (duplicate.Line, duplicate.Field));
    }
}
