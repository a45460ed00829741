using System.Text;
using System.Text.Json;
using Assay.Core.Benchmarks;

namespace Assay.Core.Tests.Benchmarks;

/// <summary>
/// JSONL lines are parsed from their UTF-8 bytes (issue 19: no string of a long line, no transcoding back, no clone).
/// What a reader returns, and every error it raises, must be what parsing the decoded line as a string gave.
/// </summary>
public sealed class JsonlFromBytesTests
{
    private static readonly JsonDocumentOptions StringParse = new() { MaxDepth = 64 };

    public static TheoryData<string> Lines => new()
    {
        "{\"id\":1,\"turns\":[\"a \\\"quoted\\\" turn\\nwith a break\"]}",
        "  {\"id\":\"x\",\"turns\":[\"na\u00efve \u2603 \ud83d\ude00\",\"\\u00e9\\ud83d\\ude00\"],\"metadata\":{\"k\":\"v\"}}  ",
        "{\"nested\":{\"a\":[1,2.5e3,true,false,null,{\"b\":[]}]}}\t",
        "{\"a\":1} x",
        "{\"a\":1}{\"b\":2}",
        "{\"a\":1",
        "{\"a\":1,}",
        "{\"a\":tru}",
        "{'a':1}",
        "{\"a\":1 // comment\n}",
        "[1,2]",
        "\"just a string\"",
        "42",
        "null",
        "{\"s\":\"unterminated}",
        "{\"s\":\"bad \\q escape\"}",
        "{\"deep\":" + string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)) + "}",
    };

    [Theory]
    [MemberData(nameof(Lines))]
    public void A_line_parsed_from_bytes_gives_what_parsing_its_string_gave(string line)
    {
        var expected = ParseAsString(line);

        object actual;
        try
        {
            actual = JsonlRecordReader.Parse("f.jsonl", 7, Encoding.UTF8.GetBytes(line)).Root.GetRawText();
        }
        catch (BenchmarkFormatException ex)
        {
            actual = (ex.File, ex.Line, ex.Field, ex.Problem);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_file_read_from_bytes_gives_the_same_cases_and_skips_the_same_blank_lines()
    {
        // A long case, blank lines (with Unicode spaces), CRLF and a BOM, through a buffer far smaller than the line.
        var longTurn = string.Concat(Enumerable.Repeat("\"quoted\" <b> na\u00efve \ud83d\ude00\n", 5_000));
        var cases = new[]
        {
            new EvalCase { Id = "1", Category = "c", Turns = [longTurn], Metadata = new Dictionary<string, string> { ["k"] = "v" } },
            new EvalCase { Id = "2", Turns = ["short", "second"], References = ["r"] },
        };
        var text = "\uFEFF" + AssayJsonl.Serialize(cases[0]) + "\r\n \u00a0\u3000\t\n\n" + AssayJsonl.Serialize(cases[1]);

        var read = new List<LocatedCase>();
        await foreach (var located in AssayJsonl.ReadLocatedAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), "f.jsonl"))
        {
            read.Add(located);
        }

        Assert.Equal([1L, 4L], read.Select(r => r.Line));
        Assert.Equal(cases.Select(AssayJsonl.Serialize), read.Select(r => AssayJsonl.Serialize(r.Case)));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Records_of_long_lines_stay_whole_after_the_reader_has_moved_on(bool seekable)
    {
        // Each long line is handed to its record, not copied: the next long line must not reuse its bytes.
        var lines = new[] { "{\"a\": \"" + new string('x', 5000) + "\"}", "{\"b\": 1}", "{\"c\": \"" + new string('y', 7000) + "\"}", "{\"d\": \"" + new string('z', 3000) + "\"}" };
        var bytes = Encoding.UTF8.GetBytes(string.Join("\n", lines));
        Stream stream = seekable ? new MemoryStream(bytes) : new ForwardOnly(bytes);

        var records = new List<JsonlRecord>();
        await foreach (var record in JsonlRecordReader.ReadAsync(stream, "f.jsonl"))
        {
            records.Add(record);
        }

        Assert.Equal(lines, records.Select(r => r.Root.GetRawText()));
        Assert.Equal([1L, 2L, 3L, 4L], records.Select(r => r.Line));
    }

    [Fact]
    public async Task Keep_hands_over_a_long_line_copies_a_short_one_and_refuses_an_earlier_one()
    {
        var text = new string('a', 100) + "\nshort\n" + new string('b', 200) + "\n";
        // Forward-only: the long-line buffer grows by doubling, so a long line fills more than half of it.
        var reader = new Utf8LineReader(new ForwardOnly(Encoding.UTF8.GetBytes(text)), "x.txt", bufferSize: 64);

        var first = Assert.NotNull(await reader.ReadLineBytesAsync());
        var kept = reader.Keep(first);
        Assert.True(kept.Span == first.Bytes.Span, "a long line is handed over, not copied");
        var second = Assert.NotNull(await reader.ReadLineBytesAsync());
        var shortKept = reader.Keep(second);
        Assert.False(shortKept.Span.Overlaps(second.Bytes.Span), "a short line is in the read buffer: copied");
        var third = Assert.NotNull(await reader.ReadLineBytesAsync());

        Assert.Equal(new string('a', 100), Encoding.UTF8.GetString(kept.Span));
        Assert.Equal("short", Encoding.UTF8.GetString(shortKept.Span));
        Assert.Equal(new string('b', 200), Encoding.UTF8.GetString(third.Bytes.Span));
        Assert.Throws<InvalidOperationException>(() => reader.Keep(second));
    }

    [Fact]
    public async Task A_line_far_shorter_than_a_buffer_sized_to_the_rest_of_the_stream_is_copied_and_the_buffer_kept()
    {
        // The stream's length sizes the buffer to all that is left (5,000 bytes) when a 100-byte line overflows it.
        var text = new string('a', 100) + "\n" + new string('b', 4900);
        var reader = new Utf8LineReader(new MemoryStream(Encoding.UTF8.GetBytes(text)), "x.txt", bufferSize: 64);

        var first = Assert.NotNull(await reader.ReadLineBytesAsync());
        var kept = reader.Keep(first);
        Assert.False(kept.Span.Overlaps(first.Bytes.Span), "a line filling less than half of its buffer is copied");
        var second = Assert.NotNull(await reader.ReadLineBytesAsync());
        Assert.True(second.Bytes.Span.Overlaps(first.Bytes.Span), "the buffer is kept for the next long line");

        Assert.Equal(new string('a', 100), Encoding.UTF8.GetString(kept.Span));
        Assert.Equal(new string('b', 4900), Encoding.UTF8.GetString(reader.Keep(second).Span));
    }

    [Fact]
    public async Task Short_lines_that_straddle_two_reads_never_size_a_buffer_to_the_rest_of_the_stream()
    {
        // 4 MB of 87-byte lines read 64 KB at a time: many lines straddle two reads. Before, the first of them sized
        // the line buffer to all that was left of the stream (4 MB here; 40 MB for a 40 MB file of short lines).
        var line = new string('x', 86) + "\n";
        var bytes = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 4_000_000 / line.Length)));
        var reader = new Utf8LineReader(new MemoryStream(bytes), "x.txt");
        var (lines, largest) = (0, 0L);

        // A MemoryStream completes every read at once, on this thread; the most any one line's read allocated counts.
        var before = GC.GetAllocatedBytesForCurrentThread();
        while (await reader.ReadLineBytesAsync() is { } read)
        {
            var now = GC.GetAllocatedBytesForCurrentThread();
            (largest, before) = (Math.Max(largest, now - before), now);
            Assert.Equal(86, read.Bytes.Length);
            lines++;
        }

        Assert.Equal(bytes.Length / line.Length, lines);
        Assert.True(largest < 256 * 1024, $"one line's read allocated {largest} bytes");
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, false)]
    [InlineData(false, true)]
    public async Task Line_bytes_are_the_decoded_lines_encoded(bool seekable, bool lengthGiven)
    {
        // Long lines (gathered across many reads; sized from what is left when the stream can say) between short ones.
        var text = "\uFEFFfirst line is long\r\n\nh\u00e9llo w\u00f6rld \u2603 snowman\r\n" + new string('x', 3000) + "\n"
            + string.Concat(Enumerable.Repeat("\u00e9\ud83d\ude00", 700)) + "\r\nlast";
        var bytes = Encoding.UTF8.GetBytes(text);
        var asText = new Utf8LineReader(new MemoryStream(bytes), "x.txt", bufferSize: 16);
        var asBytes = new Utf8LineReader(
            seekable ? new MemoryStream(bytes) : new ForwardOnly(bytes), "x.txt", bufferSize: 16, streamBytes: lengthGiven ? bytes.Length : null);

        while (await asText.ReadLineAsync() is { } line)
        {
            var raw = Assert.NotNull(await asBytes.ReadLineBytesAsync());
            Assert.Equal(
                (line.Number, Convert.ToHexString(Encoding.UTF8.GetBytes(line.Text)), line.Terminator),
                (raw.Number, Convert.ToHexString(raw.Bytes.Span), raw.Terminator));
        }

        Assert.Null(await asBytes.ReadLineBytesAsync());
    }

    // How a line was parsed before: decoded to a string, JsonDocument.Parse, the root cloned.
    private static object ParseAsString(string line)
    {
        try
        {
            using var document = JsonDocument.Parse(line, StringParse);
            var root = document.RootElement.Clone();
            return root.ValueKind == JsonValueKind.Object
                ? root.GetRawText()
                : ("f.jsonl", 7L, (string?)null, $"expected a JSON object, found {JsonlRecordReader.Describe(root)}");
        }
        catch (JsonException ex)
        {
            var at = ex.BytePositionInLine is { } position ? $" (at byte {position + 1})" : "";
            var message = ex.Message;
            foreach (var marker in (string[])[" Path:", " LineNumber:"])
            {
                var cut = message.IndexOf(marker, StringComparison.Ordinal);
                message = cut > 0 ? message[..cut] : message;
            }

            return ("f.jsonl", 7L, (string?)null, $"malformed JSON{at}: {message.TrimEnd()}");
        }
    }

    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    }
}
