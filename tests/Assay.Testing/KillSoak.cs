using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Assay.Core.Reports;

namespace Assay.Testing;

/// <summary>What a <see cref="KillSoak"/> saw; every figure is counted, none is timed.</summary>
/// <param name="Kills">SIGKILLs that hit a running CLI.</param>
/// <param name="KillsInAggregation">Of those, kills after the CLI had printed <c>[aggregate]</c> or <c>[report]</c>.</param>
/// <param name="Calls">Calls the simulated endpoints received (model and judge), the reference run's included.</param>
/// <param name="Distinct">Distinct requests among them: a request seen again is a duplicate (the cache should have answered it).</param>
/// <param name="OpenAtKills">Sum over kills of requests open at the endpoints when the kill landed.</param>
/// <param name="AnsweredJustBefore">Sum over kills of answers the endpoints finished writing in the 100 ms before the kill.</param>
/// <param name="Mismatches">Runs whose report (targets, counts, metrics, categories) differs from the uninterrupted run's.</param>
/// <param name="Starts">CLI processes started, the uninterrupted reference run included.</param>
public sealed record KillSoakResult(
    int Runs, int Kills, int KillsInAggregation, int Calls, int Distinct, int OpenAtKills, int AnsweredJustBefore, IReadOnlyList<string> Mismatches,
    int LostCases, int Starts, int Repairs)
{
    public int Duplicates => Calls - Distinct;

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"runs {Runs}, kills {Kills} ({KillsInAggregation} in aggregation/report), CLI starts {Starts}, stuck-run repairs {Repairs}; " +
        $"calls {Calls}, distinct {Distinct}, duplicates {Duplicates}; open at the kills {OpenAtKills}, answered in the 100 ms before them {AnsweredJustBefore}; " +
        $"lost cases {LostCases}; reports differing from the uninterrupted run: {Mismatches.Count}");
}

/// <summary>
/// Random SIGKILLs of the built <c>assay run</c> (MT-Bench, 80 cases, two turns, simulated model and judge served by
/// this process, outside the killed CLI), each followed by the same command again, until every run finishes. Every
/// run has its own sampling seed, so its model calls are its own; the judge's are shared through the cache. A request
/// the endpoints see twice is a duplicate paid call.
/// </summary>
public static class KillSoak
{
    private const int BatchSize = 4;
    private const int MaxInFlight = 4;

    public static async Task<KillSoakResult> RunAsync(
        string storage, string work, int runs, int kills, int seed, Action<string> log, CancellationToken ct)
    {
        var random = new Random(seed);
        var simulation = new MtBenchSimulation { ModelLatency = TimeSpan.FromMilliseconds(150) };
        // Each run's answers carry its seed, so that its judge calls are its own too (and a duplicate is visible).
        await using var model = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var reply = simulation.Model(request);
            return reply with { Content = string.Create(CultureInfo.InvariantCulture, $"{reply.Content} [run {request.Seed:D4}]") };
        });
        await using var judge = await SimulatedOpenAIServer.StartAsync(simulation.Judge);
        var config = Path.Combine(work, "soak.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-model", MaxConcurrency = 8 },
                ["local-judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "sim-judge", MaxConcurrency = 8 },
            },
        }), ct);
        var prefix = "soak-" + Guid.NewGuid().ToString("N")[..6];
        string[] Arguments(string runId, int sampleSeed) =>
        [
            "run", "--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "local-model", "--judge", "mt-bench:local-judge",
            "--storage", storage, "--config", config, "--run-id", runId, "--out", work, "--seed", sampleSeed.ToString(CultureInfo.InvariantCulture),
            "--batch-size", BatchSize.ToString(CultureInfo.InvariantCulture), "--max-in-flight", MaxInFlight.ToString(CultureInfo.InvariantCulture),
        ];

        // The uninterrupted run every other run's report must equal (its seed's calls are not part of the soak's count).
        var starts = 1;
        await RunToEndAsync(Arguments($"{prefix}-reference", 1000), ct);
        var expected = Comparable(work, $"{prefix}-reference");

        var (killed, inAggregation, open, answered, repairs) = (0, 0, 0, 0, 0);
        var mismatches = new List<string>();
        var lost = 0;
        for (var run = 0; run < runs; run++)
        {
            var runId = $"{prefix}-{run}";
            var arguments = Arguments(runId, run);
            var killsLeft = (kills / runs) + (run < kills % runs ? 1 : 0);
            var killsOfRun = killsLeft;
            while (true)
            {
                starts++;
                using var cli = Start(arguments);
                var stderr = new List<string>();
                var aggregating = false;
                cli.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data is { } line)
                    {
                        lock (stderr)
                        {
                            stderr.Add(line);
                            aggregating |= line.StartsWith("[aggregate]", StringComparison.Ordinal) || line.StartsWith("[report]", StringComparison.Ordinal);
                        }
                    }
                };
                var stdout = cli.StandardOutput.ReadToEndAsync(ct);
                cli.BeginErrorReadLine();
                if (killsLeft > 0)
                {
                    // A run's last kill (of two or more) waits for aggregation; the others land at a random moment.
                    var waitForAggregation = killsOfRun >= 2 && killsLeft == 1;
                    // A random kill lands while the endpoints are being called: after this CLI's first call, not during
                    // its start-up or its wait for the dead runner's lease.
                    var callsAtStart = model.Calls + judge.Calls;
                    var busy = DateTime.UtcNow.AddMinutes(2);
                    while (!waitForAggregation && !cli.HasExited && model.Calls + judge.Calls == callsAtStart && DateTime.UtcNow < busy)
                    {
                        await Task.Delay(10, ct);
                    }

                    var deadline = DateTime.UtcNow + TimeSpan.FromMilliseconds(random.Next(200, 4_000));
                    while (!cli.HasExited && (waitForAggregation ? !Volatile.Read(ref aggregating) && DateTime.UtcNow < deadline.AddMinutes(3) : DateTime.UtcNow < deadline))
                    {
                        await Task.Delay(10, ct);
                    }

                    if (!cli.HasExited)
                    {
                        var (openNow, callsNow) = (model.InFlight + judge.InFlight, model.Calls + judge.Calls);
                        var at = DateTime.UtcNow.Ticks;
                        cli.Kill(entireProcessTree: true);
                        await cli.WaitForExitAsync(ct);
                        var justBefore = at - TimeSpan.FromMilliseconds(100).Ticks;
                        open += openNow + (model.Calls + judge.Calls - callsNow);
                        answered += model.AnsweredAt.Concat(judge.AnsweredAt).Count(t => t >= justBefore && t <= at);
                        killed++;
                        killsLeft--;
                        inAggregation += Volatile.Read(ref aggregating) ? 1 : 0;
                        log($"{runId}: kill {killed} after {(Volatile.Read(ref aggregating) ? "aggregation began" : "a random wait")}; open {openNow}");
                        continue;
                    }
                }

                await cli.WaitForExitAsync(ct);
                string errors;
                lock (stderr)
                {
                    errors = string.Join('\n', stderr);
                }

                if (cli.ExitCode != 0)
                {
                    throw new InvalidOperationException($"{runId} exited {cli.ExitCode}: {errors}");
                }

                repairs += errors.Contains("restarting it from its blobs", StringComparison.Ordinal) ? 1 : 0;
                await stdout;
                break;
            }

            var actual = Comparable(work, runId);
            if (actual != expected)
            {
                mismatches.Add(runId);
                log($"{runId}: report differs from the uninterrupted run's:\n{actual}\n---\n{expected}");
            }

            var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json"), ct));
            lost += 80 - report.Targets.Single(t => t.Name == "local-model").Cases;
        }

        // Every request of the reference run and of the soak: one sent again is a duplicate paid call.
        var all = model.Requests.Concat(judge.Requests).Select(Key).ToList();
        var distinct = all.Distinct(StringComparer.Ordinal).Count();
        return new KillSoakResult(runs, killed, inAggregation, all.Count, distinct, open, answered, mismatches, lost, starts, repairs);
    }

    private static string Key(SimulatedChatRequest r) =>
        $"{r.Model}\n{r.Seed}\n{r.Temperature}\n{string.Join("\n\u0001", r.Messages.Select(m => m.Role + ":" + m.Content))}";

    private static async Task RunToEndAsync(string[] arguments, CancellationToken ct)
    {
        using var cli = Start(arguments);
        var stdout = cli.StandardOutput.ReadToEndAsync(ct);
        var stderr = cli.StandardError.ReadToEndAsync(ct);
        await cli.WaitForExitAsync(ct);
        if (cli.ExitCode != 0)
        {
            throw new InvalidOperationException($"the uninterrupted run exited {cli.ExitCode}: {await stderr}");
        }

        await stdout;
    }

    // The parts of a report a kill must not change: targets, counts, metrics (mean and interval), categories, canary.
    private static string Comparable(string work, string runId)
    {
        var report = ReportJson.Deserialize(File.ReadAllText(Path.Combine(work, runId, "report.json")));
        return JsonSerializer.Serialize(new { report.Targets, Canary = report.Integrity?.Canary, report.ErrorCauses });
    }

    private static Process Start(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(Assay.Cli.LocalRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }
}
