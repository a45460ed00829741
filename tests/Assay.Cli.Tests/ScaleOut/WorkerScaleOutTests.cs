using System.Globalization;
using System.Text.Json;
using Assay.Core.Reports;
using Assay.Testing;
using Azure.Storage.Blobs;

namespace Assay.Cli.Tests.ScaleOut;

/// <summary>
/// Scale-out on the same engine (issue 15): <c>assay run</c> and two <c>assay worker</c> processes share one task hub on
/// one Azurite; a worker is killed with SIGKILL while it has endpoint calls open. The run must finish with the report
/// of an uninterrupted run, and the endpoints must see no request twice beyond what the killed worker had in flight:
/// its open calls and the calls it had answered whose answers were not yet in the response cache. Each process has its
/// own API key in its own configuration, so the endpoints tell the processes apart.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerScaleOutTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private const int Cases = 80;
    private const string RunKey = "Bearer key-run";
    private static readonly string[] WorkerKeys = ["Bearer key-w1", "Bearer key-w2"];

    private readonly string work = Directory.CreateTempSubdirectory("assay-workers-").FullName;

    /// <summary>Each distinct request's answer, as the endpoints sent it.</summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> replies = new(StringComparer.Ordinal);

    [Fact]
    public async Task Three_workers_with_one_killed_lose_no_case_and_repeat_only_its_calls_in_flight()
    {
        var simulation = new MtBenchSimulation { ModelLatency = TimeSpan.FromMilliseconds(150) };
        // Each run's answers carry its seed, so its judge calls are its own too (a repeated call is visible as such).
        await using var model = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var reply = simulation.Model(request);
            return Remember(request, reply with { Content = string.Create(CultureInfo.InvariantCulture, $"{reply.Content} [run {request.Seed:D4}]") });
        });
        // Every judge verdict names the request it answers, so an answer is found in the response cache by its text.
        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var reply = simulation.Judge(request);
            return Remember(request, reply with { Content = string.Create(CultureInfo.InvariantCulture, $"{reply.Content}\n(verdict {Key(request).GetHashCode(StringComparison.Ordinal):x8})") });
        });
        var hub = "scale" + Guid.NewGuid().ToString("N")[..10];

        using var worker1 = StartWorker(hub, Config("w1", model, judge));
        using var worker2 = StartWorker(hub, Config("w2", model, judge));
        await Task.WhenAll(
            worker1.WaitForLineAsync($"on task hub {hub}", TimeSpan.FromSeconds(60)),
            worker2.WaitForLineAsync($"on task hub {hub}", TimeSpan.FromSeconds(60)));

        // The uninterrupted run every other report must equal: the same three processes, nobody killed.
        var reference = await RunAsync(hub, "reference", seed: 1000, model, judge, killDuring: null);
        var callsBefore = (model.Requests.Count, judge.Requests.Count);
        Assert.Contains("shared with 2 workers", reference.Errors, StringComparison.Ordinal);

        // Work spread: with all three up, every process called the endpoints (activities go to whoever dequeues them).
        var referenceByProcess = model.Requests.Concat(judge.Requests).GroupBy(r => r.Authorization ?? "none").ToDictionary(g => g.Key, g => g.Count());
        log.WriteLine($"reference: calls by process {Describe(referenceByProcess)}; partitions {await PartitionsAsync(hub)}");
        foreach (var key in WorkerKeys.Append(RunKey))
        {
            Assert.True(referenceByProcess.GetValueOrDefault(key) > 0, $"{key} made no call: {Describe(referenceByProcess)}");
        }

        var killed = new KillRecord();
        var run = await RunAsync(hub, "killed", seed: 1, model, judge, killDuring: ([worker1, worker2], killed));
        Assert.True(killed.Landed, "neither worker was seen with calls open after a third of the run's calls, so none was killed mid-run");
        var survivor = killed.Worker == 0 ? worker2 : worker1;
        Assert.Equal(Comparable(reference.RunId), Comparable(run.RunId));
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, run.RunId, "report.json")));
        Assert.Equal(Cases, report.Targets.Single(t => t.Name == "local-model").Cases);
        Assert.Equal(0, report.Targets.Single(t => t.Name == "local-model").Errors);

        // The killed run's requests only (the reference's carry seed 1000 in the model's seed and in the judged answers).
        var requests = model.Requests.Skip(callsBefore.Item1).Concat(judge.Requests.Skip(callsBefore.Item2)).ToList();
        var distinct = requests.Select(Key).Distinct(StringComparer.Ordinal).Count();
        var duplicates = requests.Count - distinct;
        var byProcess = requests.GroupBy(r => r.Authorization ?? "none").ToDictionary(g => g.Key, g => g.Count());
        log.WriteLine($"calls {requests.Count}, distinct {distinct}, duplicates {duplicates}; worker {killed.Worker + 1} killed: open {killed.Open}, " +
            $"answered and not stored {killed.AnsweredNotStored}; calls by process: {Describe(byProcess)}; partitions at the kill {killed.Partitions}");
        Assert.Equal(Cases * 2 * 2, distinct); // two turns, each answered and judged
        Assert.InRange(duplicates, 0, killed.Open + killed.AnsweredNotStored);
        Assert.True(byProcess.GetValueOrDefault(WorkerKeys[killed.Worker]) > 0, "the killed worker made no call before the kill");

        // The surviving worker stops cleanly on SIGTERM and leaves the registry.
        survivor.Terminate();
        await survivor.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(survivor.ExitCode == 0, survivor.Errors);
        Assert.Contains("stopped", survivor.Errors, StringComparison.Ordinal);
        var registry = new BlobContainerClient(azurite.ConnectionString, "assay-workers");
        var left = new List<string>();
        await foreach (var blob in registry.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, hub + "/", CancellationToken.None))
        {
            left.Add(blob.Name);
        }

        Assert.Single(left); // the killed worker's, until it goes stale
    }

    private async Task<(string RunId, string Errors)> RunAsync(
        string hub, string name, int seed, SimulatedOpenAIServer model, SimulatedOpenAIServer judge, (AssayProcess[] Workers, KillRecord Record)? killDuring)
    {
        var runId = $"{hub}-{name}";
        using var cli = AssayProcess.Start(
        [
            "run", "--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "local-model", "--judge", "mt-bench:local-judge",
            "--no-canary", "--storage", azurite.ConnectionString, "--task-hub", hub, "--config", Config("run", model, judge),
            "--run-id", runId, "--out", work, "--seed", seed.ToString(CultureInfo.InvariantCulture), "--batch-size", "4", "--max-in-flight", "8",
        ]);
        if (killDuring is var (workers, record))
        {
            // Once a third of the run's calls are made, the first worker seen with calls open at the endpoints. Either
            // worker will do: activities go to whichever process dequeues them first, and one of them may get none.
            var start = model.Calls + judge.Calls;
            var starts = (Model: model.Requests.Count, Judge: judge.Requests.Count);
            var deadline = DateTime.UtcNow.AddMinutes(2);
            int Open(int w) => model.InFlightFor(WorkerKeys[w]) + judge.InFlightFor(WorkerKeys[w]);
            while (!cli.HasExited && DateTime.UtcNow < deadline && (model.Calls + judge.Calls - start < Cases * 4 / 3 || (Open(0) == 0 && Open(1) == 0)))
            {
                await Task.Delay(5);
            }

            if (!cli.HasExited)
            {
                var w = Open(0) >= Open(1) ? 0 : 1;
                var key = WorkerKeys[w];
                var (open, calls) = (Open(w), CallsOf(model, judge, key));
                workers[w].Kill();
                record.Partitions = await PartitionsAsync(hub);
                await workers[w].WaitForExitAsync(TimeSpan.FromSeconds(10));
                // Requests that arrived between the count and the kill were open at the kill too.
                record.Open = open + (CallsOf(model, judge, key) - calls);
                // Its answered calls whose answers it had not yet stored are in flight too: a resumed activity asks them again.
                var stored = await new CachedAnswers(azurite.ConnectionString).ReadAsync(CancellationToken.None);
                var unstored = model.Requests.Skip(starts.Model).Concat(judge.Requests.Skip(starts.Judge))
                    .Count(r => r.Authorization == key && !(replies.TryGetValue(Key(r), out var text) && stored.Contains(text)));
                record.AnsweredNotStored = Math.Max(0, unstored - record.Open);
                record.Worker = w;
                record.Landed = open > 0;
            }
        }

        await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));
        Assert.True(cli.ExitCode == 0, cli.Errors);
        log.WriteLine($"{name}: {cli.Errors.ReplaceLineEndings(" | ")}");
        return (runId, cli.Errors);
    }

    private static string Describe(Dictionary<string, int> calls) =>
        string.Join(", ", calls.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key.Replace("Bearer ", string.Empty, StringComparison.Ordinal)} {p.Value}"));

    /// <summary>For the log: each control queue's owner, from the backend's partition table.</summary>
    private async Task<string> PartitionsAsync(string hub)
    {
        var parts = new List<string>();
        await foreach (var row in new Azure.Data.Tables.TableClient(azurite.ConnectionString, hub + "Partitions").QueryAsync<Azure.Data.Tables.TableEntity>())
        {
            parts.Add($"{row.RowKey[^2..]} {row.GetString("CurrentOwner") ?? "none"}");
        }

        return string.Join(", ", parts);
    }

    private static int CallsOf(SimulatedOpenAIServer model, SimulatedOpenAIServer judge, string key) =>
        model.Requests.Concat(judge.Requests).Count(r => r.Authorization == key);

    private AssayProcess StartWorker(string hub, string config) =>
        AssayProcess.Start(["worker", "--storage", azurite.ConnectionString, "--task-hub", hub, "--config", config]);

    /// <summary>One configuration per process, as on separate machines: the same endpoints, each with its own key.</summary>
    private string Config(string process, SimulatedOpenAIServer model, SimulatedOpenAIServer judge)
    {
        var path = Path.Combine(work, $"{process}.settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-model", ApiKey = $"key-{process}", MaxConcurrency = 8 },
                ["local-judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "sim-judge", ApiKey = $"key-{process}", MaxConcurrency = 8 },
            },
        }));
        return path;
    }

    private SimulatedReply Remember(SimulatedChatRequest request, SimulatedReply reply)
    {
        replies[Key(request)] = reply.Content!;
        return reply;
    }

    private static string Key(SimulatedChatRequest r) =>
        $"{r.Model}\n{r.Seed}\n{r.Temperature}\n{string.Join("\n\u0001", r.Messages.Select(m => m.Role + ":" + m.Content))}";

    // The parts of a report a kill must not change: targets, counts, metrics (mean and interval), categories, causes.
    private string Comparable(string runId)
    {
        var report = ReportJson.Deserialize(File.ReadAllText(Path.Combine(work, runId, "report.json")));
        return JsonSerializer.Serialize(new { report.Targets, report.ErrorCauses });
    }

    public void Dispose() => Directory.Delete(work, recursive: true);

    private sealed class KillRecord
    {
        public bool Landed { get; set; }

        public int Open { get; set; }

        public int AnsweredNotStored { get; set; }

        public int Worker { get; set; }

        public string Partitions { get; set; } = string.Empty;
    }
}
