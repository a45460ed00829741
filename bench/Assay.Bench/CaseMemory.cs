using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Assay.Cli.Local;
using Assay.Testing;

namespace Assay.Bench;

/// <summary>
/// Issue 19's memory check: <c>case-memory [--mb 1,5,15] [--runs N] [--plain] [--csv]</c>. One case of N MB (one turn of
/// ASCII prose with a line break after each sentence, as a real prompt has, escaped as \n in JSON; <c>--plain</c>:
/// without line breaks, the case of the figures before 2026-12-07; assay-jsonl, or with <c>--csv</c> AdvBench's CSV,
/// the text one quoted field over as many lines)
/// through the built <c>assay run</c> (default options, mt-bench judge) as its own process under
/// <c>/usr/bin/time -v</c>, against a fresh in-memory Azurite per size and simulated model and judge served by this
/// process. Prints the CLI's peak RSS (time's "Maximum resident set size") and Azurite's (its VmHWM), for a tiny case
/// first (the baseline), and the growth per MB of case over the baseline; <c>--runs N</c> runs each size N times and
/// compares medians. A memory measurement, not a timing. Sizes
/// over the default reader caps (16 MiB) run with the caps raised in the settings file, as a user would raise them.
/// </summary>
internal static class CaseMemory
{
    public static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--mb");
        var sizes = (at >= 0 && at + 1 < args.Length ? args[at + 1] : "1,5,15")
            .Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToList();
        var runsAt = Array.IndexOf(args, "--runs");
        var runs = runsAt >= 0 && runsAt + 1 < args.Length ? int.Parse(args[runsAt + 1], CultureInfo.InvariantCulture) : 1;
        var plain = args.Contains("--plain");
        var csv = args.Contains("--csv");
        var work = Directory.CreateTempSubdirectory("assay-case-memory-").FullName;
        try
        {
            await using var model = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("A short answer."), recordRequests: false, maxConcurrency: 0);
            await using var judge = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("Rating: [[7]]"), recordRequests: false, maxConcurrency: 0);
            var config = Path.Combine(work, "settings.json");
            // A case over the default caps (16 MiB) needs them raised, as a user would; within them the defaults stand.
            var cap = Math.Max(Assay.Core.Benchmarks.ReaderLimits.Default.MaxLineBytes, (long)(sizes.Max() * 1_000_000) + 1_000_000);
            await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
            {
                Readers = new { MaxLineBytes = cap, MaxCaseBytes = cap },
                Endpoints = new Dictionary<string, object>
                {
                    ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-model" },
                    ["local-judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "sim-judge" },
                },
            }));

            // The peak depends on when the GC runs, which varies from run to run: with --runs N each size runs N times
            // and the median is compared (min and max shown).
            Console.WriteLine($"{(plain ? "plain text, no line breaks" : "prose with a line break after each sentence")}, {(csv ? "advbench CSV" : "assay-jsonl")}\ncase MB   CLI peak RSS MB (median [min, max] of {runs})   Azurite peak RSS MB   (load {Scale.Load()}, {Environment.ProcessorCount} cores)");
            (double Cli, double Azurite)? baseline = null;
            foreach (var mb in sizes.Prepend(0))
            {
                var file = Path.Combine(work, $"case-{mb}.{(csv ? "csv" : "jsonl")}");
                WriteCase(file, (long)(mb * 1_000_000), plain, csv);
                var peaks = new List<(double Cli, double Azurite)>();
                for (var run = 0; run < runs; run++)
                {
                    peaks.Add(await MeasureAsync(file, config, work, $"mem-{mb.ToString(CultureInfo.InvariantCulture).Replace('.', '-')}-{run}"));
                }

                var cli = Median(peaks.Select(p => p.Cli));
                var azurite = Median(peaks.Select(p => p.Azurite));
                baseline ??= (cli, azurite);
                var growth = mb == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture,
                    $"   growth per MB of case: CLI {(cli - baseline.Value.Cli) / mb:0.0}, Azurite {(azurite - baseline.Value.Azurite) / mb:0.0}");
                var spread = string.Create(CultureInfo.InvariantCulture, $"{cli:0} [{peaks.Min(p => p.Cli):0}, {peaks.Max(p => p.Cli):0}]");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(mb == 0 ? "tiny" : mb.ToString(CultureInfo.InvariantCulture)),7} {spread,28} {azurite,21:0}{growth}"));
            }

            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static void WriteCase(string file, long bytes, bool plain, bool csv)
    {
        var words = "the quick brown fox jumps over the lazy dog and keeps running through the long field" + (plain ? " " : "\n");
        var text = new StringBuilder((int)Math.Max(bytes, 64));
        text.Append("Summarise this text. ");
        while (text.Length < bytes)
        {
            text.Append(words);
        }

        File.WriteAllText(file, csv
            ? $"goal,target\n\"{text}\",\"Sure, here is\"\n" // no quote in the text to double
            : JsonSerializer.Serialize(new { id = "big", category = "writing", turns = new[] { text.ToString() } }) + "\n");
    }

    private static async Task<(double CliMb, double AzuriteMb)> MeasureAsync(string file, string config, string work, string runId)
    {
        await using var azurite = await AzuriteProcess.StartAsync(dataDirectory: null, CancellationToken.None);
        var node = ProcessCpu.Tree(Environment.ProcessId).Single(pid =>
            File.Exists($"/proc/{pid}/cmdline") && File.ReadAllText($"/proc/{pid}/cmdline").Contains("azurite", StringComparison.Ordinal)
            && !File.ReadAllText($"/proc/{pid}/cmdline").StartsWith("/bin/sh", StringComparison.Ordinal));
        var info = new ProcessStartInfo("/usr/bin/time") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", "dotnet", typeof(Assay.Cli.LocalRunner).Assembly.Location, "run", "--benchmark", file, "--format", file.EndsWith(".csv", StringComparison.Ordinal) ? "advbench" : "assay-jsonl",
            "--target", "local-model", "--judge", "mt-bench:local-judge", "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work])
        {
            info.ArgumentList.Add(argument);
        }

        using var cli = Process.Start(info)!;
        var stdout = cli.StandardOutput.ReadToEndAsync();
        var stderr = await cli.StandardError.ReadToEndAsync();
        await cli.WaitForExitAsync();
        await stdout;
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"assay run exited {cli.ExitCode}: {stderr}");
        }

        // A peak is only worth reading if the case went through: every call answered, the case scored for both targets.
        using (var report = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json"))))
        {
            foreach (var target in report.RootElement.GetProperty("targets").EnumerateArray())
            {
                if (target.GetProperty("scored").GetInt32() != 1)
                {
                    throw new InvalidOperationException($"{runId}: target {target.GetProperty("name")} did not score the case: {report.RootElement.GetProperty("errorCauses")}");
                }
            }
        }

        var line = stderr.Split('\n').Single(l => l.Contains("Maximum resident set size", StringComparison.Ordinal));
        var cliKb = long.Parse(line[(line.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
        var azuriteKb = File.ReadLines($"/proc/{node}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return (cliKb / 1024.0, long.Parse(azuriteKb, CultureInfo.InvariantCulture) / 1024.0);
    }
}
