using System.Globalization;

namespace Assay.Bench;

/// <summary>
/// Issue #7's scenarios: 1k, 10k and 100k cases (1m on request) × one target × one judge through the local runner on
/// Azurite, each printing efficiency, CPU per case, peak memory and history size (see <see cref="AssayWorkload"/>).
/// Usage: scale [sizes=1k,10k,100k] [--latency-ms 1000] [--concurrency 64] [--batch 50] [--in-flight 16] [--shard-batches 50] [--cache-per-call] [--on-disk]
/// </summary>
internal static class Scale
{
    public static async Task<int> RunAsync(string[] args)
    {
        var sizes = (args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !IsOptionValue(args, a)) ?? "1k,10k,100k")
            .Split(',', StringSplitOptions.RemoveEmptyEntries).Select(ParseSize).ToList();
        var latency = TimeSpan.FromMilliseconds(Option(args, "--latency-ms", 1000));
        var concurrency = Option(args, "--concurrency", 64);
        var batch = Option(args, "--batch", 50);
        var inFlight = Option(args, "--in-flight", 16);
        var shardBatches = Option(args, "--shard-batches", Assay.Durable.Orchestrators.RunEvaluationOrchestrator.DefaultShardBatches);
        Console.WriteLine($"L = {latency.TotalMilliseconds} ms, C = {concurrency}, batch {batch}, {inFlight} batches in flight, {(shardBatches > 0 ? $"shards of {shardBatches} batches" : "no shards")}, Azurite {(args.Contains("--on-disk") ? "on disk" : "in memory")}, {Environment.ProcessorCount} cores");
        Console.WriteLine("   cases     calls  peak C     wall    ideal  effic.  CPU/case (all|runner)  peak MB (runner|tree)  history: instances rows max/inst  MB  load");
        foreach (var cases in sizes)
        {
            var f = await AssayWorkload.RunAsync(cases, latency, concurrency, batch, inFlight, args.Contains("--progress") ? Console.Error : TextWriter.Null, args.Contains("--cache-per-call"), shardBatches, args.Contains("--on-disk"));
            Console.WriteLine(Row(f));
        }

        return 0;
    }

    public static string Row(WorkloadFigures f) => string.Create(CultureInfo.InvariantCulture,
        $"{f.Cases,8} {f.Calls,9} {f.PeakInFlight,7} {f.Wall.TotalSeconds,7:F1}s {f.Ideal.TotalSeconds,7:F1}s {f.Efficiency,7:F3}  " +
        $"{f.TreeCpu.TotalMilliseconds / f.Cases,8:F2} | {f.SelfCpu.TotalMilliseconds / f.Cases,5:F2} ms  " +
        $"{f.PeakSelfBytes / 1048576.0,10:F0} | {f.PeakTreeBytes / 1048576.0,6:F0}       " +
        $"{f.History.Instances,9} {f.History.Rows,6} {f.History.LargestInstanceRows,8} {f.History.Bytes / 1048576.0,4:F1}  {Load()}");

    /// <summary>The 1-minute load average: the machine is shared, so wall-time figures need it beside them.</summary>
    public static string Load() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    private static int ParseSize(string size) => size.ToLowerInvariant() switch
    {
        var s when s.EndsWith('m') => int.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000_000,
        var s when s.EndsWith('k') => int.Parse(s[..^1], CultureInfo.InvariantCulture) * 1_000,
        var s => int.Parse(s, CultureInfo.InvariantCulture),
    };

    internal static int Option(string[] args, string name, int fallback) =>
        Array.IndexOf(args, name) is >= 0 and var i && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;

    private static bool IsOptionValue(string[] args, string value) =>
        Array.IndexOf(args, value) is > 0 and var i && args[i - 1].StartsWith("--", StringComparison.Ordinal);
}
