using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Assay.Core.Reports;

namespace Assay.Testing;

/// <summary>What a <see cref="KillSoak"/> saw; every figure is counted, none is timed.</summary>
/// <param name="Kills">SIGKILLs that landed: the CLI was running and its exit code was the kill's.</param>
/// <param name="Missed">Kills attempted when the CLI had already exited (not counted as kills).</param>
/// <param name="Calls">Calls the simulated endpoints received (model and judge), the reference run's included.</param>
/// <param name="Distinct">Distinct requests among them: a request seen again is a duplicate (the cache should have answered it).</param>
/// <param name="Unexplained">Duplicates of a request that was in flight at no kill: the bound broken.</param>
/// <param name="Mismatches">Runs whose report (targets, counts, metrics, categories) differs from the uninterrupted run's.</param>
/// <param name="Starts">CLI processes started, the uninterrupted reference run included.</param>
public sealed record KillSoakResult(
    int Runs, IReadOnlyList<LandedKill> Kills, int Missed, int Calls, int Distinct, int Unexplained, IReadOnlyList<string> Mismatches,
    int LostCases, int Starts, int Repairs)
{
    public int Duplicates => Calls - Distinct;

    public int KillsInAggregation => Kills.Count(k => k.InAggregation);

    public int OpenAtKills => Kills.Sum(k => k.Open);

    public int AnsweredNotStored => Kills.Sum(k => k.AnsweredNotStored);

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"runs {Runs}, landed kills {Kills.Count} ({KillsInAggregation} in aggregation/report; {Missed} more found the CLI already exited, not counted), " +
        $"CLI starts {Starts}, stuck-run repairs {Repairs}; calls {Calls}, distinct {Distinct}, duplicates {Duplicates}; in flight at the kills " +
        $"{OpenAtKills + AnsweredNotStored} (open {OpenAtKills}, answered but not stored {AnsweredNotStored}); " +
        $"duplicates of a request open at a kill {Kills.Sum(k => k.Duplicates - k.DuplicatesAnswered)}, answered but not stored at a kill {Kills.Sum(k => k.DuplicatesAnswered)} " +
        $"(oldest such answer {Kills.Select(k => k.OldestDuplicateAnswerMs).DefaultIfEmpty().Max():0} ms before its kill; {Kills.Sum(k => k.DuplicatesAnsweredOver500Ms)} older than 500 ms), " +
        $"in flight at no kill {Unexplained}; most duplicates at one kill {Kills.Select(k => k.Duplicates).DefaultIfEmpty().Max()} " +
        $"(kills with more duplicates than in flight: {Kills.Count(k => k.Duplicates > k.InFlightCount)}); lost cases {LostCases}; " +
        $"reports differing from the uninterrupted run: {Mismatches.Count}");
}

/// <summary>
/// Random SIGKILLs of the built <c>assay run</c> (MT-Bench, 80 cases, two turns, simulated model and judge served by
/// this process, outside the killed CLI), each followed by the same command again, until every run finishes and at
/// least the wanted number of kills has landed. Every run has its own sampling seed, so its model calls are its own;
/// the judge's are shared through the cache. A request the endpoints see twice is a duplicate paid call, and must
/// have been in flight at a kill.
/// </summary>
public static class KillSoak
{
    private const int BatchSize = 4;
    private const int MaxInFlight = 4;
    private const int KilledExitCode = 128 + 9;

    /// <param name="runs">Runs at least; more start while fewer than <paramref name="kills"/> have landed (up to 3 × runs).</param>
    /// <param name="kills">Kills that must land (a kill that finds the CLI exited does not count).</param>
    public static async Task<KillSoakResult> RunAsync(
        string storage, string work, int runs, int kills, int seed, Action<string> log, CancellationToken ct)
    {
        var random = new Random(seed);
        var simulation = new MtBenchSimulation { ModelLatency = TimeSpan.FromMilliseconds(150) };
        var ledger = new KillLedger(Key);
        // Each run's answers carry its seed, so that its judge calls are its own too (and a duplicate is visible). Every
        // answer is unique to its request (the model's name the case, turn and run; the judge's carry a tag of the
        // request), so the answer texts in the response cache tell which answers a killed CLI had stored.
        await using var model = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var reply = simulation.Model(request);
            reply = reply with { Content = string.Create(CultureInfo.InvariantCulture, $"{reply.Content} [run {request.Seed:D4}]") };
            ledger.Arrived(request, reply.Content!);
            return reply;
        });
        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var reply = simulation.Judge(request);
            reply = reply with { Content = $"{reply.Content}\n(reply {Tag(request)})" };
            ledger.Arrived(request, reply.Content!);
            return reply;
        });
        var cached = new CachedAnswers(storage);
        model.Answered = ledger.Answer;
        judge.Answered = ledger.Answer;
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
        ledger.CloseOpen();
        var expected = Comparable(work, $"{prefix}-reference");

        var landed = new List<LandedKill>();
        var (missed, repairs, lost) = (0, 0, 0);
        var mismatches = new List<string>();
        var run = 0;
        for (; run < runs || (landed.Count < kills && run < runs * 3); run++)
        {
            var runId = $"{prefix}-{run}";
            var arguments = Arguments(runId, run);
            // The kills still wanted, spread over the runs left; a run that ended before its kills passes them on.
            var planned = Math.Max(0, (int)Math.Ceiling((kills - landed.Count) / (double)Math.Max(1, runs - run)));
            var killsLeft = planned;
            while (true)
            {
                starts++;
                var started = DateTime.UtcNow;
                using var cli = Start(arguments);
                var stderr = new List<string>();
                var aggregation = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                cli.ErrorDataReceived += (_, e) =>
                {
                    if (e.Data is { } line)
                    {
                        lock (stderr)
                        {
                            stderr.Add(line);
                        }

                        if (line.StartsWith("[aggregate]", StringComparison.Ordinal) || line.StartsWith("[report]", StringComparison.Ordinal))
                        {
                            aggregation.TrySetResult();
                        }
                    }
                };
                var stdout = cli.StandardOutput.ReadToEndAsync(ct);
                cli.BeginErrorReadLine();
                var exited = cli.WaitForExitAsync(ct);
                if (killsLeft > 0)
                {
                    // A run's last kill (of two or more) waits for aggregation; the others land at a random moment after
                    // this CLI's first endpoint call (not in its start-up or its wait for the dead runner's lease), or
                    // as soon as aggregation begins, whichever comes first, so that every planned kill finds a running CLI.
                    Task trigger = aggregation.Task;
                    if (!(planned >= 2 && killsLeft == 1))
                    {
                        var callsAtStart = model.Calls + judge.Calls;
                        var busy = DateTime.UtcNow.AddMinutes(2);
                        while (!cli.HasExited && !aggregation.Task.IsCompleted && model.Calls + judge.Calls == callsAtStart && DateTime.UtcNow < busy)
                        {
                            await Task.Delay(10, ct);
                        }

                        trigger = Task.WhenAny(aggregation.Task, Task.Delay(random.Next(200, 4_000), ct));
                    }

                    await Task.WhenAny(trigger, exited, Task.Delay(TimeSpan.FromMinutes(5), ct));
                    var killedAt = DateTime.UtcNow.Ticks;
                    var inAggregation = aggregation.Task.IsCompleted;
                    try
                    {
                        cli.Kill(entireProcessTree: true);
                    }
                    catch (InvalidOperationException)
                    {
                        // Already exited: not a kill.
                    }

                    await exited;
                    if (cli.ExitCode == KilledExitCode)
                    {
                        var kill = ledger.Landed(runId, inAggregation, started, killedAt, await cached.ReadAsync(ct));
                        ledger.CloseOpen();
                        landed.Add(kill);
                        killsLeft--;
                        log(string.Create(CultureInfo.InvariantCulture,
                            $"{runId}: kill {landed.Count} landed {(inAggregation ? "after aggregation began" : "at a random moment")}; in flight {kill.Open} open + {kill.AnsweredNotStored} answered, not stored"));
                        continue;
                    }

                    missed++;
                    log($"{runId}: the CLI had exited ({cli.ExitCode}) before the kill; not counted");
                }

                await exited;
                ledger.CloseOpen();
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
        var unexplained = KillLedger.Attribute(all, landed);
        foreach (var request in unexplained.Distinct(StringComparer.Ordinal))
        {
            log("duplicate in flight at no kill: " + ledger.Explain(model.Requests.Concat(judge.Requests).Where(r => Key(r) == request).OrderBy(r => r.ReceivedAt), landed));
        }

        return new KillSoakResult(run, landed, missed, all.Count, distinct, unexplained.Count, mismatches, lost, starts, repairs);
    }

    // Letters only: a judge reply's tag must not look like a rating to the verdict parser.
    private static string Tag(SimulatedChatRequest r) =>
        string.Concat(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(Key(r))).Take(8).Select(b => $"{(char)('a' + (b >> 4))}{(char)('a' + (b & 15))}"));

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
