using System.Text;
using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;
using Assay.Core.Tests.Benchmarks;

namespace Assay.Core.Tests.JudgeEval;

public sealed class JsonArrayRecordReaderTests
{
    [Fact]
    public async Task Streams_objects_with_the_line_each_starts_on_even_across_buffer_refills()
    {
        // Objects far larger than the 64 KiB buffer force both refills and growth.
        var big = new string('x', 150_000);
        var json = "\uFEFF[\n {\"n\": 1, \"s\": \"" + big + "\"},\n\n {\"n\": 2,\n  \"s\": \"a\\nb\"},\n {\"n\": 3, \"s\": \"" + big + "\"}\n]\n  ";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));

        var records = await JsonArrayRecordReader.ReadAsync(stream, "f.json").CollectAsync();

        Assert.Equal([2L, 4L, 6L], records.Select(r => r.Line));
        Assert.Equal(["1", "2", "3"], records.Select(r => r.RequiredIntOrString("n")));
        Assert.Equal(big, records[2].RequiredString("s"));
    }

    [Fact]
    public async Task An_empty_array_yields_nothing() =>
        Assert.Empty(await Read("[ ]"));

    [Theory]
    [InlineData("", 0, "the file is empty")]
    [InlineData("{\"a\": 1}", 1, "expected a JSON array of objects")]
    [InlineData("[\n {\"a\": 1},\n 5\n]", 3, "array items must be objects")]
    [InlineData("[\n {\"a\": 1},\n {\"a\": 2}\n", 4, "should be closed")]
    [InlineData("[\n {\"a\": 1}\n] x", 3, "malformed JSON")]
    [InlineData("[\n {\"a\": 1},\n {\"a\": }\n]", 3, "malformed JSON")]
    [InlineData("[\n {\"a\": 1}\n]\n[]", 4, "invalid after a single JSON value")]
    public async Task Bad_files_name_the_line(string content, long line, string problem)
    {
        var error = await Assert.ThrowsAsync<BenchmarkFormatException>(() => Read(content));

        Assert.Equal("f.json", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_utf8_names_its_line()
    {
        var bytes = Encoding.UTF8.GetBytes("[\n {\"a\": \"ok\"},\n {\"a\":\n \"").Concat(new byte[] { 0xC3, 0x28 }).Concat(Encoding.UTF8.GetBytes("\"}\n]")).ToArray();
        using var stream = new MemoryStream(bytes);

        var error = await Assert.ThrowsAsync<BenchmarkFormatException>(() => JsonArrayRecordReader.ReadAsync(stream, "f.json").CollectAsync());

        Assert.Equal(4, error.Line);
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
    }

    private static async Task<List<JsonlRecord>> Read(string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return await JsonArrayRecordReader.ReadAsync(stream, "f.json").CollectAsync();
    }
}
