using System.Text;
using System.Text.Unicode;

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
    private byte[] pending = [];
    private int held; // bytes of the current line gathered in pending
    private readonly long maxLineBytes;
    private const long LargestGuess = 64L * 1024 * 1024;

    private readonly long? streamBytes;
    private long bytesRead;
    private int position;
    private int length;
    private bool endOfStream;
    private long lineNumber;

    /// <param name="stream">Read from its current position; not disposed by the reader.</param>
    /// <param name="file">File name for error messages.</param>
    /// <param name="maxLineBytes">Longest line accepted (default: <see cref="ReaderLimits.Current"/>); checked before the line is held whole.</param>
    /// <param name="streamBytes">
    /// How many bytes the stream holds from its current position, for a stream that cannot say (a download whose
    /// length came in its response); a seekable stream's own length is used otherwise. Only sizes the line buffer.
    /// </param>
    public Utf8LineReader(Stream stream, string file, int bufferSize = 64 * 1024, long? maxLineBytes = null, long? streamBytes = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfLessThan(bufferSize, 16);
        this.stream = stream;
        this.file = file;
        buffer = new byte[bufferSize];
        this.maxLineBytes = maxLineBytes ?? ReaderLimits.Current.MaxLineBytes;
        ArgumentOutOfRangeException.ThrowIfLessThan(this.maxLineBytes, 1);
        this.streamBytes = streamBytes ?? (stream.CanSeek ? stream.Length - stream.Position : null);
    }

    /// <summary>The file name used in error messages.</summary>
    public string File => file;

    /// <summary>The next line, or null at the end of the stream.</summary>
    /// <exception cref="BenchmarkFormatException">The line is not valid UTF-8.</exception>
    public async ValueTask<Utf8Line?> ReadLineAsync(CancellationToken cancellationToken = default) =>
        await ReadLineBytesAsync(cancellationToken).ConfigureAwait(false) is { } line
            ? new Utf8Line(line.Number, Strict.GetString(line.Bytes.Span), line.Terminator)
            : null;

    /// <summary>
    /// The next line as its UTF-8 bytes (checked to be valid UTF-8, without terminator or BOM), or null at the end
    /// of the stream. The bytes are the reader's own buffer: valid only until the next read. For a parser that takes
    /// UTF-8 (JSON), this saves decoding a long line to a string and encoding it back.
    /// </summary>
    /// <exception cref="BenchmarkFormatException">The line is not valid UTF-8.</exception>
    public async ValueTask<Utf8LineBytes?> ReadLineBytesAsync(CancellationToken cancellationToken = default)
    {
        held = 0; // the previous line's bytes, handed out until now
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
                    return Complete(buffer.AsMemory(start, newline - start), endsWithNewline: true);
                }

                Hold(buffer.AsSpan(position, length - position));
                position = length;
            }

            if (endOfStream)
            {
                return held > 0 ? Complete(ReadOnlyMemory<byte>.Empty, endsWithNewline: false) : null;
            }

            length = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            bytesRead += length;
            position = 0;
            endOfStream = length == 0;
        }
    }

    /// <summary>
    /// The bytes of the line just read (<paramref name="line"/>, the last one returned) as memory the caller keeps:
    /// a line gathered in the reader's long-line buffer is handed over, not copied (a 15 MB case is not held twice
    /// while it is parsed), and the reader starts a new buffer for the next long line; a short line, or one that fills
    /// less than half of that buffer, is copied.
    /// </summary>
    public ReadOnlyMemory<byte> Keep(Utf8LineBytes line)
    {
        if (line.Number != lineNumber)
        {
            throw new InvalidOperationException($"line {line.Number} is not the last line read ({lineNumber})");
        }

        // A buffer sized to a guess larger than twice its line stays here for the next one: the caller gets a copy.
        if (held == 0 || !pending.AsSpan(0, held).Overlaps(line.Bytes.Span) || line.Bytes.Length < pending.Length / 2)
        {
            return line.Bytes.ToArray();
        }

        pending = [];
        held = 0;
        return line.Bytes;
    }

    // Before the bytes are buffered: a line past the cap never takes more memory than the cap and one read buffer.
    private void CheckLength(int more)
    {
        if (held + (long)more > maxLineBytes + 1)
        {
            held = 0;
            throw new BenchmarkFormatException(
                file, lineNumber + 1, null, $"line longer than {maxLineBytes} bytes ({ReaderLimits.Section}:MaxLineBytes); split the case or raise the limit");
        }
    }

    // A line longer than the read buffer is gathered in pending. Doubling alone allocates about the line again in
    // garbage, for every long line read (issue 19: a 15 MB case, read 7 times in a run, made 200 MB of it). When the
    // stream's length is known, pending is sized once to what is left of it (the line can be no longer), up to the
    // line cap and LargestGuess; beyond that it doubles until what is left is within a few times its size. The array
    // is not zeroed: the part of a guess no line reaches is address space, never touched. Only a line already longer
    // than the read buffer is a long line: a short one that straddles two reads is held in a buffer of the read
    // buffer's size (sized to the rest of the file, a 40 MB file of short lines took 40 MB of the heap's budget).
    private void Hold(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > pending.Length - held)
        {
            long needed = held + bytes.Length;
            var size = Math.Max(Math.Max(2L * pending.Length, needed), buffer.Length);
            if (needed > buffer.Length && streamBytes is { } total && needed + Math.Max(0, total - bytesRead) is var most && (most <= LargestGuess || most <= 4 * size))
            {
                size = Math.Max(most, needed);
            }

            var larger = GC.AllocateUninitializedArray<byte>((int)Math.Min(Math.Min(size, maxLineBytes + 1), Array.MaxLength));
            pending.AsSpan(0, held).CopyTo(larger);
            pending = larger;
        }

        bytes.CopyTo(pending.AsSpan(held));
        held += bytes.Length;
    }

    private Utf8LineBytes Complete(ReadOnlyMemory<byte> tail, bool endsWithNewline)
    {
        var bytes = tail;
        if (held > 0)
        {
            Hold(tail.Span);
            bytes = pending.AsMemory(0, held);
        }

        lineNumber++;
        var terminator = endsWithNewline ? "\n" : "";
        if (endsWithNewline && bytes.Length > 0 && bytes.Span[^1] == (byte)'\r')
        {
            bytes = bytes[..^1];
            terminator = "\r\n";
        }

        if (lineNumber == 1 && bytes.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        if (!Utf8.IsValid(bytes.Span))
        {
            held = 0;
            throw InvalidUtf8(bytes.Span);
        }

        return new Utf8LineBytes(lineNumber, bytes, terminator);
    }

    // Decoding again only to learn where the first bad byte is, as the message says.
    private BenchmarkFormatException InvalidUtf8(ReadOnlySpan<byte> bytes)
    {
        try
        {
            Strict.GetCharCount(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            var at = ex.Index >= 0 ? $" at byte {ex.Index + 1} of the line" : "";
            return new BenchmarkFormatException(file, lineNumber, null, $"invalid UTF-8{at}; save the file as UTF-8", ex);
        }

        return new BenchmarkFormatException(file, lineNumber, null, "invalid UTF-8; save the file as UTF-8");
    }
}
