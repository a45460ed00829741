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
            // Not disposed: the record lives as long as its caller wants it, and its rented index then goes to the
            // GC rather than back to the shared pool (which would keep a long line's 16 MB index for the process).
            root = JsonDocument.Parse(utf8, DocumentOptions).RootElement;
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
