using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;
using Assay.Core.Tests.Benchmarks;
using Assay.Testing;

namespace Assay.Core.Tests.JudgeEval;

/// <summary>Where an LLMBar pair's subset comes from: its file's place in LLMBar's tree, its folder, or its own field.</summary>
public sealed class LlmBarSubsetTests
{
    [Theory]
    [InlineData("/x/llmbar/Dataset/LLMBar/Adversarial/GPTInst/dataset.json", "Adversarial/GPTInst")]
    [InlineData("LLMBar/Natural/dataset.json", "Natural")]
    [InlineData("/d/Processed/LLMEval^2/dataset.json", "LLMEval^2")]
    [InlineData("runs/r1/Natural/dataset.json", "Natural")]
    [InlineData("mine/dataset.json", "mine")]
    [InlineData("pairs.json", "pairs")]
    public void A_file_is_named_by_its_place_in_the_tree_else_its_folder(string path, string subset) =>
        Assert.Equal(subset, LlmBarReader.SubsetOf(path));

    [Fact]
    public async Task A_subset_field_overrides_the_path_and_positions_count_per_subset()
    {
        using var temp = new TempDirectory();
        var source = temp.Source("benchmark/dataset.json", """
            [{"input": "i1", "output_1": "a", "output_2": "b", "label": 1, "subset": "Natural"},
             {"input": "i2", "output_1": "a", "output_2": "b", "label": 2, "subset": "Adversarial/Manual"},
             {"input": "i3", "output_1": "a", "output_2": "b", "label": 2, "subset": "Natural"},
             {"input": "i4", "output_1": "a", "output_2": "b", "label": 1}]
            """);

        var pairs = await LabelledPairFormat.LlmBar.ReadAsync(source, CancellationToken.None).CollectAsync();

        Assert.Equal(["Natural/0", "Adversarial/Manual/0", "Natural/1", "benchmark/0"], pairs.Select(p => p.Id));
        Assert.Equal(["Natural", "Adversarial/Manual", "Natural", "benchmark"], pairs.Select(p => p.Category));
    }

    [Fact]
    public async Task An_empty_subset_field_names_file_line_and_field()
    {
        using var temp = new TempDirectory();
        var source = temp.Source("d/dataset.json", "[\n{\"input\": \"i\", \"output_1\": \"a\", \"output_2\": \"b\", \"label\": 1, \"subset\": \" \"}]");

        var error = await Assert.ThrowsAsync<BenchmarkFormatException>(() => LabelledPairFormat.LlmBar.ReadAsync(source, CancellationToken.None).CollectAsync());

        Assert.Equal((2L, "subset"), (error.Line, error.Field));
    }

    [Fact]
    public async Task A_folder_reads_every_subset_below_it_known_ones_first()
    {
        var pairs = await LlmBarReader.ReadFolderAsync(Datasets.File("llmbar", "Dataset")).CollectAsync();

        var subsets = pairs.Select(p => p.Subset).Distinct().ToList();
        Assert.Equal(LlmBarSubsets.All.Select(s => s.Name), subsets.Take(LlmBarSubsets.All.Count));
        Assert.Equal(["Base_10", "Base_9", "Constraint", "Negation", "Normal"], subsets.Skip(LlmBarSubsets.All.Count));
        Assert.Equal(pairs.Count, pairs.Select(p => p.Id).Distinct().Count());
        Assert.Equal(419, (await LlmBarReader.ReadFolderAsync(Datasets.File("llmbar", "Dataset", "LLMBar")).CollectAsync()).Count);
    }
}
