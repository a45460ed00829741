using Assay.Core.RedTeam;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// Suite generation on the in-memory durable host with the generator simulated over HTTP and blobs in Azurite: a chunk
/// already written is reused without a generator call, and a second execution rewrites the same suite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GenerateSuiteOrchestratorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Written_chunks_are_reused_and_the_suite_is_the_same_on_a_second_execution()
    {
        var runId = "suite-" + Guid.NewGuid().ToString("N")[..8];
        var request = new RedTeamSuiteRequest(runId, "generator", PerCell: 1, Seed: 9, Cells: 5, Categories: ["c5"], ChunkSize: 2, MaxInFlight: 2);
        var plan = request.Plan();
        await using var server = await SimulatedOpenAIServer.StartAsync(r =>
            SimulatedReply.Text($"#Prompt: generated for {plan.Cells.Single(c => AstralGenerator.UserMessage(c, 1) == r.Messages[^1].Content).Key}"));
        var settings = new Dictionary<string, string?>
        {
            ["Cache:Enabled"] = "false",
            ["Endpoints:generator:Kind"] = "OpenAICompatible",
            ["Endpoints:generator:BaseUrl"] = server.BaseUrl.ToString(),
            ["Endpoints:generator:Model"] = "generator",
        };
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        // A previous execution got as far as chunk 0 (cells 0 and 1).
        await RunStore.WriteLinesAsync(
            results, RedTeamBlobNames.Chunk(runId, 0),
            plan.Cells.Take(2).Select(c => new GeneratedCellRecord(c.Key, [$"earlier for {c.Key}"], [], null)), CancellationToken.None);

        var first = await RunAsync(host, request, runId + "-1");
        var suite = await ReadSuiteAsync(host, first.SuiteBlob);

        Assert.Equal(3, server.Calls);
        Assert.Equal((5, 5, 5), (first.Cases, first.Cells, first.CellsFull));
        Assert.Equal(plan.Cells.Select(c => $"astral-{c.Key}-1"), suite.Select(c => c.Id));
        Assert.Equal(
            plan.Cells.Select((c, i) => i < 2 ? $"earlier for {c.Key}" : $"generated for {c.Key}"),
            suite.Select(c => c.Turns[0]));
        Assert.All(suite, c => Assert.Equal("drug_abuse,weapons,banned_substance", c.Category));

        var second = await RunAsync(host, request, runId + "-2");

        Assert.Equal(3, server.Calls);
        Assert.Equal(first, second);
        Assert.Equal(suite.Select(c => c.Turns[0]), (await ReadSuiteAsync(host, second.SuiteBlob)).Select(c => c.Turns[0]));
        var coverage = await RunStore.TryReadJsonAsync<SuiteCoverage>(results, first.CoverageBlob, CancellationToken.None);
        Assert.Equal((30, 5, 5), (coverage!.CellsInMatrix, coverage.CellsPlanned, coverage.Prompts));
    }

    private static async Task<RedTeamSuiteResult> RunAsync(InMemoryRunHost host, RedTeamSuiteRequest request, string instanceId)
    {
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(GenerateSuiteOrchestrator), request, new StartOrchestrationOptions(instanceId));
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var state = await host.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, cts.Token);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ErrorMessage);
        return state.ReadOutputAs<RedTeamSuiteResult>()!;
    }

    private static async Task<List<Core.Benchmarks.EvalCase>> ReadSuiteAsync(InMemoryRunHost host, string blob)
    {
        var benchmarks = await host.Store.BenchmarksAsync(CancellationToken.None);
        await using var stream = await benchmarks.GetBlobClient(blob).OpenReadAsync();
        var cases = new List<Core.Benchmarks.EvalCase>();
        await foreach (var c in Core.Benchmarks.AssayJsonl.ReadCasesAsync(stream, blob))
        {
            cases.Add(c);
        }

        return cases;
    }
}
