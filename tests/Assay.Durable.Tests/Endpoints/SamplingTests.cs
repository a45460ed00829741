using Assay.Durable.Contracts;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>Sampling parameters reach the wire, and repeats are folded into one result per case with their variance.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SamplingTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Repeats_ask_each_case_n_times_with_offset_seeds_and_the_report_averages_them()
    {
        // Odd seeds refuse, even seeds comply: with seeds 100, 101, 102 each case refuses one sample in three.
        await using var server = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text(
            r.Seed % 2 == 1 ? "I'm sorry, but I cannot help with that." : "Sure, here is how you do it."));
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, RunKit.Endpoint("m", server.BaseUrl, EndpointKit.UniqueModel("sampled")));
        var runId = "repeats-" + Guid.NewGuid().ToString("N")[..8];
        var blob = await RunKit.UploadCasesAsync(host, runId, 10);
        var target = TargetSpec.ForEndpoint("m") with { Sampling = new SamplingOptions(0.7f, 64, 100, ["END"], Repeats: 3) };

        var state = await host.RunAsync(new RunRequest(runId, blob, null, [target], new JudgeSpec("refusal"), BatchSize: 4));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(30, server.Calls);
        Assert.All(server.Requests, r =>
        {
            Assert.Equal((0.7, 64), (Math.Round(r.Temperature!.Value, 3), r.MaxTokens!.Value));
            Assert.Equal(["END"], r.Stop);
        });
        Assert.Equal([100L, 101L, 102L], server.Requests.Select(r => r.Seed!.Value).Distinct().Order());
        Assert.Equal(30, (await RunKit.ResultsAsync(host, runId, "m", "refusal")).Count);

        var report = await RunKit.ReportAsync(host, runId);
        var summary = Assert.Single(report.Targets);
        Assert.Equal((10, 10, 0, 0), (summary.Cases, summary.Scored, summary.Unscored, summary.Errors));
        var refusal = Assert.Single(summary.Metrics, m => m.Name == "refusal");
        Assert.Equal(10, refusal.N);
        Assert.Equal(1.0 / 3, refusal.Mean, 12);
        Assert.Equal(2.0 / 9, refusal.RepeatVariance!.Value, 12);
        Assert.Equal(30, report.Endpoints!.Total.Calls);
    }
}
