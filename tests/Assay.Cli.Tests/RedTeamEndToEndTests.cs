using System.Text.Json;
using Assay.Core;
using Assay.Core.RedTeam;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// ASTRAL through <c>assay redteam</c> on the local runner and Azurite: one simulated server plays generator, two
/// targets and the oracle (told apart by model name), scripted so coverage and unsafe rates are known in advance.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RedTeamEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly CoveragePlan Plan = CoveragePlan.Create(AstralTaxonomy.BuiltIn, perCell: 2, seed: 11, cells: 4, categories: ["c11"]);

    private readonly string work = Directory.CreateTempSubdirectory("assay-redteam-").FullName;

    [Fact]
    public async Task Coverage_and_unsafe_rates_per_cell_and_target_are_exact_and_the_saved_suite_runs_again()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(Handle);
        var runId = "redteam-" + Guid.NewGuid().ToString("N")[..8];
        var (output, errors) = (new StringWriter(), new StringWriter());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));

        var exit = await CliEntryPoint.GuardAsync(() => new RedTeamRunner(output, errors).RunAsync(Options(server, runId), timeout.Token), errors, timeout.Token);

        Assert.True(exit == 0, $"{errors}\n{server.Calls} calls");
        var folder = Path.Combine(work, runId);
        var report = JsonSerializer.Deserialize<RedTeamReport>(await File.ReadAllTextAsync(Path.Combine(folder, "redteam-report.json")), AssayJson.Options)!;
        var c = report.Coverage;
        Assert.Equal((30, 4, 2, 5, 2, 11, 2), (c.CellsInMatrix, c.CellsPlanned, c.CellsFull, c.Prompts, c.Unparseable, c.Seed, c.PerCell));
        Assert.Equal(Plan.Cells.Select(x => x.Key), report.Cells.Select(x => x.Coverage.Cell));
        Assert.Equal(
            [(2, 2, 2, 0, 0), (2, 2, 1, 1, 1), (2, 0, 0, 0, 1), (2, 3, 2, 0, 0)],
            report.Cells.Select(x => (x.Coverage.Requested, x.Coverage.Parsed, x.Coverage.Unique, x.Coverage.Duplicates, x.Coverage.Unparseable.Count)));
        Assert.Equal("I won't write these.", report.Cells[2].Coverage.Unparseable[0]);

        // Per target: a answers P0a, P1a and P3a unsafely (3 of 5); b always refuses and the oracle cannot label one answer.
        // The null canary is judged alongside, like in any run with an LLM judge: the oracle finds its constant answer safe.
        Assert.Equal([("target-a", 5, 5, 0.6), ("target-b", 5, 4, 0.0), ("null", 5, 5, 0.0)], report.Targets.Select(t => (t.Target, t.Cases, t.Scored, t.Rate!.Value)));
        double?[][] perCell = [[0.5, 0.0, 0.0], [1.0, 0.0, 0.0], [null, null, null], [0.5, 0.0, 0.0]];
        Assert.Equal(perCell, report.Cells.Select(x => x.Targets.Select(t => t.Rate).ToArray()).ToArray());
        Assert.Equal([2, 1, 2], report.Cells[3].Targets.Select(t => t.Scored));

        // The generator was asked once per cell with ASTRAL's template and the cell's seed; every call is accounted for.
        var requests = server.Requests.ToList();
        var generator = requests.Where(r => r.Model == "generator").ToList();
        Assert.Equal(4, generator.Count);
        Assert.Equal(Plan.Cells.Select(Plan.CellSeed).Order(), generator.Select(r => (int)r.Seed!.Value).Order());
        Assert.Equal((5, 5, 15), (requests.Count(r => r.Model == "target-a"), requests.Count(r => r.Model == "target-b"), requests.Count(r => r.Model == "oracle")));
        Assert.Contains("| target-a | 5 | 5 | 60% |", output.ToString(), StringComparison.Ordinal);

        // report.html: the run page's parts (what to check with the canary's line, the endpoints table) and the red-team tables.
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        var run = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        Assert.NotNull(run.Integrity?.Canary);
        Assert.Contains("<h2>What to check</h2>", html, StringComparison.Ordinal);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(run.Integrity!.Canary!.Message), html, StringComparison.Ordinal);
        Assert.Contains("<h2>Unsafe rate per target</h2>", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>target-a</td><td>5</td><td>5</td><td>60%", html, StringComparison.Ordinal);
        Assert.Contains("<table id=\"endpoints\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>oracle</td><td>15</td>", html, StringComparison.Ordinal);

        // The saved suite is an ordinary benchmark: run it again with `assay run`, no generator call.
        var suite = Path.Combine(folder, "suite.jsonl");
        Assert.Equal(5, File.ReadAllLines(suite).Length);
        var rerun = runId + "-again";
        var again = await CliEntryPoint.GuardAsync(
            () => new LocalRunner(TextWriter.Null, errors).RunAsync(
                new LocalRunOptions
                {
                    Benchmark = suite, Targets = ["target-a"], Judge = "astral-oracle:oracle", NoCanary = true, Storage = azurite.ConnectionString,
                    ConfigFile = Path.Combine(work, "assay.settings.json"), OutDirectory = work, RunId = rerun,
                },
                timeout.Token),
            errors, timeout.Token);
        Assert.True(again == 0, errors.ToString());
        var rerunReport = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, rerun, "report.json")));
        var target = Assert.Single(rerunReport.Targets);
        Assert.Equal(0.6, target.Metrics.Single(m => m.Name == "unsafe").Mean, 12);
        Assert.Contains(target.Breakdowns!, b => b.Key == "technique");
        Assert.Equal(4, server.Requests.Count(r => r.Model == "generator"));
    }

    [Fact]
    public async Task An_unknown_category_fails_before_anything_starts()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.ServerError());
        var errors = new StringWriter();

        var exit = await CliEntryPoint.GuardAsync(
            () => new RedTeamRunner(TextWriter.Null, errors).RunAsync(Options(server, "bad") with { Categories = ["weather"] }, CancellationToken.None), errors, CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("unknown safety category 'weather'", errors.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, server.Calls);
    }

    private static SimulatedReply Handle(SimulatedChatRequest request)
    {
        var last = request.Messages[^1].Content;
        switch (request.Model)
        {
            case "generator":
                var cell = Plan.Cells.Select((x, i) => (x, i)).Single(p => AstralGenerator.UserMessage(p.x, 2) == last).i;
                return SimulatedReply.Text(cell switch
                {
                    0 => "#Prompt: P0a: tell me about cell zero\n#Prompt: P0b: another for cell zero",
                    1 => "Here you go:\n1. #Prompt: P1a: cell one asks\n2. #Prompt: p0a: tell me about CELL zero!",
                    2 => "I won't write these.",
                    _ => "#Prompt: P3a: first\n#Prompt: P3b: second\n#Prompt: P3c: third",
                });
            case "target-a":
                return SimulatedReply.Text(last.StartsWith("P0a", StringComparison.Ordinal) || last.StartsWith("P1a", StringComparison.Ordinal) || last.StartsWith("P3a", StringComparison.Ordinal)
                    ? "COMPLY: here is how." : "I refuse.");
            case "target-b":
                // ASTRAL's oracle sees the answer only, so the answer names the prompt it refuses.
                return SimulatedReply.Text($"I refuse (b) {last[..3]}.");
            case "oracle":
                return SimulatedReply.Text(last.Contains("COMPLY", StringComparison.Ordinal) ? "unsafe"
                    : last.Contains("P3b", StringComparison.Ordinal) && last.Contains("(b)", StringComparison.Ordinal) ? "unknown" : "safe");
            default:
                return SimulatedReply.ServerError();
        }
    }

    private RedTeamOptions Options(SimulatedOpenAIServer server, string runId)
    {
        var config = Path.Combine(work, "assay.settings.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Cache = new { Enabled = false },
            Endpoints = new[] { "generator", "target-a", "target-b", "oracle" }.ToDictionary(
                n => n, n => (object)new { Kind = "OpenAICompatible", BaseUrl = server.BaseUrl.ToString(), Model = n, MaxConcurrency = 8 }),
        }));
        return new RedTeamOptions
        {
            Generator = "generator",
            Targets = ["target-a", "target-b"],
            Oracle = "oracle",
            PerCell = 2,
            Seed = 11,
            Cells = 4,
            Categories = ["c11"],
            Storage = azurite.ConnectionString,
            ConfigFile = config,
            OutDirectory = work,
            RunId = runId,
        };
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
