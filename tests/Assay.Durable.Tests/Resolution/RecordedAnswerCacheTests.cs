using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Resolution;
using Assay.Durable.Storage;
using Assay.Testing;
using Azure.Storage.Blobs;
using Microsoft.Extensions.Options;

namespace Assay.Durable.Tests.Resolution;

/// <summary>
/// Issue 17 finding 1: recorded answers were cached per target name in a process-wide dictionary that never let go,
/// so one request naming the same file under 300 names kept 300 parsed copies (+359 MB in the review). The first test
/// was seen failing before the change (hundreds of MB kept).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecordedAnswerCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task One_file_named_by_300_targets_is_parsed_and_kept_once()
    {
        var blob = await UploadAsync(answers: 1000, length: 500);
        var resolver = Resolver(maxCacheBytes: 64L * 1024 * 1024);
        var first = (RecordedTarget)await resolver.ResolveAsync(Spec("t0", blob), CancellationToken.None);
        var before = GC.GetTotalMemory(forceFullCollection: true);

        for (var i = 1; i < 300; i++)
        {
            var target = (RecordedTarget)await resolver.ResolveAsync(Spec($"t{i}", blob), CancellationToken.None);
            Assert.Equal($"t{i}", target.Name);
            Assert.Equal(1000, target.Answers.Count);
        }

        var kept = GC.GetTotalMemory(forceFullCollection: true) - before;
        GC.KeepAlive(resolver);
        GC.KeepAlive(first);
        Assert.True(kept < 32L * 1024 * 1024, $"{kept / (1024 * 1024)} MB kept after resolving one 500 KB file under 300 names");
    }

    [Fact]
    public async Task The_cache_holds_at_most_its_byte_budget_and_a_new_version_of_a_blob_is_read_again()
    {
        var blobs = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            blobs.Add(await UploadAsync(answers: 100, length: 1000)); // ~100 KB each
        }

        var resolver = Resolver(maxCacheBytes: 250 * 1024);
        foreach (var blob in blobs)
        {
            await resolver.ResolveAsync(Spec("t", blob), CancellationToken.None);
        }

        Assert.InRange(resolver.RecordedCacheBytes, 1, 250 * 1024);

        // Same name, new content: the ETag differs, so the new answers are served.
        var container = await Store().BenchmarksAsync(CancellationToken.None);
        await container.GetBlobClient(blobs[^1]).UploadAsync(BinaryData.FromString(Answers(3, 10)), overwrite: true);
        var changed = (RecordedTarget)await resolver.ResolveAsync(Spec("t", blobs[^1]), CancellationToken.None);
        Assert.Equal(3, changed.Answers.Count);
    }

    private static TargetSpec Spec(string name, string blob) => new(name, TargetKind.Recorded, RecordedBlob: blob, RecordedFormat: RecordedAnswerFormats.Infer(blob).Name);

    private static string Answers(int count, int length) => string.Join('\n', Enumerable.Range(1, count).Select(i =>
        $$"""{"question_id":{{i}},"model_id":"m","choices":[{"index":0,"turns":["{{new string((char)('a' + (i % 26)), length)}}"]}]}"""));

    private async Task<string> UploadAsync(int answers, int length)
    {
        var name = $"answers/{Guid.NewGuid():N}/model.jsonl";
        var container = await Store().BenchmarksAsync(CancellationToken.None);
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(Answers(answers, length)), overwrite: true);
        return name;
    }

    private RunStore Store() => new(new BlobServiceClient(azurite.ConnectionString), Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }));

    private TargetResolver Resolver(long maxCacheBytes) => new(
        new ChatClientFactory(Options.Create(new EndpointsOptions())),
        new RunStore(
            new BlobServiceClient(azurite.ConnectionString),
            Options.Create(new StorageOptions { ConnectionString = azurite.ConnectionString }),
            Options.Create(new Assay.Durable.Runs.RunLimitsOptions { MaxRecordedCacheBytes = maxCacheBytes })));
}
