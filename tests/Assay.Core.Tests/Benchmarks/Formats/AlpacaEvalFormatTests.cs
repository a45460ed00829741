using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Core.JudgeEval;
using Assay.Core.Targets;
using Assay.Testing;

namespace Assay.Core.Tests.Benchmarks.Formats;

public sealed class AlpacaEvalFormatTests : IDisposable
{
    private static string Repo => Datasets.File("null_model_cheating", "sail-sg_repo");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task The_official_outputs_file_gives_805_instructions_in_five_datasets()
    {
        var cases = await FormatTestKit.ReadAsync(new AlpacaEvalFormat(), Path.Combine(Repo, "outputs_official_alpacaeval.json"));

        Assert.Equal(805, cases.Count);
        Assert.Equal(
            [("helpful_base", 129), ("koala", 156), ("oasst", 188), ("selfinstruct", 252), ("vicuna", 80)],
            cases.GroupBy(c => c.Category!).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, g.Count())));
        Assert.Equal("What are the names of some famous actors that started their careers on Broadway?", cases[0].Turns.Single());
        Assert.Equal((AlpacaEvalIds.FromInstruction(cases[0].Turns[0]), "0", "example"), (cases[0].Id, cases[0].Metadata["index"], cases[0].Metadata["generator"]));
        Assert.Matches("^[0-9a-f]{12}$", cases[0].Id);
    }

    [Fact]
    public async Task The_null_model_outputs_answer_every_case_by_instruction_whatever_the_order()
    {
        var cases = await FormatTestKit.ReadAsync(new AlpacaEvalFormat(), Path.Combine(Repo, "outputs_official_alpacaeval.json"));
        var outputs = new FileBenchmarkSource(Path.Combine(Repo, "example_outputs_null_model_alpacaeval.json"));
        var format = RecordedAnswerFormats.Infer(outputs.Name);
        var target = await RecordedTarget.LoadAsync("null-model", format, outputs);
        var constant = (await File.ReadAllTextAsync(Path.Combine(Repo, "alpacaeval_null_response_RS.txt"))).TrimEnd('\n');

        Assert.Equal(AlpacaEvalOutputFormat.FormatName, format.Name);
        Assert.Equal(805, target.Answers.Count);
        foreach (var evalCase in cases.AsEnumerable().Reverse())
        {
            var answer = await target.AnswerAsync(evalCase, CancellationToken.None);
            Assert.Null(answer.Error);
            Assert.StartsWith(constant[..40], answer.Turns.Single(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Model_outputs_files_are_named_after_their_folder()
    {
        var format = new AlpacaEvalOutputFormat();

        Assert.Equal("gpt4_turbo", format.ModelName(new FileBenchmarkSource("results/gpt4_turbo/model_outputs.json")));
        Assert.Equal("outputs_official_alpacaeval", format.ModelName(new FileBenchmarkSource("x/outputs_official_alpacaeval.json")));
    }

    [Fact]
    public async Task The_weighted_annotations_give_the_papers_676_null_model_wins_as_gold_B()
    {
        var pairs = await AlpacaEvalAnnotationReader.ReadAsync(new FileBenchmarkSource(Path.Combine(Repo, "annotations_weighted_alpaca_eval_gpt4_turbo.json"))).CollectAsync();

        // Cheating paper, AlpacaEval 2.0 table: n_wins 676, n_wins_base 129, n_total 805.
        Assert.Equal(805, pairs.Count);
        Assert.Equal((676, 129, 0), (pairs.Count(p => p.Gold == PairPreference.B), pairs.Count(p => p.Gold == PairPreference.A), pairs.Count(p => p.Gold == PairPreference.Tie)));
        Assert.All(pairs, p => Assert.Equal(("gpt4_1106_preview", "example"), (p.Metadata["generator_1"], p.Metadata["generator_2"])));
        Assert.Equal(5, pairs.Select(p => p.Subset).Distinct().Count());
    }

    [Fact]
    public async Task Annotations_read_as_a_labelled_pair_benchmark_carry_both_outputs_and_the_gold_label()
    {
        var format = BenchmarkFormats.Get("alpaca-eval-annotations");
        var cases = await FormatTestKit.ReadAsync(format, Path.Combine(Repo, "annotations_weighted_alpaca_eval_gpt4_turbo.json"));

        Assert.Equal(805, cases.Count);
        Assert.Equal(676, cases.Count(c => c.Metadata[LabelledPairFormat.Gold] == "b"));
        Assert.All(cases, c => Assert.True(c.Metadata.ContainsKey(LabelledPairFormat.AnswerA) && c.Metadata.ContainsKey(LabelledPairFormat.AnswerB)));
    }

    [Theory]
    [InlineData(1.0, PairPreference.A)]
    [InlineData(1.49, PairPreference.A)]
    [InlineData(1.5, PairPreference.Tie)]
    [InlineData(1.51, PairPreference.B)]
    [InlineData(2.0, PairPreference.B)]
    public void Preference_maps_to_gold_as_AlpacaEval_counts_wins(double preference, PairPreference gold) =>
        Assert.Equal(gold, AlpacaEvalAnnotationReader.Gold(preference));

    [Theory]
    [InlineData("null", "missing")]
    [InlineData("0", "from 1 to 2")]
    [InlineData("2.5", "from 1 to 2")]
    [InlineData("\"2\"", "from 1 to 2")]
    public async Task A_bad_preference_names_its_line(string preference, string problem)
    {
        var path = temp.Write("annotations.json", $$"""
            [
             {"instruction": "a", "output_1": "x", "output_2": "y", "preference": 1.2},
             {"instruction": "b", "output_1": "x", "output_2": "y", "preference": {{preference}}}
            ]
            """);

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(() => AlpacaEvalAnnotationReader.ReadAsync(new FileBenchmarkSource(path)).CollectAsync());

        Assert.Equal((path, 3L, "preference"), (ex.File, ex.Line, ex.Field));
        Assert.Contains(problem, ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_instruction_wrong_output_type_and_a_repeated_instruction_name_their_lines()
    {
        var missing = temp.Write("a.json", "[\n{\"instruction\": \"a\"},\n{\"output\": \"x\"}\n]");
        var wrongType = temp.Write("b.json", "[{\"instruction\": \"a\", \"output\": 3}]");
        var repeated = temp.Write("c.json", "[\n{\"instruction\": \"same\"},\n{\"instruction\": \"same\"}\n]");

        var missingError = await FormatTestKit.FailsAsync(new AlpacaEvalFormat(), missing);
        var typeError = await Assert.ThrowsAsync<BenchmarkFormatException>(
            () => RecordedTarget.LoadAsync("m", new AlpacaEvalOutputFormat(), new FileBenchmarkSource(wrongType)));
        var repeatError = await FormatTestKit.FailsAsync(new AlpacaEvalFormat(), repeated);

        Assert.Equal((3L, "instruction", "missing required field"), (missingError.Line, missingError.Field, missingError.Problem));
        Assert.Equal((1L, "output"), (typeError.Line, typeError.Field));
        Assert.Equal((3L, "instruction"), (repeatError.Line, repeatError.Field));
        Assert.Contains("duplicate id", repeatError.Problem, StringComparison.Ordinal);
    }
}
