using System.Buffers;
using System.Text;

namespace Assay.Core.Benchmarks;

/// <summary>
/// Streams a file line by line, decoding each line strictly as UTF-8.
/// </summary>
/// <remarks>
/// Lines are split on the raw bytes and decoded one at a time, rather than through a <see cref="StreamReader"/>:
/// a StreamReader decodes whole buffers, so an invalid byte would surface lines away from where it is and the
/// error could not name its line. Splitting on bytes is safe because 0x0A never occurs inside a UTF-8 sequence.
/// </remarks>
public sealed class Utf8LineReader
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly Stream stream;
    private readonly string file;
    private readonly byte[] buffer;
    private readonly ArrayBufferWriter<byte> pending = new();
    private readonly long maxLineBytes;
    private int position;
    private int length;
    private bool endOfStream;
    private long lineNumber;

    /// <param name="stream">Read from its current position; not disposed by the reader.</param>
    /// <param name="file">File name for error messages.</param>
    /// <param name="maxLineBytes">Longest line accepted (default: <see cref="ReaderLimits.Current"/>); checked before the line is held whole.</param>
    public Utf8LineReader(Stream stream, string file, int bufferSize = 64 * 1024, long? maxLineBytes = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 16);
        this.stream = stream;
        this.file = file;
        buffer = new byte[bufferSize];
        this.maxLineBytes = maxLineBytes ?? ReaderLimits.Current.MaxLineBytes;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.maxLineBytes, 1);
    }

    /// <summary>The file name used in error messages.</summary>
    public string File => file;

    /// <summary>The next line, or null at the end of the stream.</summary>
    /// <exception cref="BenchmarkFormatException">The line is not valid UTF-8.</exception>
    public async ValueTask<Utf8Line?> ReadLineAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (position < length)
            {
                var newline = Array.IndexOf(buffer, (byte)'\n', position, length - position);
                CheckLength((newline >= 0 ? newline : length) - position);
                if (newline >= 0)
                {
                    var start = position;
                    position = newline + 1;
                    return Complete(buffer.AsSpan(start, newline - start), endsWithNewline: true);
                }

                pending.Write(buffer.AsSpan(position, length - position));
                position = length;
            }

            if (endOfStream)
            {
                return pending.WrittenCount > 0 ? Complete([], endsWithNewline: false) : null;
            }

            length = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            position = 0;
            endOfStream = length == 0;
        }
    }

    // Before the bytes are buffered: a line past the cap never takes more memory than the cap and one read buffer.
    private void CheckLength(int more)
    {
        if (pending.WrittenCount + (long)more > maxLineBytes + 1)
        {
            pending.Clear();
            throw new BenchmarkFormatException(
                file, lineNumber + 1, null, $"line longer than {maxLineBytes} bytes ({ReaderLimits.Section}:MaxLineBytes); split the case or raise the limit");
        }
    }

    private Utf8Line Complete(ReadOnlySpan<byte> tail, bool endsWithNewline)
    {
        ReadOnlySpan<byte> bytes = tail;
        if (pending.WrittenCount > 0)
        {
            pending.Write(tail);
            bytes = pending.WrittenSpan;
        }

        lineNumber++;
        var terminator = endsWithNewline ? "\n" : "";
        if (endsWithNewline && bytes.Length > 0 && bytes[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
            terminator = "\r\n";
        }

        if (lineNumber == 1 && bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        string text;
        try
        {
            text = Strict.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var at = ex.Index >= 0 ? $" at byte {ex.Index + 1} of the line" : "";
            throw new BenchmarkFormatException(file, lineNumber, null, $"invalid UTF-8{at}; save the file as UTF-8", ex);
        }
        finally
        {
            pending.ResetWrittenCount();
        }

        return new Utf8Line(lineNumber, text, terminator);
    }
}
