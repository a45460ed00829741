namespace Assay.Durable.Endpoints;

/// <summary>
/// A write-only stream that keeps nothing and notes whether <c>"max_</c> went through it: a request body without a
/// token limit need not be copied to learn that (issue 19: with a long prompt the body is megabytes).
/// </summary>
internal sealed class TokenLimitScan : Stream
{
    private readonly byte[] carry = new byte[Marker.Length - 1];
    private int carried;

    public bool Found { get; private set; }

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    private static ReadOnlySpan<byte> Marker => "\"max_"u8;

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (Found || buffer.IsEmpty)
        {
            return;
        }

        // The marker may straddle two writes: the end of the last one joined to the start of this one.
        Span<byte> seam = stackalloc byte[2 * carry.Length];
        carry.AsSpan(0, carried).CopyTo(seam);
        var head = buffer[..Math.Min(buffer.Length, carry.Length)];
        head.CopyTo(seam[carried..]);
        seam = seam[..(carried + head.Length)];
        if (seam.IndexOf(Marker) >= 0 || buffer.IndexOf(Marker) >= 0)
        {
            Found = true;
            return;
        }

        var tail = buffer.Length >= carry.Length ? buffer[^carry.Length..] : seam[^Math.Min(seam.Length, carry.Length)..];
        tail.CopyTo(carry);
        carried = tail.Length;
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
