using System.Diagnostics;
using System.Globalization;
using Assay.Core.Reports;
using Assay.Testing;
using Azure.Storage.Queues;

namespace Assay.Cli.Tests;

/// <summary>
/// The hang of issue 19: a run waiting on tasks whose messages are gone (there, Azurite crashed before saving its
/// queues) waits forever. Reproduced by killing the runner mid-run and deleting every message of the task hub's
/// queues, visible or leased; <c>assay status</c> must call it stuck, and the same <c>assay run</c> again must
/// restart it from its blobs and finish with the full report.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class StuckRunRepairTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-stuck-").FullName;

    [Fact]
    public async Task A_run_whose_pending_messages_were_lost_is_reported_stuck_and_repaired_by_the_resume()
    {
        var simulation = new MtBenchSimulation { ModelLatency = TimeSpan.FromMilliseconds(150) };
        await using var model = await SimulatedOpenAIServer.StartAsync(simulation.Model);
        await using var judge = await SimulatedOpenAIServer.StartAsync(simulation.Judge);
        var config = MtBenchEndToEndTests.WriteConfig(work, model, judge);
        var runId = "stuck-" + Guid.NewGuid().ToString("N")[..8];
        string[] arguments =
        [
            "run", "--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "local-model", "--judge", "mt-bench:local-judge",
            "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work,
            "--batch-size", "4", "--max-in-flight", "4", "--shard-batches", "0",
        ];

        using (var first = CliProcess.Start(arguments))
        {
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (model.Calls < 60 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(first.HasExited, "the first runner finished before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        // The loss: every message of the task hub, visible or leased by the dead runner.
        var queues = new QueueServiceClient(azurite.ConnectionString);
        await foreach (var queue in queues.GetQueuesAsync(prefix: "assay-"))
        {
            await queues.GetQueueClient(queue.Name).ClearMessagesAsync();
        }

        var (statusExit, statusOut, _) = await CliProcess.RunAsync(["status", runId, "--storage", azurite.ConnectionString], TimeSpan.FromMinutes(1));
        log.WriteLine(statusOut);
        Assert.Equal(StatusCommand.StuckExitCode, statusExit);
        Assert.Contains("STUCK", statusOut, StringComparison.Ordinal);
        Assert.Contains("waiting on activity", statusOut, StringComparison.Ordinal);

        var callsBefore = model.Calls;
        var (exit, stdout, stderr) = await CliProcess.RunAsync(arguments, TimeSpan.FromMinutes(4));
        log.WriteLine(stderr);
        Assert.True(exit == 0, stderr);
        Assert.Contains("restarting it from its blobs", stderr, StringComparison.Ordinal);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json")));
        var target = report.Targets.Single(t => t.Name == "local-model");
        Assert.Equal(80, target.Cases);
        Assert.Equal(0, target.Errors);
        Assert.Contains("| local-model | 80 |", stdout, StringComparison.Ordinal);

        // The restart reused the batches' blobs and the cached answers: only the calls in flight at the kill were repeated.
        log.WriteLine($"model calls before the resume {callsBefore}, after {model.Calls}");
        Assert.InRange(model.Calls, 160, 160 + (4 * 4 * 2));

        var (afterExit, afterOut, _) = await CliProcess.RunAsync(["status", runId, "--storage", azurite.ConnectionString], TimeSpan.FromMinutes(1));
        Assert.Equal(0, afterExit);
        Assert.Contains("Completed", afterOut, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}

/// <summary>The built <c>assay</c> as its own process.</summary>
internal static class CliProcess
{
    public static Process Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(LocalRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        return Process.Start(info)!;
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(
        IEnumerable<string> arguments, TimeSpan timeout, IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = Start(arguments, environment);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"assay {string.Join(' ', arguments)} did not finish within {timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {await stderr}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
