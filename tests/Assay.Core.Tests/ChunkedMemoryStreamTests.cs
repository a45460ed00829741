namespace Assay.Core.Tests;

public sealed class ChunkedMemoryStreamTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(ChunkedMemoryStream.LargestChunk)]
    [InlineData(ChunkedMemoryStream.LargestChunk + 1)]
    [InlineData((3 * ChunkedMemoryStream.LargestChunk) + 12_345)]
    public async Task What_is_written_in_uneven_pieces_reads_back_whole_from_the_start_and_from_any_position(int size)
    {
        var data = new byte[size];
        new Random(size).NextBytes(data);
        using var stream = new ChunkedMemoryStream();
        for (var at = 0; at < size;)
        {
            var piece = Math.Min(size - at, 1 + (at % 70_001));
            if (piece == 1)
            {
                stream.WriteByte(data[at]);
            }
            else
            {
                await stream.WriteAsync(data.AsMemory(at, piece));
            }

            at += piece;
        }

        Assert.Equal(size, stream.Length);
        stream.Position = 0;
        var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.Equal(data, copy.ToArray());

        var middle = size / 2;
        stream.Seek(middle, SeekOrigin.Begin);
        var rest = new byte[size - middle + 10];
        var read = 0;
        while (stream.Read(rest, read, rest.Length - read) is > 0 and var n)
        {
            read += n;
        }

        Assert.Equal(data.AsSpan(middle).ToArray(), rest.AsSpan(0, read).ToArray());
    }

    [Fact]
    public void After_Clear_the_stream_holds_only_what_is_written_next_in_the_chunks_it_already_had()
    {
        var first = new byte[(2 * ChunkedMemoryStream.LargestChunk) + 777];
        var second = new byte[ChunkedMemoryStream.LargestChunk + 5];
        new Random(1).NextBytes(first);
        new Random(2).NextBytes(second);
        using var stream = new ChunkedMemoryStream();
        stream.Write(first);

        stream.Clear();
        var before = GC.GetAllocatedBytesForCurrentThread();
        stream.Write(second);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(second.Length, stream.Length);
        Assert.True(allocated < 64 * 1024, $"{allocated} bytes allocated to write into chunks the stream already had (new ones: over 1 MB)");
        stream.Position = 0;
        var copy = new MemoryStream();
        stream.CopyTo(copy);
        Assert.Equal(second, copy.ToArray());

        stream.Clear();
        stream.Write(first); // past what the second write used: the old chunks again, then none new (same total)
        stream.Position = 0;
        copy.SetLength(0);
        stream.CopyTo(copy);
        Assert.Equal(first, copy.ToArray());
    }

    [Fact]
    public void Writing_anywhere_but_the_end_is_refused()
    {
        using var stream = new ChunkedMemoryStream();
        stream.Write([1, 2, 3]);
        stream.Position = 1;

        Assert.Throws<NotSupportedException>(() => stream.Write([4]));
        Assert.Throws<ArgumentOutOfRangeException>(() => stream.Position = 4);
    }
}
