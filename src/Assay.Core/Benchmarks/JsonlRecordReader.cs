using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace Assay.Core.Benchmarks;

/// <summary>Streams JSON Lines: one JSON object per non-blank line.</summary>
public static class JsonlRecordReader
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the objects of <paramref name="stream"/>; blank lines are skipped.</summary>
    /// <exception cref="BenchmarkFormatException">Invalid UTF-8, malformed JSON, or a line that is not an object.</exception>
    public static async IAsyncEnumerable<JsonlRecord> ReadAsync(
        Stream stream, string file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new Utf8LineReader(stream, file);
        while (await reader.ReadLineBytesAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (IsBlank(line.Bytes.Span))
            {
                continue;
            }

            yield return Parse(file, line.Number, reader.Keep(line));
        }
    }

    /// <summary>Parses one line as a JSON object.</summary>
    public static JsonlRecord Parse(string file, long line, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Parse(file, line, Encoding.UTF8.GetBytes(text));
    }

    /// <summary>
    /// Parses one line, given as UTF-8, as a JSON object. The record refers to <paramref name="utf8"/>, which the
    /// caller must not change afterwards; a long line is never decoded to a string whole, nor copied.
    /// </summary>
    public static JsonlRecord Parse(string file, long line, ReadOnlyMemory<byte> utf8)
    {
        JsonElement root;
        try
        {
            // Not disposed: the record lives as long as its caller wants it, and its small index then goes to the GC.
            root = JsonDocument.Parse(utf8, DocumentOptions).RootElement;
            ReclaimParseIndex(utf8.Length);
        }
        catch (JsonException ex)
        {
            var at = ex.BytePositionInLine is { } position ? $" (at byte {position + 1})" : "";
            throw new BenchmarkFormatException(file, line, null, $"malformed JSON{at}: {FirstSentence(ex.Message)}", ex);
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new BenchmarkFormatException(file, line, null, $"expected a JSON object, found {Describe(root)}");
        }

        return new JsonlRecord(file, line, root);
    }

    /// <summary>Lines longer than this have their parse index taken back from the shared pool (4 MiB: see below).</summary>
    internal const int ReclaimedIndexAbove = 4 * 1024 * 1024;

    // JsonDocument rents its index at the line's length (a power of two from the shared pool: 64 MB for a 40 MB line),
    // and once parsed gives that array back to the pool, which keeps it per thread for the life of the process. Issue
    // 19 measured two of them held after a 40 MB case had been read by the check and the plan, 3.4 MB per MB of case.
    // Renting the same size at once, on the same thread, takes that array out again; it is dropped, so the GC reclaims
    // it. Up to 4 MiB, JsonDocument starts from a 1 MiB index, which the pool may keep: it is reused line after line.
    private static void ReclaimParseIndex(int lineBytes)
    {
        if (lineBytes > ReclaimedIndexAbove)
        {
            _ = System.Buffers.ArrayPool<byte>.Shared.Rent(lineBytes + 12);
        }
    }

    // string.IsNullOrWhiteSpace on the decoded line, without decoding it: almost always the first byte decides.
    private static bool IsBlank(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(utf8, out var rune, out var consumed) != System.Buffers.OperationStatus.Done || !Rune.IsWhiteSpace(rune))
            {
                return false;
            }

            utf8 = utf8[consumed..];
        }

        return true;
    }

    internal static string Describe(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    // System.Text.Json appends "Path: $ | LineNumber: 0 | ..." which is noise next to our own file:line.
    private static string FirstSentence(string message)
    {
        foreach (var marker in (string[])[" Path:", " LineNumber:"])
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }
}
