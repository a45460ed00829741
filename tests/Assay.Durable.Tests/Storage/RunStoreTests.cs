using Assay.Durable.Storage;
using Assay.Testing;
using System.Text;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;

namespace Assay.Durable.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class RunStoreTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_write_that_fails_midway_publishes_nothing_and_leaves_an_earlier_version_whole()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("runstore-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunStore.WriteLinesAsync(container, "new.jsonl", Failing(), CancellationToken.None));
        await RunStore.WriteLinesAsync(container, "old.jsonl", new[] { "a", "b" }, CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunStore.WriteLinesAsync(container, "old.jsonl", Failing(), CancellationToken.None));

        Assert.False(await RunStore.ExistsAsync(container, "new.jsonl", CancellationToken.None));
        var lines = new List<string>();
        await foreach (var line in RunStore.ReadLinesAsync<string>(container, "old.jsonl", CancellationToken.None))
        {
            lines.Add(line);
        }

        Assert.Equal(["a", "b"], lines);
    }

    [Fact]
    public async Task Records_are_written_as_the_serialised_strings_one_per_line()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("runstore-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();
        var records = new[]
        {
            new Assay.Core.Benchmarks.EvalCase { Id = "1", Category = "c", Turns = [string.Concat(Enumerable.Repeat("\"quoted\" <b> naïve 😀\n", 20_000))] },
            new Assay.Core.Benchmarks.EvalCase { Id = "2", Category = "c", Turns = ["short"] },
        };

        await RunStore.WriteLinesAsync(container, "cases.jsonl", records, CancellationToken.None);

        var written = (await container.GetBlobClient("cases.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.Equal(string.Concat(records.Select(r => System.Text.Json.JsonSerializer.Serialize(r, Assay.Core.AssayJson.Options) + "\n")), written);
    }

    [Fact]
    public async Task Content_over_a_block_is_staged_in_blocks_and_published_byte_for_byte()
    {
        var container = await ContainerAsync();
        var records = new[] { new string('a', 2500), "short", new string('\u00e9', 1800) + "\"\n" };

        await RunStore.WriteLinesAsync(container, "large.jsonl", records, blockBytes: 1000, CancellationToken.None);

        var blob = container.GetBlockBlobClient("large.jsonl");
        var written = (await blob.DownloadContentAsync()).Value;
        var expected = string.Concat(records.Select(r => System.Text.Json.JsonSerializer.Serialize(r, Assay.Core.AssayJson.Options) + "\n"));
        Assert.Equal(expected, written.Content.ToString());
        Assert.Equal("application/x-ndjson", written.Details.ContentType);
        var blocks = (await blob.GetBlockListAsync()).Value.CommittedBlocks.ToList();
        Assert.Equal((Encoding.UTF8.GetByteCount(expected) + 999) / 1000, blocks.Count);
        Assert.All(blocks.SkipLast(1), b => Assert.Equal(1000, b.SizeLong));
    }

    [Fact]
    public async Task A_write_that_fails_after_staging_blocks_publishes_nothing_and_leaves_an_earlier_version_whole()
    {
        var container = await ContainerAsync();
        await RunStore.WriteLinesAsync(container, "old.jsonl", new[] { "a", "b" }, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => RunStore.WriteLinesAsync(container, "old.jsonl", Failing(new string('x', 5000)), blockBytes: 1000, CancellationToken.None));
        await Assert.ThrowsAsync<InvalidOperationException>(() => RunStore.WriteLinesAsync(container, "new.jsonl", Failing(new string('x', 5000)), blockBytes: 1000, CancellationToken.None));

        Assert.False(await RunStore.ExistsAsync(container, "new.jsonl", CancellationToken.None));
        Assert.Equal("\"a\"\n\"b\"\n", (await container.GetBlobClient("old.jsonl").DownloadContentAsync()).Value.Content.ToString());
    }

    [Fact]
    public async Task Of_two_writers_of_one_large_blob_one_publishes_whole_and_the_other_fails_loudly()
    {
        // A re-executed activity writing the same blob beside the first. Publishing a block list discards every
        // other uncommitted block of the blob (Azure's rule), so the slower writer's commit fails: never a mix.
        var container = await ContainerAsync();
        var blob = container.GetBlockBlobClient("answers.jsonl");
        await using var first = new StagedBlobStream(blob, blockBytes: 100);
        await using var second = new StagedBlobStream(blob, blockBytes: 100);

        await first.WriteAsync(Encoding.UTF8.GetBytes(new string('1', 350)));
        await second.WriteAsync(Encoding.UTF8.GetBytes(new string('2', 250)));
        await second.PublishAsync("text/plain", CancellationToken.None);
        var error = await Assert.ThrowsAsync<Azure.RequestFailedException>(() => first.PublishAsync("text/plain", CancellationToken.None));

        Assert.Equal("InvalidBlockList", error.ErrorCode);
        Assert.Equal(4, first.StagedBlocks); // three as it wrote, the last at publishing
        Assert.Equal(new string('2', 250), (await blob.DownloadContentAsync()).Value.Content.ToString());
    }

    private async Task<BlobContainerClient> ContainerAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("runstore-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();
        return container;
    }

    // A crash in the middle of producing a batch's results.
    private static IEnumerable<string> Failing(string first = "first")
    {
        yield return first;
        throw new InvalidOperationException("the process died here");
    }
}
