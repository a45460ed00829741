using System.Text;

namespace Assay.Core.Benchmarks;

/// <summary>
/// The field a CSV record is gathering, as the UTF-8 of its lines, decoded to a string once it is complete. A quoted
/// field may run over thousands of lines: gathered as characters (a StringBuilder) a 10 MB field was 20 MB of chunks
/// and then its 20 MB string at once, 4 bytes per byte of the case (issue 19); as UTF-8 it is 1, then the string's 2.
/// Chunks stay under the large-object heap's threshold, and the first is small, as most fields are.
/// </summary>
internal sealed class CsvField
{
    private const int FirstChunk = 256;
    private const int LargestChunk = 64 * 1024;

    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly List<byte[]> filled = [];
    private byte[] current = new byte[FirstChunk];
    private int used;

    /// <summary>UTF-8 bytes gathered so far.</summary>
    public long Length { get; private set; }

    /// <summary>Appends bytes that end on a character boundary (the reader splits lines only at ASCII characters).</summary>
    public void Append(ReadOnlySpan<byte> utf8)
    {
        while (!utf8.IsEmpty)
        {
            if (used == current.Length)
            {
                if (current.Length < LargestChunk)
                {
                    var larger = new byte[current.Length * 2];
                    current.CopyTo(larger, 0);
                    current = larger;
                }
                else
                {
                    filled.Add(current);
                    (current, used) = (new byte[LargestChunk], 0);
                }
            }

            var count = Math.Min(current.Length - used, utf8.Length);
            utf8[..count].CopyTo(current.AsSpan(used));
            used += count;
            Length += count;
            utf8 = utf8[count..];
        }
    }

    /// <summary>The field's text; the field starts empty again.</summary>
    public string TakeString()
    {
        var text = filled.Count == 0 ? Strict.GetString(current, 0, used) : Decode();
        filled.Clear();
        if (current.Length > FirstChunk)
        {
            current = new byte[FirstChunk]; // a long field's chunk is not kept for the short ones that follow
        }

        (used, Length) = (0, 0);
        return text;
    }

    // Chunks split characters anywhere: the count is exact on valid UTF-8 (the reader checked every line), and one
    // decoder carries a character split between two chunks over.
    private string Decode() => string.Create(CharCount(), this, static (text, field) =>
    {
        var decoder = Strict.GetDecoder();
        var written = 0;
        foreach (var chunk in field.filled)
        {
            written += decoder.GetChars(chunk, text[written..], flush: false);
        }

        decoder.GetChars(field.current.AsSpan(0, field.used), text[written..], flush: true);
    });

    // UTF-16 units: one per byte that starts a character, two for a 4-byte sequence (a surrogate pair).
    private int CharCount()
    {
        long count = 0;
        foreach (var chunk in filled.Append(current))
        {
            var bytes = chunk == current ? current.AsSpan(0, used) : chunk;
            foreach (var b in bytes)
            {
                count += (b & 0xC0) != 0x80 ? 1 : 0;
                count += b >= 0xF0 ? 1 : 0;
            }
        }

        return checked((int)count);
    }
}
