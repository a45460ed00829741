using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

/// <summary>Reader caps (issue 19): a line or a case past its limit is an error naming file, line and field.</summary>
public sealed class ReaderCapTests
{
    [Fact]
    public async Task A_line_past_the_cap_is_rejected_with_its_line_number_before_it_is_held_whole()
    {
        var text = "short\n" + new string('x', 10_000) + "\nafter\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var reader = new Utf8LineReader(stream, "big.jsonl", bufferSize: 64, maxLineBytes: 1000);

        Assert.Equal("short", (await reader.ReadLineAsync())!.Value.Text);
        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(async () => await reader.ReadLineAsync());
        Assert.Equal(("big.jsonl", 2L), (ex.File, ex.Line));
        Assert.Contains("line longer than 1000 bytes (Readers:MaxLineBytes)", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_line_at_the_cap_is_read_with_or_without_a_carriage_return()
    {
        var line = new string('y', 1000);
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(line + "\r\n" + line));
        var reader = new Utf8LineReader(stream, "ok.csv", bufferSize: 64, maxLineBytes: 1000);

        Assert.Equal(line, (await reader.ReadLineAsync())!.Value.Text);
        Assert.Equal(line, (await reader.ReadLineAsync())!.Value.Text);
        Assert.Null(await reader.ReadLineAsync());
    }

    [Fact]
    public async Task A_case_past_the_size_cap_names_its_line_and_largest_field()
    {
        {
            var jsonl = "{\"id\":\"a\",\"turns\":[\"hi\"]}\n{\"id\":\"b\",\"turns\":[\"q\",\"" + new string('z', 200) + "\"]}\n";
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(jsonl));
            var source = new StreamSource("cases.jsonl", stream);
            var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(async () =>
            {
                await foreach (var _ in BenchmarkValidator.ReadValidatedAsync(new AssayJsonlFormat(), source, limits: ReaderLimits.Default with { MaxCaseBytes = 100 }))
                {
                }
            });

            Assert.Equal(("cases.jsonl", 2L, "turns[1]"), (ex.File, ex.Line, ex.Field));
            Assert.Contains("over 100 (Readers:MaxCaseBytes)", ex.Problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_unbalanced_quote_is_reported_on_the_line_where_it_opened()
    {
        // Line 3 opens a quote it never closes; line 4's quotes then close it and leave stray text.
        var csv = "a,b\n1,ok\n2,\"broken\n3,\"fine\"\n";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(csv));
        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(async () =>
        {
            await foreach (var _ in CsvRecordReader.ReadAsync(stream, "q.csv", ["a"]))
            {
            }
        });

        Assert.Equal(3L, ex.Line);
        Assert.Contains("unbalanced quote", ex.Problem, StringComparison.Ordinal);
        Assert.Contains("runs to line 4", ex.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, -5)]
    public void Zero_or_negative_limits_are_errors(long line, long @case) =>
        Assert.NotNull(new ReaderLimits(line, @case).Problem());

    private sealed class StreamSource(string name, Stream stream) : IBenchmarkSource
    {
        public string Name => name;

        public Task<Stream> OpenAsync(CancellationToken cancellationToken) => Task.FromResult(stream);

        public Task<Stream?> OpenRelativeAsync(string relativePath, CancellationToken cancellationToken) => Task.FromResult<Stream?>(null);

        public string RelativeName(string relativePath) => relativePath;
    }
}
