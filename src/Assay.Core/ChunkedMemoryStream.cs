namespace Assay.Core;

/// <summary>
/// Bytes gathered in memory (a blob's block before its upload, a CSV field over many lines), in chunks that double
/// from a first one (4 KB by default) up to 1 MB: a little content costs a small buffer, and a lot is never copied. A
/// MemoryStream doubles one array: writing a 15 MB batch held its 16 MB array and the new 32 MB one at once (issue 19:
/// memory per MB of one case). Written from the start, then read (seekable, with its length, so an upload is still
/// one Put Blob) or walked chunk by chunk (<see cref="Segments"/>).
/// </summary>
public sealed class ChunkedMemoryStream(int firstChunk = ChunkedMemoryStream.FirstChunk) : Stream
{
    public const int FirstChunk = 4 * 1024;
    public const int LargestChunk = 1024 * 1024;

    private readonly List<byte[]> chunks = [];
    private long length;
    private long position;
    private int current = -1; // the chunk being written
    private int used; // bytes written into it

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => position = value >= 0 && value <= length ? value : throw new ArgumentOutOfRangeException(nameof(value), value, $"0 to {length}");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (position != length)
        {
            throw new NotSupportedException("Writes go at the end only.");
        }

        while (!buffer.IsEmpty)
        {
            if (current < 0 || used == chunks[current].Length)
            {
                if (++current == chunks.Count)
                {
                    chunks.Add(new byte[chunks.Count == 0 ? firstChunk : Math.Min(LargestChunk, 2 * chunks[^1].Length)]);
                }

                used = 0;
            }

            var count = Math.Min(chunks[current].Length - used, buffer.Length);
            buffer[..count].CopyTo(chunks[current].AsSpan(used));
            buffer = buffer[count..];
            used += count;
            length += count;
        }

        position = length;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer.AsSpan(offset, count));
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>What was written, chunk by chunk, in order (a character may be split between two).</summary>
    public IEnumerable<ReadOnlyMemory<byte>> Segments()
    {
        var left = length;
        for (var i = 0; left > 0; i++)
        {
            var take = (int)Math.Min(chunks[i].Length, left);
            yield return chunks[i].AsMemory(0, take);
            left -= take;
        }
    }

    /// <summary>Empties the stream and keeps its chunks for what is written next (a blob's blocks, one after another).</summary>
    public void Clear()
    {
        (length, position, current, used) = (0, 0, -1, 0);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var read = 0;
        var (chunk, at) = Locate(position);
        while (!buffer.IsEmpty && position < length)
        {
            var count = (int)Math.Min(Math.Min(chunks[chunk].Length - at, buffer.Length), length - position);
            chunks[chunk].AsSpan(at, count).CopyTo(buffer);
            buffer = buffer[count..];
            position += count;
            read += count;
            (chunk, at) = (chunk + 1, 0);
        }

        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => position + offset,
        _ => length + offset,
    };

    public override void SetLength(long value) => throw new NotSupportedException("A chunked buffer only grows by writing.");

    public override void Flush()
    {
    }

    // Walked from the first chunk: an upload reads from the start on, and a seek elsewhere is rare.
    private (int Chunk, int At) Locate(long offset)
    {
        var chunk = 0;
        while (chunk < chunks.Count && offset >= chunks[chunk].Length)
        {
            offset -= chunks[chunk].Length;
            chunk++;
        }

        return (chunk, (int)offset);
    }
}
