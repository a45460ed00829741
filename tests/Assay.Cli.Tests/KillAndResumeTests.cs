using System.Diagnostics;
using Azure.Data.Tables;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// A real process kill in the middle of a run, then the same command again: the run completes from durable state in
/// Azurite, and the endpoints are called again only for the work that was in flight.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class KillAndResumeTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private const int BatchSize = 4;
    private const int MaxInFlight = 4;
    private const int Turns = 2;

    private readonly string work = Directory.CreateTempSubdirectory("assay-kill-").FullName;

    /// <param name="shardBatches">0: every batch in the run's orchestration; 6: 20 batches per target in 4 shards.</param>
    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task A_killed_run_resumes_with_the_same_run_id_and_repeats_at_most_the_in_flight_window(int shardBatches)
    {
        var simulation = new MtBenchSimulation { ModelLatency = TimeSpan.FromMilliseconds(150) };
        await using var model = await SimulatedOpenAIServer.StartAsync(simulation.Model);
        await using var judge = await SimulatedOpenAIServer.StartAsync(simulation.Judge);
        var config = MtBenchEndToEndTests.WriteConfig(work, model, judge);
        var runId = "kill-" + Guid.NewGuid().ToString("N")[..8];
        string[] arguments =
        [
            "run", "--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "local-model", "--judge", "mt-bench:local-judge",
            "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work,
            "--batch-size", BatchSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--max-in-flight", MaxInFlight.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--shard-batches", shardBatches.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];

        using (var first = StartRunner(arguments))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (model.Calls < 60 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(first.HasExited, "the first runner finished before it could be killed");
            first.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
            await first.WaitForExitAsync();
        }

        var callsAtKill = model.Calls;
        Assert.InRange(callsAtKill, 60, 159);

        var resumed = Stopwatch.StartNew();
        using var second = StartRunner(arguments);
        var stderr = second.StandardError.ReadToEndAsync();
        var stdout = second.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await second.WaitForExitAsync(timeout.Token);

        log.WriteLine($"model calls at kill {callsAtKill}, after resume {model.Calls} (judge {judge.Calls}); resume took {resumed.Elapsed.TotalSeconds:F1} s");
        Assert.True(second.ExitCode == 0, await stderr);
        Assert.Contains("resuming", await stderr, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json")));
        var target = report.Targets.Single(t => t.Name == "local-model");
        Assert.Equal(80, target.Cases);
        Assert.Equal(0, target.Errors);
        Assert.Contains("| local-model | 80 |", await stdout, StringComparison.Ordinal);

        const int calls = 80 * Turns;
        // --max-in-flight bounds the work items generating, and twice it those generating or judging (BatchWindow).
        const int window = MaxInFlight * BatchSize * Turns;
        Assert.InRange(model.Calls, calls, calls + window);
        Assert.InRange(judge.Calls, 2 * calls, (2 * calls) + (2 * window)); // the model's turns and the null canary's

        // The shards are the run's sub-orchestrations, under their deterministic ids, and no more of them.
        var instances = new TableClient(azurite.ConnectionString, "assayInstances");
        var shards = new List<string>();
        await foreach (var row in instances.QueryAsync<TableEntity>(e => e.PartitionKey.CompareTo(runId + ":shard:") > 0 && e.PartitionKey.CompareTo(runId + ":shard;") < 0))
        {
            Assert.Equal("Completed", row.GetString("RuntimeStatus"));
            shards.Add(row.PartitionKey);
        }

        Assert.Equal(shardBatches == 0 ? 0 : 4, shards.Count);
    }

    private static Process StartRunner(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(typeof(LocalRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
