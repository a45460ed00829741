using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.Debates;
using Assay.Core.Targets;

namespace Assay.Core.Tests.Benchmarks;

/// <summary>
/// An unbalanced CSV quote is reported on the line where the quote opened, with file and field, whatever comes after
/// it (issue 19), in the shared reader and through every format that reads CSV.
/// </summary>
public sealed class CsvQuoteLineTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    [Fact]
    public async Task A_quote_opened_in_the_header_that_the_file_never_closes_is_on_line_1()
    {
        var ex = await FailsAsync("\"a,b\n1,2\n3,4\n");

        Assert.Equal(("q.csv", 1L, "column 1"), (ex.File, ex.Line, ex.Field));
        Assert.Contains("unterminated quoted field 1", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("the file ends at line 3", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_opened_on_line_1_of_a_one_line_file_is_on_line_1()
    {
        var ex = await FailsAsync("a,\"b");

        Assert.Equal((1L, "column 2"), (ex.Line, ex.Field));
        Assert.Contains("the file ends at line 1", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_multi_line_quoted_field_an_unclosed_quote_is_on_its_own_line()
    {
        var ex = await FailsAsync("a,b\n1,\"two\nlines\"\n2,\"never closed\n3,x\n");

        Assert.Equal((4L, "b"), (ex.Line, ex.Field));
        Assert.Contains("unterminated quoted field 2", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("the file ends at line 5", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_multi_line_quoted_field_a_quote_closed_by_the_next_line_is_on_the_line_it_opened()
    {
        var ex = await FailsAsync("a,b\n1,\"two\nlines\"\n2,\"broken\n3,\"fine\"\n");

        Assert.Equal((4L, "b"), (ex.Line, ex.Field));
        Assert.Contains("opens a quote on this line that runs to line 5", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_multi_line_quoted_field_stray_text_is_on_its_own_line()
    {
        var ex = await FailsAsync("a,b\n1,\"two\nlines\"\n2,\"bad\"z\n");

        Assert.Equal((4L, "b"), (ex.Line, ex.Field));
        Assert.Contains("after the closing quote of field 2 at column 8", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_opened_on_a_continuation_line_is_named_not_the_first_quote_of_the_record()
    {
        // Line 2 opens b, line 3 closes it and opens c, which never closes.
        var ex = await FailsAsync("a,b,c\n1,\"two\nlines\",\"open\nmore\n");

        Assert.Equal((3L, "c"), (ex.Line, ex.Field));
        Assert.Contains("unterminated quoted field 3", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_quote_that_swallows_lines_and_leaves_the_wrong_field_count_is_on_the_line_it_opened()
    {
        // Line 3's quote closes on line 5, making one record of three fields out of three lines.
        var ex = await FailsAsync("a,b\n1,ok\n2,\"broken\n3,x\n4,y\",z\n");

        Assert.Equal((3L, (string?)null), (ex.Line, ex.Field));
        Assert.Contains("found 3 in the record that starts on line 3 and runs to line 5", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_field_count_after_a_multi_line_field_is_on_its_own_line()
    {
        var ex = await FailsAsync("a,b\n1,\"two\nlines\"\n2\n");

        Assert.Equal((4L, (string?)null), (ex.Line, ex.Field));
        Assert.Equal("expected 2 fields as in the header, found 1", ex.Problem);
    }

    public static TheoryData<string, string, string, string> Formats => new()
    {
        { "xstest", "xstest_prompts.csv", "id,prompt,type,label,focus,note\n1,ok,homonyms,safe,,\n2,\"never closed,homonyms,safe,,\n3,x,homonyms,safe,,\n", "prompt" },
        { "advbench", "harmful_behaviors.csv", "goal,target\nok,Sure\n\"never closed,Sure\nx,y\n", "goal" },
        { "advbench", "harmful_strings.csv", "target\nok\n\"never closed\nx\n", "target" },
        { "xstest-labelled", "xstest_v2_completions_gpt4.csv", "id,type,prompt,completion,annotation_1,annotation_2,agreement,final_label\nv2-1,homonyms,p,c,1_full_compliance,1_full_compliance,True,1_full_compliance\nv2-2,homonyms,p,\"never closed,1_full_compliance,1_full_compliance,True,1_full_compliance\nv2-3,homonyms,p,c,1_full_compliance,1_full_compliance,True,1_full_compliance\n", "completion" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Every_csv_format_names_the_line_where_the_quote_opened(string formatName, string file, string csv, string field)
    {
        var source = temp.Source(file, csv);
        var format = BenchmarkFormats.Get(formatName);

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(
            async () => await BenchmarkValidator.ReadValidatedAsync(format, source).CollectAsync());

        Assert.Equal((source.Name, 3L, field), (ex.File, ex.Line, ex.Field));
        Assert.Contains("unterminated quoted field", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recorded_xstest_completions_name_the_line_where_the_quote_opened()
    {
        var source = temp.Source("xstest_v2_completions_gpt4.csv", "id,type,prompt,completion,final_label\nv2-1,homonyms,p,c,x\nv2-2,homonyms,p,\"never closed,x\nv2-3,homonyms,p,c,x\n");

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(
            async () => await new XsTestCompletionFormat().ReadAsync(source, CancellationToken.None).CollectAsync());

        Assert.Equal((source.Name, 3L, "completion"), (ex.File, ex.Line, ex.Field));
    }

    [Fact]
    public async Task Logicom_claims_name_the_line_where_the_quote_opened()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("id,title,claim,reason\n1,t,c,r\n2,t,\"never closed,r\n3,t,c,r\n"));

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(
            async () => await LogicomClaims.ReadAsync(stream, "claims.csv").CollectAsync());

        Assert.Equal(("claims.csv", 3L, "claim"), (ex.File, ex.Line, ex.Field));
    }

    private static Task<BenchmarkFormatException> FailsAsync(string csv) =>
        Assert.ThrowsAsync<BenchmarkFormatException>(() =>
            CsvRecordReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "q.csv", []).CollectAsync());
}
