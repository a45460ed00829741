using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Core.Tests.Benchmarks;

namespace Assay.Core.Tests.Targets;

public sealed class RecordedTargetTests
{
    private static readonly RecordedTarget Target = new(
        "gpt-4",
        new Dictionary<string, RecordedAnswer>
        {
            ["1"] = new("1", ["answer one", "answer two", "answer three"], new Dictionary<string, string> { ["model_id"] = "gpt-4" }),
            ["2"] = new("2", ["only one"], new Dictionary<string, string>()),
        },
        "model_answer/gpt-4.jsonl");

    [Fact]
    public async Task Answers_as_many_turns_as_the_case_has_and_copies_metadata()
    {
        var answer = await Target.AnswerAsync(Case("1", 2), CancellationToken.None);

        Assert.Null(answer.Error);
        Assert.Equal(("1", "gpt-4"), (answer.CaseId, answer.Target));
        Assert.Equal(["answer one", "answer two"], answer.Turns);
        Assert.Equal("gpt-4", answer.Metadata["model_id"]);
    }

    [Fact]
    public async Task Missing_case_is_an_error_answer()
    {
        var answer = await Target.AnswerAsync(Case("99", 1), CancellationToken.None);

        Assert.Equal("no recorded answer for case 99 in model_answer/gpt-4.jsonl", answer.Error);
        Assert.Empty(answer.Turns);
    }

    [Fact]
    public async Task Too_few_recorded_turns_is_an_error_answer()
    {
        var answer = await Target.AnswerAsync(Case("2", 2), CancellationToken.None);

        Assert.StartsWith("no recorded answer for case 2 in model_answer/gpt-4.jsonl", answer.Error, StringComparison.Ordinal);
        Assert.Equal(["only one"], answer.Turns);
    }

    [Fact]
    public async Task Loading_a_file_with_a_duplicate_case_fails_naming_both_lines()
    {
        using var temp = new TempDirectory();
        var source = temp.Source(
            "model_answer/m.jsonl",
            """
            {"question_id": 81, "model_id": "m", "choices": [{"index": 0, "turns": ["a", "b"]}]}
            {"question_id": 82, "model_id": "m", "choices": [{"index": 0, "turns": ["c", "d"]}]}
            {"question_id": 81, "model_id": "m", "choices": [{"index": 0, "turns": ["e", "f"]}]}
            """);

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(
            () => RecordedTarget.LoadAsync("m", new MtBenchAnswerFormat(), source));

        Assert.Equal((source.Name, 3L, "question_id"), (ex.File, ex.Line, ex.Field));
        Assert.Equal("duplicate answer for case '81' (first on line 1)", ex.Problem);
    }

    [Fact]
    public async Task Loaded_target_replays_answers()
    {
        using var temp = new TempDirectory();
        var source = temp.Source(
            "xstest_v2_completions_toy.csv",
            "id,type,prompt,completion,annotation_1,annotation_2,agreement,final_label\r\n"
            + "v2-7,homonyms,p,\" I can't\nhelp\",2_full_refusal,2_full_refusal,TRUE,2_full_refusal\r\n");
        var format = RecordedAnswerFormats.Get("xstest-completions");

        var target = await RecordedTarget.LoadAsync(format.ModelName(source)!, format, source);
        var answer = await target.AnswerAsync(Case("7", 1), CancellationToken.None);

        Assert.Equal("toy", target.Name);
        Assert.Equal([" I can't\nhelp"], answer.Turns);
        Assert.Equal("2_full_refusal", answer.Metadata["final_label"]);
    }

    [Theory]
    [InlineData("v2-12", "12")]
    [InlineData("12", "12")]
    [InlineData("v2-", "v2-")]
    [InlineData("contrast-3", "contrast-3")]
    public void Completion_ids_drop_the_version_prefix(string id, string expected)
    {
        Assert.Equal(expected, XsTestCompletionFormat.ToCaseId(id));
    }

    [Fact]
    public void Formats_by_name_and_by_file()
    {
        Assert.Equal("mt-bench-answers", RecordedAnswerFormats.Infer("mt_bench/model_answer/claude-v1.jsonl").Name);
        Assert.Equal("xstest-completions", RecordedAnswerFormats.Infer("xstest_v2_completions_gpt4.csv").Name);
        Assert.Throws<ArgumentException>(() => RecordedAnswerFormats.Infer("answers.txt"));
        Assert.Contains("mt-bench-answers", Assert.Throws<ArgumentException>(() => RecordedAnswerFormats.Get("x")).Message, StringComparison.Ordinal);
    }

    private static EvalCase Case(string id, int turns) =>
        new() { Id = id, Turns = [.. Enumerable.Range(1, turns).Select(i => $"turn {i}")] };
}
