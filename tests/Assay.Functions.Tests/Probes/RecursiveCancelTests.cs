using Assay.Functions.Api;
using Assay.Functions.Tests.Api;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Tests.Probes;

/// <summary>
/// Issue 17 finding 3: cancelling a sharded run stops its shards too. Seen failing before the change: the shard
/// sub-orchestrations went on calling the endpoint after the run read as terminated.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RecursiveCancelTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Cancelling_a_sharded_run_stops_its_shards_calling_the_endpoint()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("I can help.", Delay: TimeSpan.FromMilliseconds(150)));
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, RunApiTests.Endpoint("slow", server.BaseUrl.ToString()));
        var functions = new RunApiFunctions(host.Get<RunApi>());
        var runId = "shardcancel-" + Guid.NewGuid().ToString("N")[..8];

        // 160 one-case batches: past the API's 50 batches per shard, so the run evaluates in sub-orchestrations.
        var cases = string.Join('\n', Enumerable.Range(1, 160).Select(i => $$"""{"id":"c{{i}}","turns":["question {{i}}"]}"""));
        await host.UploadAsync($"{runId}/cases.jsonl", BinaryData.FromString(cases));
        var spec = $$"""{"runId":"{{runId}}","benchmark":"{{runId}}/cases.jsonl","targets":["slow"],"judge":"refusal","options":{"batchSize":1,"maxInFlight":4} }""";
        Assert.Equal(202, HttpRequests.Read(await functions.Start(HttpRequests.Post(spec), host.Client, HttpRequests.Context())).Status);

        var shard = $"{runId}:shard:00000";
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while ((await host.Client.GetInstanceAsync(shard) is not { RuntimeStatus: OrchestrationRuntimeStatus.Running } || server.Calls < 4) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.True(server.Calls >= 4, "the shards never started calling the endpoint");
        Assert.Equal(202, HttpRequests.Read(await functions.Cancel(HttpRequests.Post("", $"/api/runs/{runId}/cancel"), runId, host.Client, HttpRequests.Context())).Status);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.WaitAsync(runId)).RuntimeStatus);

        // A terminate is a message each shard processes in its own time (slow on a loaded machine): wait until every
        // shard reads as ended. Calls already in flight may then finish; nothing new may start. Give stragglers a
        // second, then count.
        var shards = new OrchestrationQuery { InstanceIdPrefix = runId + ":shard:", FetchInputsAndOutputs = false };
        var ended = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < ended && await AnyRunningAsync(host.Client, shards))
        {
            await Task.Delay(100);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var atCancel = server.Calls;
        await Task.Delay(TimeSpan.FromSeconds(4));
        var after = server.Calls - atCancel;

        Assert.True(after == 0, $"{after} endpoint calls in the 4 s after the cancel (measured 1 s after the run read as terminated)");
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, (await host.Client.GetInstanceAsync(shard))!.RuntimeStatus);
    }

    private static async Task<bool> AnyRunningAsync(DurableTaskClient client, OrchestrationQuery query)
    {
        await foreach (var instance in client.GetAllInstancesAsync(query))
        {
            if (instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending)
            {
                return true;
            }
        }

        return false;
    }
}
