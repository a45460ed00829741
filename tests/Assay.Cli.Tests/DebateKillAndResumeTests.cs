using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Assay.Core;
using Assay.Core.Debates;
using Assay.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Cli.Tests;

/// <summary>
/// <c>assay debate</c> killed (SIGKILL) in the middle of a run, then started again with the same run id: the debates
/// resume at their last finished round, and no finished round's debater turn is requested again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DebateKillAndResumeTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private const int Claims = 8;
    private const int Rounds = 4;
    private const int MaxInFlight = 2;

    private readonly string work = Directory.CreateTempSubdirectory("assay-debate-kill-").FullName;

    [Fact]
    public async Task A_killed_debate_run_resumes_at_the_last_finished_round_of_each_debate()
    {
        var claims = await LogicomClaims.ReadFileAsync(DebateEndToEndTests.ClaimsFile, Claims, CancellationToken.None);
        var simulation = new DebateSimulation(claims.Select(c => c.Claim).ToList()) { DebaterLatency = TimeSpan.FromMilliseconds(150) };
        await using var server = await SimulatedOpenAIServer.StartAsync(simulation.Handle);
        var runId = "debate-kill-" + Guid.NewGuid().ToString("N")[..8];
        string[] arguments =
        [
            "debate", "--claims", DebateEndToEndTests.ClaimsFile, "--persuader", "persuader", "--debater", "debater", "--moderator", "moderator",
            "--rounds", Rounds.ToString(CultureInfo.InvariantCulture), "--limit", Claims.ToString(CultureInfo.InvariantCulture),
            "--max-in-flight", MaxInFlight.ToString(CultureInfo.InvariantCulture), "--modes", "logical,fallacious",
            "--storage", azurite.ConnectionString, "--config", DebateEndToEndTests.WriteConfig(work, server), "--run-id", runId, "--out", work,
        ];
        int DebaterCalls() => server.Requests.Count(r => r.Model == DebateSimulation.DebaterModel);

        using (var first = StartRunner(arguments))
        {
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (DebaterCalls() < 12 && !first.HasExited && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }

            Assert.False(first.HasExited, "the first runner finished before it could be killed");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var finishedAtKill = await RoundBlobsAsync(runId);
        var callsAtKill = DebaterCalls();
        Assert.InRange(finishedAtKill.Count, 1, (Claims * 2 * Rounds) - 1);

        using var second = StartRunner(arguments);
        var stderr = second.StandardError.ReadToEndAsync();
        var stdout = second.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await second.WaitForExitAsync(timeout.Token);

        log.WriteLine($"rounds finished at kill {finishedAtKill.Count}, debater calls at kill {callsAtKill}, after resume {DebaterCalls()}");
        Assert.True(second.ExitCode == 0, await stderr);
        Assert.Contains("resuming", await stderr, StringComparison.Ordinal);
        var report = JsonSerializer.Deserialize<DebateReport>(await File.ReadAllTextAsync(Path.Combine(work, runId, "debate-report.json")), AssayJson.Options)!;
        Assert.All(report.Modes, m => Assert.Equal((Claims, Claims, 0), (m.Debates, m.NotConvincedCount(), m.Convinced)));
        Assert.All(report.Debates, d => Assert.Equal((DebateResult.NotConvinced, Rounds, "max-rounds"), (d.Result, d.Rounds, d.Reason)));
        Assert.Contains("| logical | 8 | 8 | 0 | 0 | 0.0% |", await stdout, StringComparison.Ordinal);

        // Every round ran once, plus at most the rounds in flight at the kill (one per debate in flight).
        const int total = Claims * 2 * Rounds;
        Assert.Equal(total, (await RoundBlobsAsync(runId)).Count);
        Assert.InRange(DebaterCalls(), total, total + MaxInFlight);

        // A round finished before the kill was not requested again (round 1 is the same request in both modes, so rounds 2+).
        var turns = server.Requests.Where(r => r.Model == DebateSimulation.DebaterModel).Select(simulation.DebaterTurn).ToList();
        foreach (var (claim, mode, round) in finishedAtKill.Where(f => f.Round > 1))
        {
            var index = claims.FindIndex(c => c.Id == claim);
            Assert.Equal(1, turns.Count(t => t == (index, mode, round)));
        }
    }

    private async Task<List<(string Claim, string Mode, int Round)>> RoundBlobsAsync(string runId)
    {
        var results = new BlobContainerClient(azurite.ConnectionString, "results");
        var rounds = new List<(string, string, int)>();
        await foreach (var blob in results.GetBlobsAsync(BlobTraits.None, BlobStates.None, $"debates/{runId}/", CancellationToken.None))
        {
            // debates/{run}/{claim}/{mode}/round-{n}.json
            var parts = blob.Name.Split('/');
            if (parts.Length == 5 && parts[4].StartsWith("round-", StringComparison.Ordinal))
            {
                rounds.Add((parts[2], parts[3], int.Parse(parts[4]["round-".Length..^".json".Length], CultureInfo.InvariantCulture)));
            }
        }

        return rounds;
    }

    private static Process StartRunner(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(DebateRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return Process.Start(info)!;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}

internal static class DebateModeSummaryExtensions
{
    public static int NotConvincedCount(this DebateModeSummary summary) => summary.Scored - summary.Convinced;
}
