using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Assay.Cli;
using Assay.Cli.Local;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>
/// N single-turn cases, one target and one LLM judge on the same simulated endpoint (latency L, at most C requests at
/// once, MaxConcurrency = C), through the local runner on Azurite. The ideal wall time is calls × L ÷ C; efficiency
/// is that over the measured time. CPU per case is this process (runner, durable sidecar, simulated endpoint) plus
/// Azurite, read from /proc.
/// Usage: endpoint-throughput [cases=10000] [latencyMs=100] [concurrency=32] [--no-cache]
/// </summary>
internal static class EndpointThroughput
{
    public static async Task<int> RunAsync(string[] args)
    {
        var numbers = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray();
        var cases = numbers.ElementAtOrDefault(0) is > 0 and var n ? n : 10_000;
        var latency = TimeSpan.FromMilliseconds(numbers.ElementAtOrDefault(1) is > 0 and var l ? l : 100);
        var concurrency = numbers.ElementAtOrDefault(2) is > 0 and var c ? c : 32;
        var noCache = args.Contains("--no-cache");
        using var counter = args.Contains("--profile") ? new StorageRequestCounter() : null;
        var work = Directory.CreateTempSubdirectory("assay-bench-").FullName;
        try
        {
            await using var server = await SimulatedOpenAIServer.StartAsync(request =>
                request.Messages.Any(m => m.Content.Contains("Rating: [[", StringComparison.Ordinal))
                    ? new SimulatedReply("The answer is fine.\n\nRating: [[7]]", Delay: latency)
                    : new SimulatedReply("A simulated answer to: " + request.Messages[^1].Content, Delay: latency));
            var benchmark = Path.Combine(work, "cases.jsonl");
            var run = Guid.NewGuid().ToString("N")[..8];
            await File.WriteAllLinesAsync(benchmark, Enumerable.Range(1, cases).Select(i => $$"""{"id":"c{{i}}","turns":["bench {{run}} question {{i}}"]}"""));
            var config = Path.Combine(work, "settings.json");
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                Endpoints = new { sim = new { Kind = "OpenAICompatible", BaseUrl = server.BaseUrl.ToString(), Model = "sim", MaxConcurrency = concurrency } },
            }));
            await using var azurite = await AzuriteProcess.StartAsync(dataDirectory: null, CancellationToken.None);

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
                    BatchSize = 50,
                    MaxInFlight = 16,
                    NoCache = noCache,
                },
                TextWriter.Null,
                Console.Error,
                CancellationToken.None);
            clock.Stop();
            var cpu = ProcessCpu.OfTree(Environment.ProcessId) - cpuBefore;
            var self = ProcessCpu.OfProcess(Environment.ProcessId) - selfBefore;
            if (exit != 0)
            {
                Console.Error.WriteLine($"the run failed with exit code {exit}");
                return exit;
            }

            var calls = server.Calls;
            var ideal = TimeSpan.FromTicks(calls * latency.Ticks / concurrency);
            Console.WriteLine($"cases {cases}, endpoint latency {latency.TotalMilliseconds} ms, cap {concurrency}, cache {(noCache ? "bypassed" : "on")}");
            Console.WriteLine($"calls {calls} (peak in flight {server.PeakInFlight}), wall {clock.Elapsed.TotalSeconds:F1} s, ideal {ideal.TotalSeconds:F1} s");
            Console.WriteLine($"efficiency {ideal / clock.Elapsed:F3}");
            Console.WriteLine($"CPU {cpu.TotalSeconds:F1} s on {Environment.ProcessorCount} cores = {cpu.TotalMilliseconds / cases:F2} ms per case (runner, sidecar, simulated endpoint and Azurite)");
            Console.WriteLine($"  of which this process {self.TotalMilliseconds / cases:F2} ms per case, Azurite {(cpu - self).TotalMilliseconds / cases:F2} ms per case");
            foreach (var (key, count) in (counter?.Counts ?? new Dictionary<string, int>()).OrderByDescending(c => c.Value))
            {
                Console.WriteLine($"  storage {count,8} {key}");
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }
}
