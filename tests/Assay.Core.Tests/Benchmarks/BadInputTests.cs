using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

/// <summary>Every bad file fails with the exact file, line and field, so a user can fix it without the code.</summary>
public sealed class BadInputTests : IDisposable
{
    private const string Q1 = """{"question_id": 1, "category": "math", "turns": ["a", "b"]}""";
    private const string Q2 = """{"question_id": 2, "category": "math", "turns": ["c"]}""";

    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task Malformed_json_names_its_line()
    {
        var source = temp.Source("question.jsonl", $"{Q1}\n{Q2}\n{{\"question_id\": 3,\n");

        var ex = await ReadFailsAsync(new MtBenchFormat(), source);

        Assert.Equal((source.Name, 3L, (string?)null), (ex.File, ex.Line, ex.Field));
        Assert.StartsWith("malformed JSON", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Missing_turns_names_the_field()
    {
        var source = temp.Source("question.jsonl", $"{Q1}\n{{\"question_id\": 2, \"category\": \"math\"}}\n");

        var ex = await ReadFailsAsync(new MtBenchFormat(), source);

        Assert.Equal((source.Name, 2L, "turns"), (ex.File, ex.Line, ex.Field));
        Assert.Equal("missing required field", ex.Problem);
    }

    [Fact]
    public async Task Turns_not_an_array_names_the_field()
    {
        var source = temp.Source("cases.jsonl", "{\"id\": \"x\", \"turns\": \"hello\"}\n");

        var ex = await ReadFailsAsync(new AssayJsonlFormat(), source);

        Assert.Equal((source.Name, 1L, "turns"), (ex.File, ex.Line, ex.Field));
        Assert.Equal("expected an array of strings, found a string", ex.Problem);
    }

    [Fact]
    public async Task Turn_that_is_not_a_string_names_its_index()
    {
        var source = temp.Source("cases.jsonl", "{\"id\": \"x\", \"turns\": [\"a\", 5]}\n");

        var ex = await ReadFailsAsync(new AssayJsonlFormat(), source);

        Assert.Equal((1L, "turns[1]"), (ex.Line, ex.Field));
    }

    [Fact]
    public async Task Duplicate_id_names_both_lines()
    {
        var source = temp.Source("question.jsonl", $"{Q1}\n{Q2}\n\n{Q1}\n");

        var ex = await ReadFailsAsync(new MtBenchFormat(), source);

        Assert.Equal((source.Name, 4L, "question_id"), (ex.File, ex.Line, ex.Field));
        Assert.Equal("duplicate id '1' (first on line 1)", ex.Problem);
        Assert.Equal($"{source.Name}:4: field 'question_id': duplicate id '1' (first on line 1)", ex.Message);
    }

    [Fact]
    public async Task Empty_id_is_rejected()
    {
        var source = temp.Source("cases.jsonl", "{\"id\": \"a\", \"turns\": [\"t\"]}\n{\"id\": \" \", \"turns\": [\"t\"]}\n");

        var ex = await ReadFailsAsync(new AssayJsonlFormat(), source);

        Assert.Equal((2L, "id", "empty id"), (ex.Line, ex.Field, ex.Problem));
    }

    [Fact]
    public async Task Invalid_utf8_names_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes(Q1 + "\n")
            .Concat(Encoding.UTF8.GetBytes("{\"question_id\": 2, \"category\": \"m"))
            .Concat(new byte[] { 0xC3, 0x28 })
            .Concat(Encoding.UTF8.GetBytes("\", \"turns\": [\"x\"]}\n"))
            .ToArray();
        var source = new FileBenchmarkSource(temp.WriteBytes("question.jsonl", bytes));

        var ex = await ReadFailsAsync(new MtBenchFormat(), source);

        Assert.Equal((source.Name, 2L, (string?)null), (ex.File, ex.Line, ex.Field));
        Assert.StartsWith("invalid UTF-8", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n  \n\r\n\t\n")]
    public async Task Empty_or_blank_file_has_no_cases(string content)
    {
        var source = temp.Source("question.jsonl", content);

        var ex = await ReadFailsAsync(new MtBenchFormat(), source);

        Assert.Equal((source.Name, 0L, (string?)null, "no cases"), (ex.File, ex.Line, ex.Field, ex.Problem));
    }

    [Fact]
    public async Task Csv_header_only_has_no_cases()
    {
        var source = temp.Source("xstest_prompts.csv", "id,prompt,type,label,focus,note\n");

        var ex = await ReadFailsAsync(new XsTestFormat(), source);

        Assert.Equal((0L, "no cases"), (ex.Line, ex.Problem));
    }

    [Fact]
    public async Task Csv_unterminated_quote_names_the_line_where_the_record_starts()
    {
        var source = temp.Source(
            "xstest_prompts.csv",
            "id,prompt,type,label,focus,note\n1,ok,homonyms,safe,,\n2,\"never closed\nstill open\n,homonyms,safe,,\n");

        var ex = await ReadFailsAsync(new XsTestFormat(), source);

        Assert.Equal((source.Name, 3L, "prompt"), (ex.File, ex.Line, ex.Field));
        Assert.Contains("unterminated quoted field", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Csv_row_with_wrong_field_count_names_its_line()
    {
        var source = temp.Source(
            "xstest_prompts.csv",
            "id,prompt,type,label,focus,note\n1,ok,homonyms,safe,,\n2,\"a,\nb\",homonyms,safe,,\n3,too,few\n");

        var ex = await ReadFailsAsync(new XsTestFormat(), source);

        Assert.Equal((source.Name, 5L, (string?)null), (ex.File, ex.Line, ex.Field));
        Assert.Equal("expected 6 fields as in the header, found 3", ex.Problem);
    }

    [Fact]
    public async Task Csv_missing_column_names_the_column()
    {
        var source = temp.Source("xstest_prompts.csv", "id,prompt,type\n1,a,b\n");

        var ex = await ReadFailsAsync(new XsTestFormat(), source);

        Assert.Equal((1L, "label"), (ex.Line, ex.Field));
    }

    [Fact]
    public async Task XsTest_bad_label_names_the_field()
    {
        var source = temp.Source(
            "xstest_prompts.csv", "id,prompt,type,label,focus,note\n1,ok,homonyms,safe,,\n2,hm,homonyms,Safe,,\n");

        var ex = await ReadFailsAsync(new XsTestFormat(), source);

        Assert.Equal((source.Name, 3L, "label"), (ex.File, ex.Line, ex.Field));
        Assert.Equal("expected 'safe' or 'unsafe', found 'Safe'", ex.Problem);
    }

    [Fact]
    public async Task Bad_reference_file_is_named_in_the_error()
    {
        var question = temp.Source("question.jsonl", Q1 + "\n");
        var reference = temp.Write("reference_answer/gpt-4.jsonl", "{\"question_id\": 1, \"choices\": []}\n");

        var ex = await ReadFailsAsync(new MtBenchFormat(), question);

        Assert.Equal((reference, 1L, "choices"), (ex.File, ex.Line, ex.Field));
    }

    private static async Task<BenchmarkFormatException> ReadFailsAsync(IBenchmarkFormat format, IBenchmarkSource source) =>
        await Assert.ThrowsAsync<BenchmarkFormatException>(
            async () => await BenchmarkValidator.ReadValidatedAsync(format, source).CollectAsync());
}
