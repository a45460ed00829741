using System.Buffers;
using System.Security.Cryptography;
using System.Text.Json;

namespace Assay.Durable.Endpoints;

/// <summary>
/// A buffer writer that hashes what is written and keeps none of it: a cache key over a 15 MB prompt costs a buffer of
/// the largest single write, not the serialised request (and Utf8JsonWriter asks room for 3× a string written whole,
/// so long texts go through <see cref="Core.LongStringConverter.WriteValue"/> in segments).
/// </summary>
internal sealed class HashingBufferWriter : IBufferWriter<byte>, IDisposable
{
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private byte[] buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);

    public void Advance(int count) => hash.AppendData(buffer, 0, count);

    public Memory<byte> GetMemory(int sizeHint = 0) => Room(sizeHint);

    public Span<byte> GetSpan(int sizeHint = 0) => Room(sizeHint);

    public string HexDigest() => Convert.ToHexStringLower(hash.GetHashAndReset());

    public void Dispose()
    {
        hash.Dispose();
        ArrayPool<byte>.Shared.Return(buffer);
    }

    private byte[] Room(int sizeHint)
    {
        if (sizeHint > buffer.Length)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = ArrayPool<byte>.Shared.Rent(sizeHint);
        }

        return buffer;
    }
}
