using System.Text;

namespace Assay.Core.Benchmarks;

/// <summary>
/// The field a CSV record is gathering, as the UTF-8 of its lines, decoded to a string once it is complete. A quoted
/// field may run over thousands of lines: gathered as characters (a StringBuilder) a 10 MB field was 20 MB of chunks
/// and then its 20 MB string at once, 4 bytes per byte of the case (issue 19); as UTF-8 it is 1, then the string's 2.
/// </summary>
internal sealed class CsvField : IDisposable
{
    private const int FirstChunk = 256; // most fields are short
    private const int LongField = 64 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private ChunkedMemoryStream bytes = new(FirstChunk);

    /// <summary>UTF-8 bytes gathered so far.</summary>
    public long Length => bytes.Length;

    /// <summary>Appends bytes that end on a character boundary (the reader splits lines only at ASCII characters).</summary>
    public void Append(ReadOnlySpan<byte> utf8) => bytes.Write(utf8);

    /// <summary>The field's text; the field starts empty again.</summary>
    public string TakeString()
    {
        var text = bytes.Length <= FirstChunk ? Strict.GetString(bytes.Segments().FirstOrDefault().Span) : Decode(bytes);
        if (bytes.Length > LongField)
        {
            bytes.Dispose();
            bytes = new ChunkedMemoryStream(FirstChunk); // a long field's chunks are not kept for the short ones that follow
        }
        else
        {
            bytes.Clear();
        }

        return text;
    }

    public void Dispose() => bytes.Dispose();

    // Chunks split characters anywhere: the count is exact on valid UTF-8 (the reader checked every line), and one
    // decoder carries a character split between two chunks over.
    private static string Decode(ChunkedMemoryStream bytes) => string.Create(CharCount(bytes), bytes, static (text, bytes) =>
    {
        var decoder = Strict.GetDecoder();
        var written = 0;
        foreach (var segment in bytes.Segments())
        {
            written += decoder.GetChars(segment.Span, text[written..], flush: false);
        }

        decoder.GetChars([], text[written..], flush: true);
    });

    // UTF-16 units: one per byte that starts a character, two for a 4-byte sequence (a surrogate pair).
    private static int CharCount(ChunkedMemoryStream bytes)
    {
        long count = 0;
        foreach (var segment in bytes.Segments())
        {
            foreach (var b in segment.Span)
            {
                count += (b & 0xC0) != 0x80 ? 1 : 0;
                count += b >= 0xF0 ? 1 : 0;
            }
        }

        return checked((int)count);
    }
}
