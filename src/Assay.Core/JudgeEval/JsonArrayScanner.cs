using System.Buffers;
using System.Text;
using System.Text.Json;
using Assay.Core.Benchmarks;

namespace Assay.Core.JudgeEval;

/// <summary>
/// The synchronous half of <see cref="JsonArrayRecordReader"/>: cuts the next complete element of a top-level JSON
/// array out of a buffer and knows which line it starts on. Kept apart because <see cref="Utf8JsonReader"/> is a ref
/// struct and cannot live across the awaits that refill the buffer.
/// </summary>
internal sealed class JsonArrayScanner(string file)
{
    private static readonly JsonDocumentOptions ParseOptions = new() { MaxDepth = 64 };

    private JsonReaderState state = new(new JsonReaderOptions { MaxDepth = 64 });
    private bool inArray;
    private bool closed;
    private bool atStart = true;

    /// <summary>1-based line of the first byte not consumed yet.</summary>
    public long Line { get; private set; } = 1;

    public bool Finished { get; private set; }

    /// <summary>
    /// Reads from <paramref name="data"/> (the unconsumed bytes); <paramref name="consumed"/> says how many bytes the
    /// caller may drop. Returns a record, or null when more data is needed or the array has ended (<see cref="Finished"/>).
    /// </summary>
    public JsonlRecord? Next(ReadOnlySpan<byte> data, bool isFinal, out int consumed)
    {
        var skip = 0;
        if (atStart)
        {
            if (data.Length < 3 && !isFinal)
            {
                consumed = 0;
                return null;
            }

            skip = data.StartsWith("\uFEFF"u8) ? 3 : 0;
            atStart = false;
        }

        var baseLine = Line;
        var committed = skip;
        var committedState = state;
        var reader = new Utf8JsonReader(data[skip..], isFinal, state);
        try
        {
            var record = Scan(data, skip, baseLine, isFinal, ref reader, ref committed, ref committedState);
            return record;
        }
        catch (JsonException ex)
        {
            // The reader state carried between buffers keeps counting lines from the start of the file (0-based).
            throw new BenchmarkFormatException(file, 1 + (ex.LineNumber ?? baseLine - 1), null, $"malformed JSON: {FirstSentence(ex.Message)}", ex);
        }
        finally
        {
            consumed = committed;
            state = committedState;
            Line = baseLine + data[..committed].Count((byte)'\n');
        }
    }

    private JsonlRecord? Scan(
        ReadOnlySpan<byte> data, int skip, long baseLine, bool isFinal,
        ref Utf8JsonReader reader, ref int committed, ref JsonReaderState committedState)
    {
        if (!inArray)
        {
            if (isFinal && data[skip..].Trim(" \t\r\n"u8).IsEmpty)
            {
                throw new BenchmarkFormatException(file, 0, null, "the file is empty; expected a JSON array");
            }

            if (!reader.Read())
            {
                return null;
            }

            if (reader.TokenType != JsonTokenType.StartArray)
            {
                throw Error(data, baseLine, skip + (int)reader.TokenStartIndex, $"expected a JSON array of objects, found {reader.TokenType}");
            }

            inArray = true;
            (committed, committedState) = (skip + (int)reader.BytesConsumed, reader.CurrentState);
        }

        if (!closed)
        {
            if (!reader.Read())
            {
                return isFinal ? throw Error(data, baseLine, data.Length, "the array is not closed (missing ']')") : null;
            }

            if (reader.TokenType != JsonTokenType.EndArray)
            {
                return NextObject(data, skip, baseLine, ref reader, ref committed, ref committedState);
            }

            closed = true;
            (committed, committedState) = (skip + (int)reader.BytesConsumed, reader.CurrentState);
        }

        // After the closing bracket only white space may follow.
        if (reader.Read())
        {
            throw Error(data, baseLine, skip + (int)reader.TokenStartIndex, "unexpected content after the closing ']'");
        }

        (committed, committedState) = (skip + (int)reader.BytesConsumed, reader.CurrentState);
        Finished = isFinal;
        return null;
    }

    private JsonlRecord? NextObject(
        ReadOnlySpan<byte> data, int skip, long baseLine,
        ref Utf8JsonReader reader, ref int committed, ref JsonReaderState committedState)
    {
        var start = skip + (int)reader.TokenStartIndex;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error(data, baseLine, start, $"array items must be objects, found {reader.TokenType}");
        }

        if (!reader.TrySkip())
        {
            // Not all of the object is in the buffer: the caller reads more and we start again at the object.
            return null;
        }

        var end = skip + (int)reader.BytesConsumed;
        var record = Parse(data, baseLine, start, end);
        (committed, committedState) = (end, reader.CurrentState);
        return record;
    }

    private JsonlRecord Parse(ReadOnlySpan<byte> data, long baseLine, int start, int end)
    {
        var element = data[start..end];
        var line = baseLine + data[..start].Count((byte)'\n');
        if (Utf8Problem(element) is { } bad)
        {
            throw new BenchmarkFormatException(file, line + element[..bad].Count((byte)'\n'), null, "invalid UTF-8");
        }

        using var document = JsonDocument.Parse(element.ToArray(), ParseOptions);
        return new JsonlRecord(file, line, document.RootElement.Clone());
    }

    private BenchmarkFormatException Error(ReadOnlySpan<byte> data, long baseLine, int offset, string problem) =>
        new(file, baseLine + data[..Math.Min(offset, data.Length)].Count((byte)'\n'), null, problem);

    private static int? Utf8Problem(ReadOnlySpan<byte> bytes)
    {
        var offset = 0;
        while (offset < bytes.Length)
        {
            if (Rune.DecodeFromUtf8(bytes[offset..], out _, out var length) != OperationStatus.Done)
            {
                return offset;
            }

            offset += length;
        }

        return null;
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd(' ', '|');
    }
}
