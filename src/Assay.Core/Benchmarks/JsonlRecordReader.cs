using System.Runtime.CompilerServices;
using System.Text.Json;

namespace Assay.Core.Benchmarks;

/// <summary>Streams JSON Lines: one JSON object per non-blank line.</summary>
public static class JsonlRecordReader
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    /// <summary>Reads the objects of <paramref name="stream"/>; blank lines are skipped.</summary>
    /// <exception cref="BenchmarkFormatException">Invalid UTF-8, malformed JSON, or a line that is not an object.</exception>
    public static async IAsyncEnumerable<JsonlRecord> ReadAsync(
        Stream stream, string file, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var reader = new Utf8LineReader(stream, file);
        while (await reader.ReadLineAsync(cancellationToken).ConfigureAwait(false) is { } line)
        {
            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            yield return Parse(file, line.Number, line.Text);
        }
    }

    /// <summary>Parses one line as a JSON object.</summary>
    public static JsonlRecord Parse(string file, long line, string text)
    {
        JsonElement root;
        try
        {
            // Cloned so records stay valid after enumeration moves on (e.g. when a caller buffers them).
            using var document = JsonDocument.Parse(text, ParseOptions);
            root = document.RootElement.Clone();
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
