using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

public sealed class CsvRecordReaderTests
{
    [Fact]
    public async Task Multi_line_quoted_field_round_trips_exactly()
    {
        const string completion = " Sure,\nhere is \"a\" list:\r\n\n1. one\r\n2. \"\"two\"\"";
        var quoted = "\"" + completion.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
        var csv = $"id,completion,label\r\nv2-1,{quoted},x\r\nv2-2,plain,\"\"\r\n";

        var records = await ReadAsync(csv, "id", "completion");

        Assert.Equal(2, records.Count);
        Assert.Equal(completion, records[0]["completion"]);
        Assert.Equal((2L, 7L), (records[0].Line, records[1].Line));
        Assert.Equal("plain", records[1]["completion"]);
        Assert.Equal("", records[1]["label"]);
    }

    [Fact]
    public async Task Quoted_commas_doubled_quotes_bom_and_missing_final_newline()
    {
        var csv = "\uFEFFa,b,c\n\"x, y\",\"say \"\"hi\"\"\",\n";

        var record = Assert.Single(await ReadAsync(csv, "a"));

        Assert.Equal("x, y", record["a"]);
        Assert.Equal("say \"hi\"", record["b"]);
        Assert.Equal("", record["c"]);
        Assert.Null(record.NonEmpty("c"));

        var noNewline = Assert.Single(await ReadAsync("a,b\n1,\"2\"", "a"));
        Assert.Equal("2", noNewline["b"]);
    }

    [Fact]
    public async Task Text_after_a_closing_quote_is_an_error()
    {
        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync("a,b\n\"x\"y,z\n"));

        Assert.Equal(2, ex.Line);
        Assert.Contains("after the closing quote of field 1", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Duplicate_header_column_is_an_error()
    {
        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync("a,b,a\n1,2,3\n"));

        Assert.Equal((1L, "a"), (ex.Line, ex.Field));
    }

    [Fact]
    public async Task Empty_stream_yields_nothing()
    {
        Assert.Empty(await ReadAsync("", "a"));
    }

    [Theory]
    [InlineData("x")]
    [InlineData("é中😀")]
    public void A_long_field_is_gathered_as_UTF_8_and_costs_only_its_string_when_it_ends(string unit)
    {
        // A 1 MB field over many lines, as a quoted field with line breaks is, with characters split between chunks.
        var state = new CsvParseState();
        var fields = new List<string>();
        using var field = new CsvField();
        var expected = new StringBuilder();
        Assert.True(state.Consume("\"a \"\"quoted\"\" start"u8, 1, fields, field, out _));
        expected.Append("a \"quoted\" start");
        var line = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, 1001)));
        for (var number = 2; field.Length < 1_000_000; number++)
        {
            field.Append("\n"u8);
            Assert.True(state.Consume(line, number, fields, field, out _));
            expected.Append('\n').Append(Encoding.UTF8.GetString(line));
        }

        var gathered = field.Length;
        var before = GC.GetAllocatedBytesForCurrentThread();
        Assert.True(state.Consume("\",next"u8, 1002, fields, field, out _));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(expected.ToString(), fields[0]);
        Assert.Equal(Encoding.UTF8.GetByteCount(fields[0]), gathered); // gathered as UTF-8
        // Its string, and a few KB besides (one CI run counted 8.6 KB more than its string, not seen again locally):
        // what this guards against is an array the field's size (a builder cleared kept one of 2.4 bytes a character).
        Assert.True(allocated < (2L * fields[0].Length) + (64 * 1024), $"{allocated} bytes allocated to end a field of {fields[0].Length} characters");
        Assert.Equal("next", field.TakeString());
    }

    private static Task<List<CsvRecord>> ReadAsync(string csv, params string[] required) =>
        CsvRecordReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", required).CollectAsync();
}
