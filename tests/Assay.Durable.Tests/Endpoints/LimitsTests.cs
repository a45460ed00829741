using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>Per-endpoint limits hold across batches and runs sharing one host.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LimitsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Two_runs_in_parallel_never_put_more_than_MaxConcurrency_requests_in_flight()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => new SimulatedReply("Sure: " + r.Messages[^1].Content, Delay: TimeSpan.FromMilliseconds(25)));
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, RunKit.Endpoint("gpu", server.BaseUrl, "gpu-model", maxConcurrency: 4));
        var runs = new List<string> { "par-a-" + Guid.NewGuid().ToString("N")[..8], "par-b-" + Guid.NewGuid().ToString("N")[..8] };
        var blobs = new List<string>();
        foreach (var runId in runs)
        {
            blobs.Add(await RunKit.UploadCasesAsync(host, runId, 60, prefix: runId));
        }

        // Small batches, several in flight per run: many cases compete for the endpoint's 4 slots at once.
        var states = await Task.WhenAll(runs.Zip(blobs).Select(r => host.RunAsync(
            new RunRequest(r.First, r.Second, null, [TargetSpec.ForEndpoint("gpu")], new JudgeSpec("refusal"), BatchSize: 10, MaxInFlight: 6))));

        Assert.All(states, s => Assert.True(s.RuntimeStatus == OrchestrationRuntimeStatus.Completed, s.FailureDetails?.ToString()));
        Assert.Equal(120, server.Calls);
        Assert.Equal(4, server.PeakInFlight); // reached, never passed
    }

    [Fact]
    public async Task RequestsPerMinute_spaces_requests_after_the_burst()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("ok"));
        var options = EndpointKit.Fast(server.BaseUrl, "m");
        options.RequestsPerMinute = 60; // a burst of 10, then one a second
        using var factory = EndpointKit.Factory(null, ("m", options));
        var target = new ChatClientTarget("m", factory.Get("m"));

        await Task.WhenAll(Enumerable.Range(0, 13).Select(i => target.AnswerAsync(new EvalCase { Id = $"{i}", Turns = [$"q{i}"] }, CancellationToken.None)));

        var arrivals = server.Requests.Select(r => r.ReceivedAt).Order().ToList();
        Assert.Equal(13, arrivals.Count);
        Assert.True(arrivals[9] - arrivals[0] < TimeSpan.FromSeconds(1), "the burst should go at once");
        Assert.True(arrivals[12] - arrivals[0] >= TimeSpan.FromSeconds(2.9), $"13 requests took {(arrivals[12] - arrivals[0]).TotalSeconds:F2} s");
    }
}
