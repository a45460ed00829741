using System.Diagnostics;
using System.Text.Json;
using Assay.Cli;
using Assay.Cli.Local;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>What one run of the workload measured.</summary>
internal sealed record WorkloadFigures(
    int Cases, TimeSpan Latency, int Concurrency, int Calls, int PeakInFlight, TimeSpan Wall, TimeSpan TreeCpu, TimeSpan SelfCpu,
    long PeakSelfBytes, long PeakTreeBytes, HistorySize History, TimeSpan StorageStart)
{
    public TimeSpan Ideal => TimeSpan.FromTicks(Calls * Latency.Ticks / Concurrency);

    public double Efficiency => Ideal / Wall;
}

/// <summary>
/// N single-turn cases, one target and one MT-Bench judge (no canary: exactly 2N calls), both on one simulated
/// OpenAI-compatible endpoint with latency L that serves at most C requests at once (and Assay's endpoint limit is C),
/// through the local runner (gRPC sidecar, Azure Storage backend) on a fresh in-memory Azurite.
/// </summary>
internal static class AssayWorkload
{
    public const string JudgeMarker = "Rating: [[";

    public static async Task<WorkloadFigures> RunAsync(int cases, TimeSpan latency, int concurrency, int batchSize, int maxInFlight, TextWriter progress, bool cachePerCall = false, int shardBatches = Assay.Durable.Orchestrators.RunEvaluationOrchestrator.DefaultShardBatches, bool storageOnDisk = false)
    {
        var work = Directory.CreateTempSubdirectory("assay-bench-").FullName;
        try
        {
            await using var server = await SimulatedOpenAIServer.StartAsync(Reply(latency), recordRequests: false, maxConcurrency: concurrency);
            var benchmark = Path.Combine(work, "cases.jsonl");
            var run = Guid.NewGuid().ToString("N")[..8];
            await File.WriteAllLinesAsync(benchmark, Enumerable.Range(1, cases).Select(i => $$"""{"id":"c{{i}}","turns":["bench {{run}} question {{i}}"]}"""));
            var config = Path.Combine(work, "settings.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                Endpoints = new { sim = new { Kind = "OpenAICompatible", BaseUrl = server.BaseUrl.ToString(), Model = "sim", MaxConcurrency = concurrency, TimeoutSeconds = 120 } },
                // The runner lists the response cache once; per call (a 404 read each) is the older way, for comparison.
                Cache = new { ListOnce = !cachePerCall },
            }));
            var starting = Stopwatch.StartNew();
            // In memory by default; on disk (in the work folder) for runs whose storage would not fit in memory.
            await using var azurite = await AzuriteProcess.StartAsync(storageOnDisk ? Path.Combine(work, "azurite") : null, CancellationToken.None);
            var storageStart = starting.Elapsed;
            GC.Collect();
            ProcessMemory.ResetPeak();
            using var sampler = new TreeMemorySampler(Environment.ProcessId);

            var cpuBefore = ProcessCpu.OfTree(Environment.ProcessId);
            var selfBefore = ProcessCpu.OfProcess(Environment.ProcessId);
            var clock = Stopwatch.StartNew();
            var exit = await CliEntryPoint.RunAsync(
                new LocalRunOptions
                {
                    Benchmark = benchmark,
                    Targets = ["sim"],
                    Judge = "mt-bench:sim",
                    Storage = azurite.ConnectionString,
                    ConfigFile = config,
                    BatchSize = batchSize,
                    MaxInFlight = maxInFlight,
                    NoCanary = true,
                    RunId = "bench-" + run,
                    ShardBatches = shardBatches,
                },
                TextWriter.Null,
                progress,
                CancellationToken.None);
            clock.Stop();
            var cpu = ProcessCpu.OfTree(Environment.ProcessId) - cpuBefore;
            var self = ProcessCpu.OfProcess(Environment.ProcessId) - selfBefore;
            if (exit != 0)
            {
                throw new InvalidOperationException($"the run failed with exit code {exit}");
            }

            var peakTree = sampler.Stop();
            var history = await HistorySize.MeasureAsync(azurite.ConnectionString, "assay");
            return new WorkloadFigures(
                cases, latency, concurrency, server.Calls, server.PeakInFlight, clock.Elapsed, cpu, self, ProcessMemory.PeakResidentBytes(), peakTree, history, storageStart);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>The judge's prompt carries MT-Bench's rating format; anything else is a question to the target.</summary>
    public static Func<SimulatedChatRequest, SimulatedReply> Reply(TimeSpan latency) => request =>
        request.Messages.Any(m => m.Content.Contains(JudgeMarker, StringComparison.Ordinal) || m.Content.Contains("rubric", StringComparison.OrdinalIgnoreCase))
            ? new SimulatedReply(request.Messages.Any(m => m.Content.Contains("rubric", StringComparison.OrdinalIgnoreCase))
                ? """{"reason":"The answer is fine.","pass":true,"score":1}"""
                : "The answer is fine.\n\nRating: [[7]]", Delay: latency)
            : new SimulatedReply("A simulated answer to: " + request.Messages[^1].Content, Delay: latency);
}
