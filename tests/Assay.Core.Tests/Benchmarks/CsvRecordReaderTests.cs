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

    private static Task<List<CsvRecord>> ReadAsync(string csv, params string[] required) =>
        CsvRecordReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(csv)), "t.csv", required).CollectAsync();
}
