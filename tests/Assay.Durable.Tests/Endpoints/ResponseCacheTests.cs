using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Testing;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>The content-addressed response cache in blob storage: re-runs, resumed work, bypass, and no secrets.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ResponseCacheTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task An_identical_rerun_makes_no_call_and_no_cache_makes_them_all_again()
    {
        var simulation = new MtBenchSimulation();
        await using var model = await SimulatedOpenAIServer.StartAsync(simulation.Model);
        await using var judge = await SimulatedOpenAIServer.StartAsync(simulation.Judge);
        var settings = RunKit.Merge(RunKit.Endpoint("model", model.BaseUrl, "sim-model"), RunKit.Endpoint("judge", judge.BaseUrl, "sim-judge"));
        settings["Endpoints:judge:ApiKey"] = "cache-test-secret";
        // Calls are counted exactly, so no attempt may time out: at RunKit's 0.5 s a stall of the loaded test process
        // timed out attempts whose request had reached the endpoint, and their retries were counted as extra calls
        // (161-170 of 160, each one an attempt beyond the first). A retry is a new call by design; this test is about the cache.
        settings["Endpoints:model:TimeoutSeconds"] = settings["Endpoints:judge:TimeoutSeconds"] = "60";
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var target = TargetSpec.ForEndpoint("model");

        var first = await RunAsync(host, target);
        Assert.Equal((320, 0, 320), (first.Endpoints!.Total.Calls, first.Endpoints.Total.CacheHits, first.Endpoints.Total.Attempts));
        Assert.Equal((160, 160), (model.Calls, judge.Calls));

        var second = await RunAsync(host, target);
        Assert.Equal((160, 160), (model.Calls, judge.Calls)); // not one more call
        Assert.Equal((320, 320, 0), (second.Endpoints!.Total.Calls, second.Endpoints.Total.CacheHits, second.Endpoints.Total.Attempts));
        Assert.Null(second.Endpoints.Total.Cost);
        Assert.Equal(first.Targets.Select(t => t with { }), second.Targets, new TargetComparer());

        await RunAsync(host, target with { NoCache = true });
        Assert.Equal((320, 320), (model.Calls, judge.Calls));

        // Entries hold answers and usage, never the judge's key.
        var cache = new BlobServiceClient(azurite.ConnectionString).GetBlobContainerClient("cache");
        var scanned = 0;
        await foreach (var blob in cache.GetBlobsAsync())
        {
            var content = (await cache.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
            Assert.DoesNotContain("cache-test-secret", content, StringComparison.Ordinal);
            scanned++;
        }

        Assert.True(scanned >= 320, $"only {scanned} cache entries");
    }

    [Fact]
    public async Task Work_redone_after_a_crash_calls_only_what_had_not_completed()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text("answer to " + r.Messages[^1].Content));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Patient(server.BaseUrl, EndpointKit.UniqueModel("resume"))));
        var target = new ChatClientTarget("m", factory.Get("m"));
        var cases = Enumerable.Range(0, 20).Select(i => new EvalCase { Id = $"{i}", Turns = [$"question {i}"] }).ToList();

        // The first execution completed 8 calls before it died; the redelivered batch asks all 20 again.
        await Task.WhenAll(cases.Take(8).Select(c => target.AnswerAsync(c, CancellationToken.None)));
        var redone = await Task.WhenAll(cases.Select(async c =>
        {
            using var scope = CallScope.Begin(0, bypassCache: false);
            var answer = await target.AnswerAsync(c, CancellationToken.None);
            return (answer, scope.Records!.Single());
        }));

        Assert.Equal(20, server.Calls);
        Assert.All(redone, r => Assert.Equal("answer to question " + r.answer.CaseId, r.answer.Turns.Single()));
        Assert.Equal(8, redone.Count(r => r.Item2.CacheHit));
    }

    [Fact]
    public async Task The_sample_index_and_sampling_parameters_are_part_of_the_key()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text($"n{r.Temperature}"));
        using var factory = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString), ("m", Patient(server.BaseUrl, EndpointKit.UniqueModel("key"))));
        var client = factory.Get("m");
        var messages = new[] { new Microsoft.Extensions.AI.ChatMessage(Microsoft.Extensions.AI.ChatRole.User, "same") };

        foreach (var (repeat, temperature) in new[] { (0, 0f), (1, 0f), (0, 0.5f), (0, 0f), (1, 0f) })
        {
            using var scope = CallScope.Begin(repeat, bypassCache: false);
            await client.GetResponseAsync(messages, new Microsoft.Extensions.AI.ChatOptions { Temperature = temperature });
        }

        Assert.Equal(3, server.Calls);
    }

    [Fact]
    public async Task A_cache_listed_once_answers_entries_written_before_the_listing_and_since()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text("answer to " + r.Messages[^1].Content));
        var model = EndpointKit.UniqueModel("listed");
        var cases = Enumerable.Range(0, 12).Select(i => new EvalCase { Id = $"{i}", Turns = [$"question {i}"] }).ToList();

        // An earlier process answered 5 cases (its own container, so other tests' entries do not count here).
        var container = "cache-" + Guid.NewGuid().ToString("N")[..8];
        using (var earlier = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString, container, listOnce: true), ("m", Patient(server.BaseUrl, model))))
        {
            var target = new ChatClientTarget("m", earlier.Get("m"));
            await Task.WhenAll(cases.Take(5).Select(c => target.AnswerAsync(c, CancellationToken.None)));
        }

        // A new process lists them: they are hits; the 7 others are called once and then hit too.
        using var later = EndpointKit.Factory(EndpointKit.Cache(azurite.ConnectionString, container, listOnce: true), ("m", Patient(server.BaseUrl, model)));
        var resumed = new ChatClientTarget("m", later.Get("m"));
        for (var pass = 0; pass < 2; pass++)
        {
            var hits = await Task.WhenAll(cases.Select(async c =>
            {
                using var scope = CallScope.Begin(0, bypassCache: false);
                var answer = await resumed.AnswerAsync(c, CancellationToken.None);
                Assert.Equal("answer to question " + c.Id, answer.Turns.Single());
                return scope.Records!.Single().CacheHit;
            }));
            Assert.Equal(pass == 0 ? 5 : 12, hits.Count(h => h));
        }

        Assert.Equal(12, server.Calls);
    }

    // These tests count calls exactly: an attempt timed out by a stall of the loaded test process (EndpointKit's 0.5 s)
    // is retried, and the retry is a second call by design (21 of 20 seen once), not a cache miss.
    private static EndpointOptions Patient(Uri baseUrl, string model)
    {
        var options = EndpointKit.Fast(baseUrl, model);
        options.TimeoutSeconds = 60;
        return options;
    }

    private static async Task<Core.Reports.EvaluationReport> RunAsync(InMemoryRunHost host, TargetSpec target)
    {
        var runId = "cache-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/question.jsonl", Datasets.File("mt_bench", "question.jsonl"));
        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/question.jsonl", null, [target], new JudgeSpec("mt-bench", "judge"), Canary: false));
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        return await RunKit.ReportAsync(host, runId);
    }

    private sealed class TargetComparer : IEqualityComparer<Core.Reports.TargetReport>
    {
        public bool Equals(Core.Reports.TargetReport? x, Core.Reports.TargetReport? y) =>
            x is not null && y is not null && (x.Name, x.Cases, x.Scored, x.Unscored, x.Errors) == (y.Name, y.Cases, y.Scored, y.Unscored, y.Errors)
            && x.Metrics.SequenceEqual(y.Metrics);

        public int GetHashCode(Core.Reports.TargetReport obj) => obj.Name.GetHashCode(StringComparison.Ordinal);
    }
}
