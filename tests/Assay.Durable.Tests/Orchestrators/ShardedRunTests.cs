using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>A run with more batches than one shard holds is evaluated in sub-orchestrations, with the same report.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShardedRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_past_the_shard_size_runs_in_shards_and_reports_every_case_once()
    {
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString);
        var runId = "shards-" + Guid.NewGuid().ToString("N")[..8];
        var batches = RunEvaluationOrchestrator.DefaultShardBatches + 7;
        var cases = 2 * batches;
        await host.UploadTextAsync($"{runId}/cases.jsonl", string.Join('\n', Enumerable.Range(1, cases).Select(i =>
            $$"""{"id":"c{{i}}","turns":["question {{i}}"]}""")));

        var state = await host.RunAsync(
            new RunRequest(runId, $"{runId}/cases.jsonl", null, [TargetSpec.Null, TargetSpec.Refuse], new Contracts.JudgeSpec("refusal"), BatchSize: 2, MaxInFlight: 6, ShardBatches: RunEvaluationOrchestrator.DefaultShardBatches),
            TimeSpan.FromMinutes(10));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var result = state.ReadOutputAs<RunResult>()!;
        Assert.Equal(cases, result.Cases);
        Assert.All(result.Targets, t => Assert.Equal((cases, cases, 0, 0), (t.Cases, t.Scored, t.Unscored, t.Errors)));
        Assert.Equal(new RunProgress("done", 2 * batches, 2 * batches, 2 * batches, cases, BatchSize: 2, Window: 6), state.ReadCustomStatusAs<RunProgress>());

        // Two shards, 50 and 7 batches of each target, under deterministic instance ids.
        var shards = new List<ShardResult>();
        for (var shard = 0; shard < 2; shard++)
        {
            var instance = await host.Client.GetInstanceAsync(RunEvaluationOrchestrator.ShardInstanceId(runId, shard), getInputsAndOutputs: true);
            Assert.NotNull(instance);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
            shards.Add(instance.ReadOutputAs<ShardResult>()!);
        }

        Assert.Equal([new ShardResult(100, 100), new ShardResult(14, 14)], shards);
        Assert.Null(await host.Client.GetInstanceAsync(RunEvaluationOrchestrator.ShardInstanceId(runId, 2)));

        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        Assert.Equal(["null", "refuse"], report.Targets.Select(t => t.Name));
        Assert.All(report.Targets, t => Assert.Equal(cases, t.Cases));
    }
}
