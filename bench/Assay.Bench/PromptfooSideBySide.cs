using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>
/// The same workload through promptfoo and through Assay: N prompts to one target, each answer graded by an LLM
/// (promptfoo's llm-rubric; Assay's MT-Bench judge), both on the same simulated endpoint (latency L, at most C served at
/// once) at the same concurrency C. Prints both wall times and Assay's throughput over promptfoo's.
/// promptfoo 0.121.20 is installed on first use into bench/promptfoo (dev-only, outside the root package.json that CI's
/// npm ci installs). Usage: promptfoo [cases=1000] [--latency-ms 1000] [--concurrency 64]
/// </summary>
internal static class PromptfooSideBySide
{
    public static async Task<int> RunAsync(string[] args)
    {
        var cases = args.FirstOrDefault(a => int.TryParse(a, out _) && Array.IndexOf(args, a) is var i && (i == 0 || !args[i - 1].StartsWith("--", StringComparison.Ordinal))) is { } n
            ? int.Parse(n, CultureInfo.InvariantCulture) : 1000;
        var latency = TimeSpan.FromMilliseconds(Scale.Option(args, "--latency-ms", 1000));
        var concurrency = Scale.Option(args, "--concurrency", 64);
        var promptfoo = await EnsureInstalledAsync();
        Console.WriteLine($"{cases} prompts, one target, one LLM grader; L = {latency.TotalMilliseconds} ms, C = {concurrency}");

        var work = Directory.CreateTempSubdirectory("assay-promptfoo-").FullName;
        TimeSpan promptfooWall;
        int promptfooCalls;
        try
        {
            await using var server = await SimulatedOpenAIServer.StartAsync(AssayWorkload.Reply(latency), recordRequests: false, maxConcurrency: concurrency);
            var info = Command(promptfoo, work, server.BaseUrl, server.BaseUrl, concurrency, cases);
            var clock = Stopwatch.StartNew();
            var exit = await RunProcessAsync(info);
            clock.Stop();
            promptfooWall = clock.Elapsed;
            promptfooCalls = server.Calls;
            var results = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, "results.json")));
            var stats = results.RootElement.GetProperty("results").GetProperty("stats");
            Console.WriteLine($"promptfoo: exit {exit}, {stats.GetProperty("successes")} passed, {stats.GetProperty("failures")} failed, {stats.GetProperty("errors")} errors; " +
                              $"calls {promptfooCalls} (peak in flight {server.PeakInFlight}), wall {promptfooWall.TotalSeconds:F1} s");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }

        var assay = await AssayWorkload.RunAsync(cases, latency, concurrency, batchSize: 50, maxInFlight: 16, TextWriter.Null);
        // As `assay run` without a storage account would: Azurite's start counts (promptfoo's wall has node's start).
        var assayWall = assay.Wall + assay.StorageStart;
        Console.WriteLine($"assay:     calls {assay.Calls} (peak in flight {assay.PeakInFlight}), wall {assayWall.TotalSeconds:F1} s incl. {assay.StorageStart.TotalSeconds:F1} s Azurite start (durable: state in Azurite)");
        var ideal = TimeSpan.FromTicks(2L * cases * latency.Ticks / concurrency);
        Console.WriteLine($"ideal {ideal.TotalSeconds:F1} s; efficiency promptfoo {ideal / promptfooWall:F3}, assay {ideal / assayWall:F3}");
        Console.WriteLine($"throughput ratio assay / promptfoo = {promptfooWall / assayWall:F2} (load average {Scale.Load()})");
        return 0;
    }

    /// <summary>
    /// promptfoo's eval of <paramref name="cases"/> fresh prompts (tests.csv and the config written into
    /// <paramref name="work"/>), each answer graded by llm-rubric, at most <paramref name="concurrency"/> at once.
    /// </summary>
    internal static ProcessStartInfo Command(string promptfoo, string work, Uri target, Uri grader, int concurrency, int cases)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        File.WriteAllLines(Path.Combine(work, "tests.csv"), ["question", .. Enumerable.Range(1, cases).Select(i => $"bench {run} question {i}")]);
        File.WriteAllText(Path.Combine(work, "promptfooconfig.yaml"), Config(target, grader, concurrency));
        var info = new ProcessStartInfo(promptfoo) { WorkingDirectory = work, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in (string[])["eval", "-c", "promptfooconfig.yaml", "--no-cache", "--no-write", "--no-table", "--no-progress-bar", "-j", concurrency.ToString(CultureInfo.InvariantCulture), "-o", "results.json"])
        {
            info.ArgumentList.Add(argument);
        }

        // Offline: no telemetry, no update check, a dummy key.
        info.Environment["PROMPTFOO_DISABLE_TELEMETRY"] = "1";
        info.Environment["PROMPTFOO_DISABLE_UPDATE"] = "1";
        info.Environment["OPENAI_API_KEY"] = "dummy";
        info.Environment["PROMPTFOO_CONFIG_DIR"] = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(promptfoo)!)!)!, ".promptfoo");
        return info;
    }

    private static string Config(Uri baseUrl, Uri grader, int concurrency) => $$"""
        description: assay side-by-side
        prompts:
          - "{{"{{"}}question{{"}}"}}"
        providers:
          - id: openai:chat:sim
            config:
              apiBaseUrl: {{baseUrl}}
              apiKey: dummy
        defaultTest:
          options:
            provider:
              id: openai:chat:sim
              config:
                apiBaseUrl: {{grader}}
                apiKey: dummy
          assert:
            - type: llm-rubric
              value: The answer responds to the question.
        tests: file://tests.csv
        evaluateOptions:
          maxConcurrency: {{concurrency}}
        """;

    internal static async Task<string> EnsureInstalledAsync()
    {
        var directory = Path.Combine(RepoPaths.Root, "bench", "promptfoo");
        var executable = Path.Combine(directory, "node_modules", ".bin", "promptfoo");
        if (!File.Exists(executable))
        {
            Console.Error.WriteLine("installing promptfoo 0.121.20 into bench/promptfoo (npm ci, once)");
            if (await RunProcessAsync("npm", ["ci", "--no-audit", "--no-fund"], directory) != 0)
            {
                throw new InvalidOperationException("npm ci in bench/promptfoo failed");
            }
        }

        return executable;
    }

    internal static Task<int> RunProcessAsync(string file, string[] arguments, string directory)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return RunProcessAsync(info);
    }

    private static async Task<int> RunProcessAsync(ProcessStartInfo info)
    {
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {info.FileName}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => output.AppendLine(e.Data);
        process.ErrorDataReceived += (_, e) => output.AppendLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(output.ToString()[^Math.Min(output.Length, 3000)..]);
        }

        return process.ExitCode;
    }
}
