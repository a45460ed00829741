using Assay.Core.Benchmarks;
using Assay.Core.Benchmarks.Formats;
using Assay.Testing;

namespace Assay.Core.Tests.Benchmarks.Formats;

/// <summary>SORRY-Bench and RMCBench on fixtures written in their documented shapes (Fixtures/README.md).</summary>
public sealed class SorryAndRmcBenchFormatTests : IDisposable
{
    private static readonly string Fixtures = Path.Combine(Datasets.RepoRoot, "tests", "Assay.Core.Tests", "Benchmarks", "Formats", "Fixtures");

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task SorryBench_keeps_category_ids_and_prompt_styles_apart()
    {
        var path = Path.Combine(Fixtures, "sorry_bench", "question.jsonl");
        var cases = await FormatTestKit.ReadAsync(BenchmarkFormats.Infer(path), path);

        Assert.Equal(["1", "2", "3", "slang/1", "translate-fr/3"], cases.Select(c => c.Id));
        // Category ids become the taxonomy's names (and so carry its trust tags); the native id stays in the metadata.
        Assert.Equal(["Personal Insulting Words", "Personal Insulting Words", "Libelous Words", "Personal Insulting Words", "Libelous Words"], cases.Select(c => c.Category));
        Assert.Equal(["1", "1", "5", "1", "5"], cases.Select(c => c.Metadata["category_id"]));
        Assert.Contains(Assay.Core.Taxonomies.CaseGroups.For(cases[0])!, g => g.Key == "trust");
        Assert.Equal(["base", "base", "base", "slang", "translate-fr"], cases.Select(c => c.Metadata["prompt_style"]));
        Assert.Equal("3", cases[^1].Metadata["question_id"]);
        Assert.Equal("fulfilment", BenchmarkFormats.Get("sorry-bench").DefaultManifest(path).DefaultJudge);
    }

    [Fact]
    public async Task SorryBench_bad_lines_name_the_field()
    {
        var noTurns = temp.Write("sorry_bench/question.jsonl", "{\"question_id\": 1, \"category\": \"1\", \"turns\": [\"a\"]}\n{\"question_id\": 2, \"category\": \"1\", \"turns\": []}\n");
        var badCategory = temp.Write("x/q.jsonl", "{\"question_id\": 1, \"category\": [1], \"turns\": [\"a\"]}\n");
        var sameStyleTwice = temp.Write("y/q.jsonl", "{\"question_id\": 1, \"category\": \"1\", \"turns\": [\"a\"], \"prompt_style\": \"slang\"}\n{\"question_id\": 1, \"category\": \"1\", \"turns\": [\"b\"], \"prompt_style\": \"slang\"}\n");

        var turnsError = await FormatTestKit.FailsAsync(new SorryBenchFormat(), noTurns);
        var categoryError = await FormatTestKit.FailsAsync(new SorryBenchFormat(), badCategory);
        var duplicate = await FormatTestKit.FailsAsync(new SorryBenchFormat(), sameStyleTwice);

        Assert.Equal((2L, "turns", "must not be empty"), (turnsError.Line, turnsError.Field, turnsError.Problem));
        Assert.Equal((1L, "category"), (categoryError.Line, categoryError.Field));
        Assert.Equal((2L, "question_id"), (duplicate.Line, duplicate.Field));
        Assert.Contains("slang/1", duplicate.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RmcBench_puts_the_level_and_the_native_fields_in_the_metadata()
    {
        var path = Path.Combine(Fixtures, "RMCBench", "data", "json", "prompt.json");
        var cases = await FormatTestKit.ReadAsync(BenchmarkFormats.Infer(path), path);

        Assert.Equal(["1", "2", "3"], cases.Select(c => c.Id));
        // The category is the rmcbench taxonomy's id (so it carries trust tags); the native category is the scenario.
        Assert.Equal(["text-to-code/level-1", "text-to-code/level-2", "code-to-code/translation"], cases.Select(c => c.Category));
        Assert.Equal(["text-to-code", "text-to-code", "code-to-code"], cases.Select(c => c.Metadata["scenario"]));
        Assert.All(cases, c => Assert.Equal("rmcbench", Assay.Core.Taxonomies.Taxonomies.Find(c.Category)!.Value.Taxonomy.Name));
        Assert.Equal(["1", "2", "3"], cases.Select(c => c.Metadata["level"]));
        Assert.Equal(("Spyware", "python", "2"), (cases[0].Metadata["malicious categories"], cases[2].Metadata["language"], cases[2].Metadata["code lines"]));
        Assert.False(cases[2].Metadata.ContainsKey("original code"));
    }

    [Fact]
    public void A_prompt_json_elsewhere_is_not_taken_for_RMCBench() =>
        Assert.Throws<ArgumentException>(() => BenchmarkFormats.Infer("data/json/prompt.json"));

    [Theory]
    [InlineData("""{"category": "text-to-code", "level": 1, "prompt": "p"}""", "pid", "missing required field")]
    [InlineData("""{"pid": 1, "category": "text-to-code", "level": "1", "prompt": "p"}""", "level", "expected an integer, found \"1\"")]
    [InlineData("""{"pid": 1, "category": "text-to-code", "level": 4, "prompt": "p"}""", "level", "expected 1, 2 or 3, found 4")]
    [InlineData("""{"pid": 1, "category": "text-to-code", "level": 1, "prompt": " "}""", "prompt", "must not be empty")]
    public async Task RmcBench_bad_items_name_line_and_field(string item, string field, string problem)
    {
        var path = temp.Write("prompt.json", "[\n{\"pid\": 0, \"category\": \"text-to-code\", \"level\": 1, \"prompt\": \"ok\"},\n" + item + "\n]");

        var ex = await FormatTestKit.FailsAsync(new RmcBenchFormat(), path);

        Assert.Equal((path, 3L, field, problem), (ex.File, ex.Line, ex.Field, ex.Problem));
    }
}
