using Assay.Cli.Local;
using Assay.Testing;
using Azure.Data.Tables;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace Assay.Cli.Tests.SubOrchestrations;

/// <summary>
/// Sub-orchestrations through the local runner (gRPC sidecar over the Azure Storage backend on Azurite): a parent
/// calls two children that each call an activity. The in-memory test host never exercised the backend's message
/// serialisation or its history table, which is where sub-orchestrations broke.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostSubOrchestrationTests(AzuriteFixture azurite, ITestOutputHelper log)
{
    [Fact]
    public async Task A_parent_orchestration_completes_with_the_results_of_its_child_orchestrations()
    {
        var hub = "suborch" + Guid.NewGuid().ToString("N")[..10];
        var options = new LocalHostOptions
        {
            TaskHubName = hub,
            ConfigureTasks = r => r
                .AddOrchestrator<ProbeParentOrchestrator>()
                .AddOrchestrator<ProbeChildOrchestrator>()
                .AddActivity<ProbeUpperActivity>(),
        };

        // Before the fix the parent hung; with it the run takes ~2 s.
        var final = await LocalHostProbe.RunAsync(azurite, options, log, nameof(ProbeParentOrchestrator), "x");
        var id = final?.InstanceId;

        var rows = await HistoryRowsAsync(hub);
        var history = string.Join("\n", rows.Select(Describe));
        log.WriteLine(history);
        Assert.True(final?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            $"parent ended as {final?.RuntimeStatus.ToString() ?? "missing"}: {final?.FailureDetails?.ErrorMessage}\n{history}");
        Assert.Equal("X-A|X-B", final!.ReadOutputAs<string>());

        // Every event row must say what it is, or the backend cannot load the history again (the sentinel row is
        // the backend's own checkpoint marker, never an event).
        Assert.All(rows.Where(r => r.RowKey != "sentinel"), r => Assert.NotNull(r.GetString("EventType")));
        // The tags the parent gave the first child arrive with it, as plain data.
        var childStart = Assert.Single(rows, r => r.PartitionKey == id + ":a" && r.GetString("EventType") == "ExecutionStarted");
        Assert.Contains("\"shard\":\"a\"", childStart.GetString("Tags"), StringComparison.Ordinal);
    }

    /// <summary>Every row of the hub's History table: what the backend will read back when it replays.</summary>
    private async Task<List<TableEntity>> HistoryRowsAsync(string hub)
    {
        var table = new TableServiceClient(azurite.ConnectionString).GetTableClient(hub + "History");
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }

    private static string Describe(TableEntity row)
    {
        var properties = string.Join(",", row.Keys.Where(k => k is not ("odata.etag" or "PartitionKey" or "RowKey" or "Timestamp")));
        return $"{row.PartitionKey} {row.RowKey} {row.GetString("EventType") ?? "<no EventType>"} [{properties}]";
    }
}
