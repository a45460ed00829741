using Assay.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Cli.Tests;

/// <summary>
/// The response cache through the built CLI: how many storage writes a call's answer costs now that each answer is
/// stored before its call counts as done (no timer window), and that <c>--no-cache</c> bypasses it for every call of
/// the run, the null canary's judge calls included.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CacheDurabilityTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-cache-").FullName;

    [Fact]
    public async Task Every_answer_is_stored_at_most_one_write_per_call_and_no_cache_reasks_every_call_including_the_canary()
    {
        // Model and judge are simulated endpoints in processes of their own (which read MT-Bench too: skip here first without it).
        var questions = Datasets.File("mt_bench", "question.jsonl");
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour { MtBench = "model" });
        await using var judge = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour { MtBench = "judge" });
        var config = MtBenchEndToEndTests.WriteConfig(work, model.BaseUrl, judge.BaseUrl);
        string[] Arguments(string runId, params string[] extra) =>
        [
            "run", "--benchmark", questions, "--target", "local-model", "--judge", "mt-bench:local-judge",
            "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work, .. extra,
        ];

        var before = await SegmentsAsync();
        var (exit, _, stderr) = await CliProcess.RunAsync(Arguments("cache-" + Guid.NewGuid().ToString("N")[..8]), TimeSpan.FromMinutes(4));
        Assert.True(exit == 0, stderr);
        var after = await SegmentsAsync();
        var calls = model.Calls + judge.Calls;
        var (writes, entries) = (after.Segments - before.Segments, after.Entries - before.Entries);
        log.WriteLine($"calls {calls} (model {model.Calls}, judge {judge.Calls}); cache entries stored {entries} in {writes} segment writes: {(double)writes / entries:0.###} writes per call");
        Assert.Equal(160, model.Calls);
        Assert.Equal(320, judge.Calls);
        Assert.Equal(calls, entries); // every answered call is in storage once the run is done
        Assert.InRange(writes, 1, entries); // at most one storage write per call

        // --no-cache: the model's 160 turns, its 160 verdicts and the canary's 160 verdicts are all asked again.
        var (again, _, againErrors) = await CliProcess.RunAsync(Arguments("nocache-" + Guid.NewGuid().ToString("N")[..8], "--no-cache"), TimeSpan.FromMinutes(4));
        Assert.True(again == 0, againErrors);
        Assert.Equal(320, model.Calls);
        Assert.Equal(640, judge.Calls);
    }

    private async Task<(int Segments, int Entries)> SegmentsAsync()
    {
        var container = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("cache");
        if (!(await container.ExistsAsync()).Value)
        {
            return (0, 0);
        }

        var (segments, entries) = (0, 0);
        await foreach (var blob in container.GetBlobsAsync(new GetBlobsOptions { Traits = BlobTraits.Metadata }))
        {
            if (blob.Name.Contains("/segments/", StringComparison.Ordinal))
            {
                segments++;
                entries += blob.Metadata.TryGetValue("hashes", out var hashes) ? hashes.Length / 32 : 0;
            }
        }

        return (segments, entries);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
