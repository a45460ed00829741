using System.Text.Json;
using Assay.Core;
using Assay.Core.Debates;
using Assay.Core.Statistics;
using Assay.Testing;
using Azure.Storage.Blobs;

namespace Assay.Cli.Tests;

/// <summary>
/// LOGICOM debates through the built <c>assay debate</c>, its own process, on Azurite, every role a simulated endpoint
/// over HTTP in a process of its own, scripted so that each debate's outcome is known in advance; the report's numbers
/// are asserted exactly.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DebateEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-debate-").FullName;

    [Fact]
    public async Task Convinced_rates_difference_rounds_and_transcripts_are_exactly_what_the_script_decided()
    {
        var claims = await LogicomClaims.ReadFileAsync(ClaimsFile, 6, CancellationToken.None);
        var script = new DebateScript(claims.Select(c => c.Claim).ToList())
        {
            Moves = new Dictionary<string, DebaterMove>
            {
                [DebateScript.Key(0, "fallacious", 2)] = DebaterMove.Convinced,
                [DebateScript.Key(2, "fallacious", 2)] = DebaterMove.Convinced,
                [DebateScript.Key(1, "fallacious", 3)] = DebaterMove.Convinced,
                [DebateScript.Key(3, "fallacious", 3)] = DebaterMove.Convinced,
                [DebateScript.Key(0, "logical", 3)] = DebaterMove.Convinced,
                [DebateScript.Key(5, "logical", 2)] = DebaterMove.Unsure,
                [DebateScript.Key(4, "fallacious", 2)] = DebaterMove.Goodbye,
            },
            BrokenHelperJson = [1],
        };
        // The same script reads the requests back here (which claim a request is about); the server process plays it.
        var simulation = script.Simulation();
        await using var server = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour { Debate = script });
        var runId = "debate-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, output, errors) = await CliProcess.RunAsync(Arguments(server, runId, limit: 6, rounds: 3), BuiltCli.Timeout);

        Assert.True(exit == 0, $"{errors}\n{server.Calls} calls");
        var report = JsonSerializer.Deserialize<DebateReport>(await File.ReadAllTextAsync(Path.Combine(work, runId, "debate-report.json")), AssayJson.Options)!;
        Assert.Equal((6, 3), (report.Claims, report.MaxRounds));
        var logical = report.Modes[0];
        var fallacious = report.Modes[1];
        Assert.Equal(("logical", 6, 5, 1, 1, 0.2, 3.0, 0), (logical.Mode, logical.Debates, logical.Scored, logical.Unscored, logical.Convinced, logical.Rate, logical.MeanRoundsToConviction, logical.Terminated));
        Assert.Equal(("fallacious", 6, 6, 0, 4, 2.5, 1), (fallacious.Mode, fallacious.Debates, fallacious.Scored, fallacious.Unscored, fallacious.Convinced, fallacious.MeanRoundsToConviction, fallacious.Terminated));
        Assert.Equal(4.0 / 6, fallacious.Rate!.Value, 12);

        // The intervals are the percentile bootstrap of the per-claim outcomes, claims in id order.
        var order = claims.Select((c, i) => (c.Id, i)).OrderBy(x => x.Id, StringComparer.Ordinal).Select(x => x.i).ToList();
        double[] logicalValues = [1, 0, 0, 0, 0, double.NaN];
        double[] fallaciousValues = [1, 1, 1, 1, 0, 0];
        var expectedLogical = Bootstrap.MeanInterval(order.Select(i => logicalValues[i]).Where(double.IsFinite).ToList());
        Assert.Equal((expectedLogical.Low, expectedLogical.High), (logical.CiLow!.Value, logical.CiHigh!.Value));
        var expectedFallacious = Bootstrap.MeanInterval(order.Select(i => fallaciousValues[i]).ToList());
        Assert.Equal((expectedFallacious.Low, expectedFallacious.High), (fallacious.CiLow!.Value, fallacious.CiHigh!.Value));
        var difference = Assert.Single(report.Differences);
        var expectedDifference = Bootstrap.MeanInterval(order.Where(i => i != 5).Select(i => fallaciousValues[i] - logicalValues[i]).ToList());
        Assert.Equal(("fallacious", "logical", 5), (difference.Mode, difference.Baseline, difference.Pairs));
        Assert.Equal(0.6, difference.Difference!.Value, 12);
        Assert.Equal((expectedDifference.Low, expectedDifference.High), (difference.CiLow!.Value, difference.CiHigh!.Value));
        Assert.True(difference.CiLow <= 0.6 && difference.CiHigh >= 0.6);

        // Per debate: result, rounds, why.
        DebateOutcome Debate(int claim, string mode) => report.Debates.Single(d => d.ClaimId == claims[claim].Id && d.Mode == mode);
        Assert.Equal((DebateResult.Convinced, 3), (Debate(0, "logical").Result, Debate(0, "logical").Rounds));
        Assert.Equal((DebateResult.Convinced, 2), (Debate(0, "fallacious").Result, Debate(0, "fallacious").Rounds));
        Assert.Equal((DebateResult.NotConvinced, 3, "max-rounds"), (Debate(1, "logical").Result, Debate(1, "logical").Rounds, Debate(1, "logical").Reason));
        Assert.Equal((DebateResult.NotConvinced, 2, "terminated"), (Debate(4, "fallacious").Result, Debate(4, "fallacious").Rounds, Debate(4, "fallacious").Reason));
        var unscored = Debate(5, "logical");
        Assert.Equal((DebateResult.Unscored, 3), (unscored.Result, unscored.Rounds));
        Assert.Contains("round 2: the moderator's verdict could not be read: Maybe, hard to say.", unscored.Reason, StringComparison.Ordinal);
        Assert.Equal(["Appeal to emotion", "Appeal to emotion"], Debate(1, "fallacious").Labels!);

        // Every role was called exactly as often as the rounds played require; the broken helper JSON was repaired once per helper turn.
        // (The cache is off here, so identical requests of two modes are all made; the endpoints table counts each.)
        var requests = server.Requests;
        Assert.Equal(33, requests.Count(r => r.Model == DebateSimulation.DebaterModel));
        Assert.Equal(66, requests.Count(r => r.Model == DebateSimulation.ModeratorModel));
        Assert.Equal(21 + 21 + 4, requests.Count(r => r.Model == DebateSimulation.PersuaderModel));
        var usage = report.Usage!.ByEndpoint.ToDictionary(u => u.Name, u => (u.Calls, u.CacheHits));
        Assert.Equal(((33, 0), (66, 0), (46, 0)), (usage["debater"], usage["moderator"], usage["persuader"]));
        Assert.All(requests.Where(r => r.Model == DebateSimulation.ModeratorModel), r => Assert.Equal(0.5, r.Temperature!.Value, 6));
        Assert.All(requests.Where(r => r.Model == DebateSimulation.DebaterModel), r => Assert.Equal(1.0, r.Temperature!.Value, 6));

        // LOGICOM's prompts, filled as its code fills them.
        var firstDebater = requests.First(r => r.Model == DebateSimulation.DebaterModel && simulation.ClaimOf(r) == 0);
        Assert.Equal(LogicomPrompt.Fill(LogicomPrompts.Debater.System, claims[0].Variables()), firstDebater.Messages[0].Content);
        Assert.Equal(LogicomPrompt.Fill(LogicomPrompts.Persuader.Assistant, claims[0].Variables()), firstDebater.Messages[1].Content);
        var check = requests.First(r => r.Model == DebateSimulation.ModeratorModel && r.Messages[0].Content.Contains("correct signal", StringComparison.Ordinal)).Messages[1].Content;
        Assert.StartsWith("This is the message to check:<<<ANSWER-", check, StringComparison.Ordinal);
        Assert.Contains("{'user': 'Debater on claim ", check, StringComparison.Ordinal);

        // Transcripts: one blob per round played, under the documented names.
        var results = new BlobContainerClient(azurite.ConnectionString, "results");
        var rounds = new List<string>();
        await foreach (var blob in results.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, $"debates/{runId}/", CancellationToken.None))
        {
            if (blob.Name.EndsWith(".json", StringComparison.Ordinal) && blob.Name.Contains("/round-", StringComparison.Ordinal))
            {
                rounds.Add(blob.Name);
            }
        }

        Assert.Equal(33, rounds.Count);
        Assert.Contains($"debates/{runId}/{claims[4].Id}/fallacious/round-2.json", rounds);
        Assert.DoesNotContain($"debates/{runId}/{claims[4].Id}/fallacious/round-3.json", rounds);
        Assert.Contains("| fallacious | 6 | 6 | 0 | 4 | 66.7% |", output, StringComparison.Ordinal);
        Assert.Contains("| fallacious − logical | 5 | +60.0 pp |", output, StringComparison.Ordinal);

        // report.html has the run page's parts: what to check (the unscored and terminated debates), the endpoints table
        // with every call the rounds made, and the per-mode figures.
        var html = await File.ReadAllTextAsync(Path.Combine(work, runId, "report.html"));
        Assert.Contains("<h2>What to check</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"warn\">logical: 1 of 6 debates are unscored", html, StringComparison.Ordinal);
        Assert.Contains("<li class=\"warn\">fallacious: the moderator ended 1 of 6 debates early", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>fallacious</td><td>6</td><td>6</td><td>0</td><td>4</td><td>66.7% [", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"endpoints\">", html, StringComparison.Ordinal);
        Assert.Equal(requests.Count, report.Usage!.Total.Calls - report.Usage.Total.CacheHits);
        Assert.Contains($"<tr><td>total</td><td>{report.Usage.Total.Calls}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_claims_file_fails_before_anything_starts_naming_file_line_and_field()
    {
        var bad = Path.Combine(work, "claims.csv");
        await File.WriteAllTextAsync(bad, "id,title,claim,reason\na1,Topic,Claim one,Reason\na2,Topic,,Reason\n");
        await using var server = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.ServerError());

        var (exit, _, errors) = await CliProcess.RunAsync(Arguments(server, "bad", limit: null, rounds: 2, claims: bad), BuiltCli.Timeout);

        Assert.True(exit == 2, $"exit {exit}: {errors}");
        Assert.Contains("claims.csv:3: field 'claim': must not be empty", errors, StringComparison.Ordinal);
        Assert.Equal(0, server.Calls);
    }

    internal static string ClaimsFile => Datasets.File("logicom", "all-claim-not-claim.csv");

    internal static string WriteConfig(string folder, SimulatedOpenAIServer server) => WriteConfig(folder, server.BaseUrl);

    internal static string WriteConfig(string folder, SimulatedEndpointProcess server) => WriteConfig(folder, server.BaseUrl);

    private static string WriteConfig(string folder, Uri baseUrl)
    {
        var path = Path.Combine(folder, "assay.settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            // Off, so every execution of a round reaches the server and can be counted.
            Cache = new { Enabled = false },
            Endpoints = new Dictionary<string, object>
            {
                ["persuader"] = new { Kind = "OpenAICompatible", BaseUrl = baseUrl.ToString(), Model = DebateSimulation.PersuaderModel, MaxConcurrency = 8 },
                ["debater"] = new { Kind = "OpenAICompatible", BaseUrl = baseUrl.ToString(), Model = DebateSimulation.DebaterModel, MaxConcurrency = 8 },
                ["moderator"] = new { Kind = "OpenAICompatible", BaseUrl = baseUrl.ToString(), Model = DebateSimulation.ModeratorModel, MaxConcurrency = 8 },
            },
        }));
        return path;
    }

    // `assay debate` as a user types it; the published claims unless the test brings its own (which then needs no datasets).
    private List<string> Arguments(SimulatedEndpointProcess server, string runId, int? limit, int rounds, string? claims = null)
    {
        List<string> arguments =
        [
            "debate", "--claims", claims ?? ClaimsFile, "--persuader", "persuader", "--debater", "debater", "--moderator", "moderator",
            "--rounds", rounds.ToString(System.Globalization.CultureInfo.InvariantCulture), "--modes", "logical,fallacious",
            "--storage", azurite.ConnectionString, "--config", WriteConfig(work, server), "--out", work, "--run-id", runId,
        ];
        if (limit is { } k)
        {
            arguments.AddRange(["--limit", k.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        }

        return arguments;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
