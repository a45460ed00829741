using System.Buffers.Text;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace Assay.Core;

/// <summary>
/// A JSON string value as a .NET string, decoded straight from its UTF-8 into the string when it is long. System.Text.Json
/// unescapes a value that has escapes (a newline is one) into a buffer rented from the shared pool at the value's
/// length, and gives it back there, where it stays: issue 19 measured a 40 MB case with line breaks peaking 210 MB
/// above the same case without them, a 64 MB buffer kept for each thread that had read it. Short values, and values
/// without escapes, are read by System.Text.Json as before.
/// </summary>
public static class JsonText
{
    /// <summary>Values longer than this (escaped UTF-8 bytes) are decoded here.</summary>
    public const int LongAbove = 1024 * 1024;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>As <see cref="JsonElement.GetString"/>.</summary>
    public static string? Read(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return element.GetString(); // null for JSON null, the same exception otherwise
        }

        var raw = JsonMarshal.GetRawUtf8Value(element); // with its quotes
        return raw.Length - 2 > LongAbove ? Decode(raw[1..^1]) : element.GetString();
    }

    /// <summary>As <see cref="Utf8JsonReader.GetString"/>.</summary>
    public static string? Read(ref Utf8JsonReader reader) =>
        reader is { TokenType: JsonTokenType.String, HasValueSequence: false, ValueIsEscaped: true } && reader.ValueSpan.Length > LongAbove
            ? Decode(reader.ValueSpan)
            : reader.GetString();

    /// <summary>The text of a JSON string's content (between its quotes), which the JSON reader has already checked.</summary>
    /// <exception cref="InvalidOperationException">Invalid UTF-8, or an escaped UTF-16 surrogate without its pair (as System.Text.Json).</exception>
    internal static string Decode(ReadOnlySpan<byte> escaped)
    {
        try
        {
            return escaped.IndexOf((byte)'\\') < 0
                ? Utf8.GetString(escaped)
                : string.Create(Walk(escaped, []), escaped, static (text, source) => Walk(source, text));
        }
        catch (DecoderFallbackException ex)
        {
            throw new InvalidOperationException("Cannot transcode invalid UTF-8 JSON text to UTF-16 string.", ex);
        }
    }

    // Counts the UTF-16 characters when `text` is empty, writes them when it is not. Between escapes the bytes are
    // whole UTF-8 sequences (an escape is ASCII), and every escape, \uXXXX included, is one UTF-16 character.
    private static int Walk(ReadOnlySpan<byte> source, Span<char> text)
    {
        var counting = text.IsEmpty;
        var count = 0;
        var pendingHigh = false;
        while (true)
        {
            var slash = source.IndexOf((byte)'\\');
            var run = slash < 0 ? source : source[..slash];
            if (!run.IsEmpty)
            {
                ThrowIf(pendingHigh);
                count += counting ? Utf8.GetCharCount(run) : Utf8.GetChars(run, text[count..]);
            }

            if (slash < 0)
            {
                ThrowIf(pendingHigh);
                return count;
            }

            var (character, length) = Escape(source[(slash + 1)..]);
            ThrowIf(pendingHigh != char.IsLowSurrogate(character));
            pendingHigh = char.IsHighSurrogate(character);
            if (!counting)
            {
                text[count] = character;
            }

            count++;
            source = source[(slash + 1 + length)..];
        }
    }

    private static (char Character, int Length) Escape(ReadOnlySpan<byte> after) => after[0] switch
    {
        (byte)'n' => ('\n', 1),
        (byte)'t' => ('\t', 1),
        (byte)'r' => ('\r', 1),
        (byte)'b' => ('\b', 1),
        (byte)'f' => ('\f', 1),
        (byte)'u' when Utf8Parser.TryParse(after.Slice(1, 4), out ushort code, out var used, 'X') && used == 4 => ((char)code, 5),
        (byte)'"' or (byte)'\\' or (byte)'/' => ((char)after[0], 1),
        _ => throw new InvalidOperationException($"Invalid JSON escape '\\{(char)after[0]}'."),
    };

    private static void ThrowIf(bool invalidSurrogate)
    {
        if (invalidSurrogate)
        {
            throw new InvalidOperationException("Cannot read invalid UTF-16 JSON text as string: an escaped surrogate without its pair.");
        }
    }
}
