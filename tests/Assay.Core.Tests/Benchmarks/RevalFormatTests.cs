using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Reval;
using Assay.Core.Targets;
using Assay.Testing;

namespace Assay.Core.Tests.Benchmarks;

public sealed class RevalFormatTests
{
    private static string Sample(string file) => Path.Combine(Datasets.RepoRoot, "samples", "reval", file);

    [Fact]
    public async Task Question_items_become_one_conversation_with_the_ground_truth_per_turn()
    {
        var cases = await ReadAsync(new FileBenchmarkSource(Sample("dreval_questions.jsonl")));

        Assert.Equal(["sum_even/0/L5", "sum_even/1/L5", "classify/0/L5", "count_vowels/0/L5"], cases.Select(c => c.Id));
        var first = cases[0];
        Assert.Equal("covered-line,variable-value,next-line,output", first.Metadata[RevalFormat.KindsKey]);
        Assert.Equal("sum_even([1, 2, 3, 4])", first.Metadata["invocation"]);
        Assert.Equal(4, first.Turns.Count);
        Assert.Contains("5\t            total += x\n", first.Turns[0], StringComparison.Ordinal);
        Assert.EndsWith("Is line 5 (`total += x`) executed during this call? Answer YES or NO.", first.Turns[0], StringComparison.Ordinal);
        Assert.Equal(["[\"yes\"]", "[\"2\",\"6\"]", "[\"3\"]", "[\"6\"]"], first.References!);
        Assert.Equal("covered-line,output", cases[1].Metadata[RevalFormat.KindsKey]);
    }

    [Fact]
    public async Task A_DREval_data_record_gives_one_output_prediction_per_input()
    {
        var cases = await ReadAsync(new FileBenchmarkSource(Sample("dreval_data.jsonl")));

        Assert.Equal(6, cases.Count);
        Assert.Equal("assay-fixture/classify/1", cases[3].Id);
        Assert.EndsWith("What does `classify(-5)` return? Give a Python literal.", Assert.Single(cases[3].Turns), StringComparison.Ordinal);
        Assert.Equal(["'negative'"], System.Text.Json.JsonSerializer.Deserialize<string[]>(Assert.Single(cases[3].References!))!);
        Assert.All(cases, c => Assert.Equal("output-prediction", c.Category));
    }

    [Theory]
    [InlineData("""{"id":"a","program":"x = 1","entry_point":"f","input":"(1,)","questions":[{"kind":"next-line","line":4,"answer":[2]}]}""", "questions[0].line", "outside the program (1-1)")]
    [InlineData("""{"id":"a","program":"x = 1","entry_point":"f","input":"(1,)","questions":[{"kind":"line","answer":"1"}]}""", "questions[0].kind", "unknown kind 'line'")]
    [InlineData("""{"id":"a","program":"x = 1","entry_point":"f","input":"(1,)","questions":[{"kind":"covered-line","line":1,"answer":"maybe"}]}""", "questions[0].answer", "'maybe' is not a covered-line answer")]
    [InlineData("""{"id":"a","program":"x = 1","entry_point":"f","input":"(1,)","questions":[{"kind":"variable-value","line":1,"answer":"1"}]}""", "questions[0].var", "missing required field")]
    [InlineData("""{"code":"x = 1","entry_point":"f","inputs":["(1,)","(2,)"],"outputs":["1"]}""", "outputs", "one output per input (2)")]
    public async Task A_bad_record_names_file_line_and_field(string bad, string field, string problem)
    {
        var text = """{"code":"x = 1","entry_point":"f","inputs":["(1,)"],"outputs":["1"]}""" + "\n" + bad + "\n";
        var source = new StringSource("cases.jsonl", text);

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync(source));

        Assert.Equal(("cases.jsonl", 2L, field), (ex.File, ex.Line, ex.Field));
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_judge_scores_each_turn_and_the_incremental_consistency()
    {
        var evalCase = (await ReadAsync(new FileBenchmarkSource(Sample("dreval_questions.jsonl"))))[0];
        var answer = new TargetAnswer { CaseId = evalCase.Id, Target = "m", Turns = ["[ANSWER]YES[/ANSWER]", "[ANSWER]4[/ANSWER]", "3", "6"] };

        var scores = await new RevalJudge().JudgeAsync(evalCase, answer, null, CancellationToken.None);

        Assert.Equal(
            [("covered_line", 1.0), ("variable_value", 0.0), ("next_line", 1.0), ("output", 1.0), ("consistency", 0.0)],
            scores.Select(s => (s.Name, s.Value!.Value)));
        Assert.Equal("4", scores[1].Raw);
        Assert.Equal(CaseStatus.Unscored, CaseResultFactory.Create(evalCase, answer with { Turns = ["YES"] }, "reval",
            await new RevalJudge().JudgeAsync(evalCase, answer with { Turns = ["YES"] }, null, CancellationToken.None)).Status);
    }

    private static async Task<List<EvalCase>> ReadAsync(IBenchmarkSource source)
    {
        var cases = new List<EvalCase>();
        await foreach (var evalCase in BenchmarkFormats.Get("reval").ReadAsync(source, CancellationToken.None))
        {
            cases.Add(evalCase);
        }

        return cases;
    }

    private sealed class StringSource(string name, string text) : IBenchmarkSource
    {
        public string Name => name;

        public Task<Stream> OpenAsync(CancellationToken cancellationToken) => Task.FromResult<Stream>(new MemoryStream(Encoding.UTF8.GetBytes(text)));

        public Task<Stream?> OpenRelativeAsync(string relativePath, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);

        public string RelativeName(string relativePath) => relativePath;
    }
}
