using Assay.Core.Benchmarks;
using Assay.Durable.Storage;
using Assay.Testing;
using Azure;
using Azure.Storage.Blobs;

namespace Assay.Durable.Tests.Storage;

[Collection(AzuriteCollection.Name)]
public sealed class BatchCasesTests(AzuriteFixture azurite)
{
    private static readonly EvalCase[] Cases =
    [
        new() { Id = "1", Category = "c", Turns = [new string('x', 200_000)] },
        new() { Id = "2", Category = "c", Turns = ["short", "second turn"] },
    ];

    [Fact]
    public async Task Holders_at_the_same_time_share_one_read_and_the_last_to_let_go_drops_it()
    {
        var container = await ContainerAsync();
        await RunStore.WriteLinesAsync(container, "batch-0.jsonl", Cases, CancellationToken.None);
        var batches = new BatchCases();

        var first = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        var second = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        Assert.Same(first.Cases, second.Cases);
        Assert.Equal(Json(Cases), Json(first.Cases));
        Assert.Equal(1, batches.Held);

        first.Dispose();
        first.Dispose(); // a second dispose does not release the other holder's share
        Assert.Equal(1, batches.Held);
        second.Dispose();
        Assert.Equal(0, batches.Held);

        // Nothing is kept once no one holds it: the next holder reads the blob again.
        using var third = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        Assert.NotSame(second.Cases, third.Cases);
        Assert.Equal(Json(Cases), Json(third.Cases));
    }

    [Fact]
    public async Task A_blob_rewritten_while_held_is_read_again_for_the_next_holder()
    {
        var container = await ContainerAsync();
        await RunStore.WriteLinesAsync(container, "batch-0.jsonl", Cases, CancellationToken.None);
        var batches = new BatchCases();
        using var before = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);

        EvalCase[] rewritten = [Cases[1] with { Id = "3" }];
        await RunStore.WriteLinesAsync(container, "batch-0.jsonl", rewritten, CancellationToken.None);
        using var after = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);

        Assert.Equal(Json(Cases), Json(before.Cases));
        Assert.Equal(Json(rewritten), Json(after.Cases));
        Assert.Equal(2, batches.Held);
    }

    [Fact]
    public async Task Different_blobs_are_not_shared()
    {
        var container = await ContainerAsync();
        await RunStore.WriteLinesAsync(container, "batch-0.jsonl", Cases, CancellationToken.None);
        await RunStore.WriteLinesAsync(container, "batch-1.jsonl", Cases, CancellationToken.None);
        var batches = new BatchCases();

        using var zero = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        using var one = await batches.AcquireAsync(container, "batch-1.jsonl", CancellationToken.None);

        Assert.NotSame(zero.Cases, one.Cases);
        Assert.Equal(2, batches.Held);
    }

    [Fact]
    public async Task A_missing_blob_fails_the_holder_and_leaves_nothing_held()
    {
        var container = await ContainerAsync();
        var batches = new BatchCases();

        var error = await Assert.ThrowsAsync<RequestFailedException>(() => batches.AcquireAsync(container, "absent.jsonl", CancellationToken.None));

        Assert.Equal(404, error.Status);
        Assert.Equal(0, batches.Held);
    }

    [Fact]
    public async Task A_malformed_batch_fails_every_holder_and_a_later_holder_reads_it_again()
    {
        var container = await ContainerAsync();
        await RunStore.WriteTextAsync(container, "batch-0.jsonl", "{\"id\": \"1\", \"turns\": [\"a\"]}\n{not json\n", "application/x-ndjson", CancellationToken.None);
        var batches = new BatchCases();

        // Two holders at once: both are told, and nothing stays held.
        var first = batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        var second = batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => first);
        await Assert.ThrowsAnyAsync<System.Text.Json.JsonException>(() => second);
        Assert.Equal(0, batches.Held);

        await RunStore.WriteLinesAsync(container, "batch-0.jsonl", Cases, CancellationToken.None);
        using var lease = await batches.AcquireAsync(container, "batch-0.jsonl", CancellationToken.None);
        Assert.Equal(Json(Cases), Json(lease.Cases));
    }

    private static string Json(IEnumerable<EvalCase> cases) =>
        string.Join("\n", cases.Select(c => System.Text.Json.JsonSerializer.Serialize(c, Assay.Core.AssayJson.Options)));

    private async Task<BlobContainerClient> ContainerAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("batches-" + Guid.NewGuid().ToString("N")[..8]);
        await container.CreateAsync();
        return container;
    }
}
