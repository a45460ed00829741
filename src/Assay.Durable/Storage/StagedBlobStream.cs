using Assay.Core;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Assay.Durable.Storage;

/// <summary>
/// A blob written as it is produced and published whole by <see cref="PublishAsync"/>: content up to one block is
/// uploaded in one Put Blob, as before; beyond that, each full block is staged as it fills (uncommitted blocks are
/// invisible to readers) and one Put Block List publishes them all. Nothing is published if the writer stops before
/// <see cref="PublishAsync"/>.
/// </summary>
/// <remarks>
/// Issue 19: a batch blob holding a 40 MB case was gathered whole in memory before its upload, a copy of the case
/// on top of the case itself at the run's peak. Block ids carry a per-writer prefix, so two writers of the same blob
/// (a re-executed activity beside the first) never commit each other's blocks. A block that fills inside one long
/// record is staged by the synchronous <see cref="Write(ReadOnlySpan{byte})"/> (the JSON writer flushes long strings
/// synchronously from within its converter); only content over a block does that.
/// </remarks>
internal sealed class StagedBlobStream(BlockBlobClient blob, int blockBytes = StagedBlobStream.BlockBytes) : Stream
{
    public const int BlockBytes = 4 * 1024 * 1024;

    private readonly string writer = Guid.NewGuid().ToString("N");
    private readonly List<string> blocks = [];
    private readonly ChunkedMemoryStream pending = new();
    private long length;

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => length;

    public override long Position { get => length; set => throw new NotSupportedException(); }

    /// <summary>Blocks staged so far (0 when the content fits one Put Blob).</summary>
    public int StagedBlocks => blocks.Count;

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Append(buffer)..];
            if (pending.Length == blockBytes)
            {
                blob.StageBlock(NextBlock(), pending);
                pending.Clear();
            }
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (!buffer.IsEmpty)
        {
            buffer = buffer[Append(buffer.Span)..];
            if (pending.Length == blockBytes)
            {
                await blob.StageBlockAsync(NextBlock(), pending, cancellationToken: cancellationToken).ConfigureAwait(false);
                pending.Clear();
            }
        }
    }

    public override void WriteByte(byte value) => Write([value]);

    /// <summary>Publishes everything written: one Put Blob, or the last block staged and one Put Block List.</summary>
    public async Task PublishAsync(string contentType, CancellationToken ct)
    {
        var headers = new BlobHttpHeaders { ContentType = contentType };
        if (blocks.Count == 0)
        {
            pending.Position = 0;
            await blob.UploadAsync(pending, new BlobUploadOptions { HttpHeaders = headers }, ct).ConfigureAwait(false);
            return;
        }

        if (pending.Length > 0)
        {
            await blob.StageBlockAsync(NextBlock(), pending, cancellationToken: ct).ConfigureAwait(false);
        }

        await blob.CommitBlockListAsync(blocks, new CommitBlockListOptions { HttpHeaders = headers }, ct).ConfigureAwait(false);
    }

    // What is pending becomes the next block, under an id of this writer's own. Once staged, its buffer is cleared and
    // filled again: a new one per block left 1 MB chunks behind for the GC, 40 MB of them for a 40 MB case's batch.
    private string NextBlock()
    {
        pending.Position = 0;
        var id = Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{writer}-{blocks.Count:D6}"));
        blocks.Add(id);
        return id;
    }

    // Appends what fits in the current block; returns how much that was.
    private int Append(ReadOnlySpan<byte> buffer)
    {
        var take = (int)Math.Min(buffer.Length, blockBytes - pending.Length);
        pending.Write(buffer[..take]);
        length += take;
        return take;
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            pending.Dispose();
        }

        base.Dispose(disposing);
    }
}
