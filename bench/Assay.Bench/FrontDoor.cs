using System.Diagnostics;
using System.Globalization;
using Assay.Cli;
using Assay.Testing;
using static System.FormattableString;

namespace Assay.Bench;

/// <summary>
/// Issue 15's measurement as a user meets Assay: N single-turn cases, one target and one LLM judge, each on its own
/// simulated OpenAI-compatible endpoint in its own process (latency L, at most C served at once). promptfoo 0.121.20
/// (llm-rubric, <c>-j C</c>) and then the built <c>assay run</c> with its default options (no storage given, so it
/// starts its own Azurite; <c>--no-canary</c> so both make exactly 2N calls) run one after the other against the same
/// two endpoint processes. The CLI is the .NET tool, packed and installed as the README says (<see cref="InstalledTool"/>).
/// Usage: <c>front-door [2000,10000] [--latency-ms 100] [--concurrency 32] [--no-promptfoo] [--build | --cli PATH]
/// [-- extra assay options]</c>.
/// </summary>
internal static class FrontDoor
{
    public static async Task<int> RunAsync(string[] args)
    {
        var split = Array.IndexOf(args, "--");
        var extra = split >= 0 ? args[(split + 1)..] : [];
        args = split >= 0 ? args[..split] : args;
        var sizes = args.FirstOrDefault(a => a.Length > 0 && char.IsDigit(a[0]) && Array.IndexOf(args, a) is var i && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))) is { } list
            ? list.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray()
            : [2_000, 10_000];
        var latency = TimeSpan.FromMilliseconds(Scale.Option(args, "--latency-ms", 100));
        var concurrency = Scale.Option(args, "--concurrency", 32);
        var withPromptfoo = !args.Contains("--no-promptfoo");
        // The CLI to run: the tool as a user installs it by default; --build for this bench's build of it (run through
        // `dotnet`, as `dotnet run` does), or --cli for another build (an assay.dll, or an executable).
        var other = Array.IndexOf(args, "--cli") is var at and >= 0 && at + 1 < args.Length ? Path.GetFullPath(args[at + 1]) : null;
        var build = args.Contains("--build");
        using var tool = other is null && !build ? await InstalledTool.InstallAsync() : null;
        var cli = other ?? (build ? typeof(LocalRunner).Assembly.Location : tool!.Command);
        var promptfoo = withPromptfoo ? await PromptfooSideBySide.EnsureInstalledAsync() : null;
        Console.WriteLine($"front door: one target and one judge, each its own endpoint process, L = {latency.TotalMilliseconds} ms, C = {concurrency}; " +
                          $"assay {string.Join(' ', ["run", "(defaults)", .. extra])} from {cli}; load {Scale.Load()}");
        Console.WriteLine("| cases | ideal | promptfoo wall | assay wall | assay efficiency | start → 1st call | last call → exit | CPU/call (assay tree) | CPU/call (promptfoo) | peak MB (assay tree) | assay ÷ promptfoo |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var failed = false;
        foreach (var cases in sizes)
        {
            await using var target = await SimulatedEndpointProcess.StartAsync(Workload(latency, concurrency), recordRequests: false);
            await using var judge = await SimulatedEndpointProcess.StartAsync(Workload(latency, concurrency), recordRequests: false);
            var ideal = TimeSpan.FromTicks(2L * cases * latency.Ticks / concurrency);
            ClientFigures? theirs = null;
            if (promptfoo is not null)
            {
                theirs = await MeasureAsync(target, judge, cases, work => PromptfooSideBySide.Command(promptfoo, work, target.BaseUrl, judge.BaseUrl, concurrency, cases));
            }

            var ours = await MeasureAsync(target, judge, cases, work => AssayCommand(cli, work, target.BaseUrl, judge.BaseUrl, concurrency, cases, extra));
            failed |= ours.Exit != 0 || ours.Calls != 2 * cases || theirs is { Exit: not 0 };
            var promptfooWall = theirs is null ? "–" : Invariant($"{theirs.Wall.TotalSeconds:F1} s");
            var promptfooCpu = theirs is null ? "–" : Invariant($"{theirs.CpuPerCall.TotalMilliseconds:F2} ms");
            var ratio = theirs is null ? "–" : Invariant($"**{theirs.Wall / ours.Wall:F2}**");
            Console.WriteLine(Invariant(
                $"| {cases:N0} | {ideal.TotalSeconds:F1} s | {promptfooWall} | {ours.Wall.TotalSeconds:F1} s | {ideal / ours.Wall:F3} | {ours.ToFirstCall.TotalSeconds:F2} s | {ours.AfterLastCall.TotalSeconds:F2} s | {ours.CpuPerCall.TotalMilliseconds:F2} ms | {promptfooCpu} | {ours.PeakBytes / 1e6:F0} | {ratio} |"));
            var theirCalls = theirs is null ? string.Empty : Invariant($"; promptfoo exit {theirs.Exit}, calls {theirs.Calls}, peak in flight {theirs.PeakTarget}/{theirs.PeakJudge}");
            Console.Error.WriteLine(Invariant(
                $"  {cases}: assay exit {ours.Exit}, calls {ours.Calls}, peak in flight target/judge {ours.PeakTarget}/{ours.PeakJudge}, endpoint CPU {ours.EndpointCpu.TotalSeconds:F1} s{theirCalls}"));
        }

        return failed ? 1 : 0;
    }

    // The same answers as the in-process workload (AssayWorkload.Reply) as data for the endpoint process: promptfoo's
    // grader (its rubric instructions in the system message) gets a passing grade, MT-Bench's judge a rating, and a
    // question an answer.
    private static SimulatedBehaviour Workload(TimeSpan latency, int concurrency) => new()
    {
        Rules =
        [
            new SimulatedRule { SystemContains = "rubric", IgnoreCase = true, Reply = """{"reason":"The answer is fine.","pass":true,"score":1}""" },
            new SimulatedRule { LastContainsAny = [AssayWorkload.JudgeMarker], Reply = "The answer is fine.\n\nRating: [[7]]" },
        ],
        Otherwise = new SimulatedRule { Reply = "A simulated answer." },
        LatencyMs = (int)latency.TotalMilliseconds,
        MaxConcurrency = concurrency,
    };

    private static async Task<ClientFigures> MeasureAsync(SimulatedEndpointProcess target, SimulatedEndpointProcess judge, int cases, Func<string, ProcessStartInfo> command)
    {
        var work = Directory.CreateTempSubdirectory("assay-front-door-").FullName;
        try
        {
            var info = command(work);
            await target.ResetAsync();
            await judge.ResetAsync();
            var (callsBefore, endpointCpu) = ((await target.StatsAsync()).Calls + (await judge.StatsAsync()).Calls, target.Cpu + judge.Cpu);
            var childCpu = ProcessCpu.OfReapedChildren();
            var started = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
            using var memory = new TreeMemorySampler(process.Id);
            var output = process.StandardOutput.ReadToEndAsync();
            var errors = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            clock.Stop();
            var exited = started + clock.Elapsed;
            var peak = memory.Stop();
            var cpu = ProcessCpu.OfReapedChildren() - childCpu;
            var (t, j) = (await target.StatsAsync(), await judge.StatsAsync());
            var calls = t.Calls + j.Calls - callsBefore;
            if (process.ExitCode != 0)
            {
                Console.Error.WriteLine($"{info.FileName} exited {process.ExitCode}:\n{(await output)[^Math.Min((await output).Length, 2000)..]}\n{(await errors)[^Math.Min((await errors).Length, 3000)..]}");
            }

            var first = new[] { t.FirstReceived, j.FirstReceived }.Where(x => x is not null).Min() ?? exited;
            var last = new[] { t.LastAnswered, j.LastAnswered }.Where(x => x is not null).Max() ?? started;
            return new ClientFigures(
                process.ExitCode, clock.Elapsed, calls, cpu, peak, first - started, exited - last, t.PeakInFlight, j.PeakInFlight, target.Cpu + judge.Cpu - endpointCpu);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    // The built CLI with a user's options: a config naming the two endpoints, no storage (it starts its own Azurite).
    private static ProcessStartInfo AssayCommand(string cli, string work, Uri target, Uri judge, int concurrency, int cases, string[] extra)
    {
        var token = Guid.NewGuid().ToString("N")[..8];
        var benchmark = Path.Combine(work, "cases.jsonl");
        File.WriteAllLines(benchmark, Enumerable.Range(1, cases).Select(i => $$"""{"id":"c{{i}}","turns":["bench {{token}} question {{i}}"]}"""));
        var config = Path.Combine(work, "assay.settings.json");
        File.WriteAllText(config, System.Text.Json.JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["target"] = new { Kind = "OpenAICompatible", BaseUrl = target.ToString(), Model = "sim", MaxConcurrency = concurrency },
                ["judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.ToString(), Model = "sim", MaxConcurrency = concurrency },
            },
        }));
        var viaDotnet = cli.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(viaDotnet ? "dotnet" : cli) { WorkingDirectory = work, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])[.. viaDotnet ? [cli] : Array.Empty<string>(), "run", "--benchmark", benchmark, "--target", "target", "--judge", "mt-bench:judge",
                     "--no-canary", "--config", config, "--out", Path.Combine(work, "out"), .. extra])
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("Endpoints__", StringComparison.OrdinalIgnoreCase) || k.StartsWith("Storage__", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        return info;
    }

    private sealed record ClientFigures(
        int Exit, TimeSpan Wall, int Calls, TimeSpan Cpu, long PeakBytes, TimeSpan ToFirstCall, TimeSpan AfterLastCall, int PeakTarget, int PeakJudge, TimeSpan EndpointCpu)
    {
        public TimeSpan CpuPerCall => Cpu / Math.Max(1, Calls);
    }
}
