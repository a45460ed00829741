using System.Text;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

public sealed class Utf8LineReaderTests
{
    [Fact]
    public async Task Splits_lines_across_buffers_and_keeps_terminators()
    {
        // A 16-byte buffer forces lines, a CRLF pair and a multi-byte character to straddle reads.
        var text = "\uFEFFfirst line is long\r\n\nh\u00e9llo w\u00f6rld \u2603 snowman\r\nlast";
        var lines = await ReadAsync(Encoding.UTF8.GetBytes(text), bufferSize: 16);

        Assert.Equal(
            [
                new Utf8Line(1, "first line is long", "\r\n"),
                new Utf8Line(2, "", "\n"),
                new Utf8Line(3, "h\u00e9llo w\u00f6rld \u2603 snowman", "\r\n"),
                new Utf8Line(4, "last", ""),
            ],
            lines);
    }

    [Fact]
    public async Task Bom_is_only_stripped_from_the_first_line()
    {
        var lines = await ReadAsync(Encoding.UTF8.GetBytes("a\n\uFEFFb\n"));

        Assert.Equal(["a", "\uFEFFb"], lines.Select(l => l.Text));
    }

    [Fact]
    public async Task Invalid_bytes_name_the_line_even_far_into_the_file()
    {
        var bytes = new List<byte>();
        for (var i = 0; i < 99; i++)
        {
            bytes.AddRange(Encoding.UTF8.GetBytes($"line {i}\n"));
        }

        bytes.AddRange([(byte)'o', (byte)'k', 0xFF, (byte)'\n', (byte)'z']);

        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync([.. bytes], bufferSize: 32));

        Assert.Equal(("x.txt", 100L, (string?)null), (ex.File, ex.Line, ex.Field));
        Assert.StartsWith("invalid UTF-8 at byte 3 of the line", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_multibyte_sequence_at_end_of_file_is_invalid()
    {
        var ex = await Assert.ThrowsAsync<BenchmarkFormatException>(() => ReadAsync([(byte)'a', (byte)'\n', 0xE2, 0x98]));

        Assert.Equal(2, ex.Line);
    }

    private static async Task<List<Utf8Line>> ReadAsync(byte[] bytes, int bufferSize = 64 * 1024)
    {
        var reader = new Utf8LineReader(new MemoryStream(bytes), "x.txt", bufferSize);
        var lines = new List<Utf8Line>();
        while (await reader.ReadLineAsync() is { } line)
        {
            lines.Add(line);
        }

        return lines;
    }
}
