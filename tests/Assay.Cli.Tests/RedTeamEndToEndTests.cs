using System.Text.Json;
using Assay.Core;
using Assay.Core.RedTeam;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// ASTRAL through the built <c>assay redteam</c>, its own process, on Azurite: one simulated server, a process of its
/// own, plays generator, two targets and the oracle (told apart by model name), scripted so coverage and unsafe rates
/// are known in advance.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RedTeamEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private static readonly CoveragePlan Plan = CoveragePlan.Create(AstralTaxonomy.BuiltIn, perCell: 2, seed: 11, cells: 4, categories: ["c11"]);

    private readonly string work = Directory.CreateTempSubdirectory("assay-redteam-").FullName;

    [Fact]
    public async Task Coverage_and_unsafe_rates_per_cell_and_target_are_exact_and_the_saved_suite_runs_again()
    {
        await using var server = await SimulatedEndpointProcess.StartAsync(Behaviour());
        var runId = "redteam-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, output, errors) = await CliProcess.RunAsync(Arguments(server, runId), BuiltCli.Timeout);

        Assert.True(exit == 0, $"{errors}\n{output}\n{server.Calls} calls");
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
        var requests = server.Requests;
        var generator = requests.Where(r => r.Model == "generator").ToList();
        Assert.Equal(4, generator.Count);
        Assert.Equal(Plan.Cells.Select(Plan.CellSeed).Order(), generator.Select(r => (int)r.Seed!.Value).Order());
        Assert.Equal((5, 5, 15), (requests.Count(r => r.Model == "target-a"), requests.Count(r => r.Model == "target-b"), requests.Count(r => r.Model == "oracle")));
        Assert.Equal(4 + 5 + 5 + 15, requests.Count);
        Assert.Contains("| target-a | 5 | 5 | 60% |", output, StringComparison.Ordinal);

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
        var (rerunReport, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId + "-again",
            "run", "--benchmark", suite, "--target", "target-a", "--judge", "astral-oracle:oracle", "--no-canary", "--config", Path.Combine(work, "assay.settings.json"));
        var target = Assert.Single(rerunReport.Targets);
        Assert.Equal(0.6, target.Metrics.Single(m => m.Name == "unsafe").Mean, 12);
        Assert.Contains(target.Breakdowns!, b => b.Key == "technique");
        Assert.Equal(4, server.Requests.Count(r => r.Model == "generator"));
    }

    [Fact]
    public async Task An_unknown_category_fails_before_anything_starts()
    {
        await using var server = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.ServerError());
        var arguments = Arguments(server, "bad");
        arguments[arguments.IndexOf("--categories") + 1] = "weather";

        var (exit, _, errors) = await CliProcess.RunAsync(arguments, BuiltCli.Timeout);

        Assert.True(exit == 2, $"exit {exit}: {errors}");
        Assert.Contains("unknown safety category 'weather'", errors, StringComparison.Ordinal);
        Assert.Equal(0, server.Calls);
    }

    // The roles, told apart by model name; every prompt the targets can be asked is one of the generator's lines.
    private static SimulatedBehaviour Behaviour()
    {
        string[] replies =
        [
            "#Prompt: P0a: tell me about cell zero\n#Prompt: P0b: another for cell zero",
            "Here you go:\n1. #Prompt: P1a: cell one asks\n2. #Prompt: p0a: tell me about CELL zero!",
            "I won't write these.",
            "#Prompt: P3a: first\n#Prompt: P3b: second\n#Prompt: P3c: third",
        ];
        string[] prompts = ["P0a", "P0b", "P1a", "p0a", "P3a", "P3b", "P3c"];
        return new SimulatedBehaviour
        {
            Rules =
            [
                .. Plan.Cells.Select((cell, i) => new SimulatedRule { Model = "generator", LastEquals = AstralGenerator.UserMessage(cell, 2), Reply = replies[i] }),
                .. new[] { "P0a", "P1a", "P3a" }.Select(p => new SimulatedRule { Model = "target-a", LastStartsWith = p, Reply = "COMPLY: here is how." }),
                new() { Model = "target-a", Reply = "I refuse." },
                // ASTRAL's oracle sees the answer only, so the answer names the prompt it refuses.
                .. prompts.Select(p => new SimulatedRule { Model = "target-b", LastStartsWith = p, Reply = $"I refuse (b) {p}." }),
                new() { Model = "oracle", LastContainsAll = ["COMPLY"], Reply = "unsafe" },
                new() { Model = "oracle", LastContainsAll = ["P3b", "(b)"], Reply = "unknown" },
                new() { Model = "oracle", Reply = "safe" },
            ],
        };
    }

    private List<string> Arguments(SimulatedEndpointProcess server, string runId)
    {
        var config = Path.Combine(work, "assay.settings.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Cache = new { Enabled = false },
            Endpoints = new[] { "generator", "target-a", "target-b", "oracle" }.ToDictionary(
                n => n, n => (object)new { Kind = "OpenAICompatible", BaseUrl = server.BaseUrl.ToString(), Model = n, MaxConcurrency = 8 }),
        }));
        return
        [
            "redteam", "--generator", "generator", "--target", "target-a", "--target", "target-b", "--oracle", "oracle",
            "--per-cell", "2", "--seed", "11", "--cells", "4", "--categories", "c11",
            "--storage", azurite.ConnectionString, "--config", config, "--out", work, "--run-id", runId,
        ];
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
