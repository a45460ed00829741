using Assay.Durable.Storage;
using Assay.Testing;
using Azure.Storage.Blobs;

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

    // A crash in the middle of producing a batch's results.
    private static IEnumerable<string> Failing()
    {
        yield return "first";
        throw new InvalidOperationException("the process died here");
    }
}
