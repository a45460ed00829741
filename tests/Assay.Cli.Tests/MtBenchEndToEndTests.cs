using System.Text.Json;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// All 80 MT-Bench questions, both turns, through the built CLI (its own process) on Azurite, model and judge simulated
/// over HTTP in processes of their own.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MtBenchEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-e2e-").FullName;

    [Fact]
    public async Task Report_numbers_are_exactly_what_the_simulated_judge_returned()
    {
        // Model and judge are processes of their own; this one reads what the judge was sent and answered the same way.
        var simulation = new MtBenchSimulation();
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour { MtBench = "model" });
        await using var judge = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour { MtBench = "judge" });
        var config = WriteConfig(work, model.BaseUrl, judge.BaseUrl);
        var runId = "mtbench-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, output, errors) = await CliProcess.RunAsync(
            [
                "run", "--benchmark", Datasets.File("mt_bench", "question.jsonl"), "--target", "local-model", "--judge", "mt-bench:local-judge",
                "--storage", azurite.ConnectionString, "--config", config, "--out", work, "--run-id", runId,
            ],
            BuiltCli.Timeout);

        Assert.True(exit == 0, errors + output);
        Assert.Equal(160, model.Calls);
        var judged = judge.Requests;
        Assert.Equal(320, judged.Count); // the model's 160 turns and the null canary's 160
        Assert.All(judged, r => Assert.Equal(0.0, r.Temperature));
        foreach (var request in judged)
        {
            simulation.Judge(request);
        }

        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json")));
        Assert.Equal(runId, report.RunId);
        Assert.Equal("mt-bench", report.Benchmark);
        Assert.Equal(["local-model", "null"], report.Targets.Select(t => t.Name));
        var target = report.Targets[0];
        var canary = report.Integrity!.Canary!;
        Assert.Equal(("null", "score", 1.0, false), (canary.Target, canary.Metric, canary.Mean, canary.Flagged));
        Assert.Empty(report.Integrity.Flags);

        var unparseable = Enumerable.Range(81, 80).Count(id => MtBenchSimulation.IsUnparseable(id, 2));
        Assert.Equal((80, 80 - unparseable, unparseable, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        AssertMetrics(target.Metrics, Enumerable.Range(81, 80));
        Assert.Equal(8, target.Categories.Count);
        foreach (var category in target.Categories)
        {
            var ids = simulation.Categories.Where(c => c.Value == category.Name).Select(c => c.Key).ToList();
            Assert.Equal(10, category.Cases);
            AssertMetrics(category.Metrics, ids);
        }

        // The judge's unparseable outputs were counted, never scored as 0, and kept raw in the per-case results.
        Assert.Equal(unparseable, simulation.Verdicts.Count(v => v.Rating is null));
        Assert.Contains("| local-model | 80 |", output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, runId, "report.md")));
        var html = await File.ReadAllTextAsync(Path.Combine(work, runId, "report.html"));
        Assert.Contains("could not be read as a verdict", html, StringComparison.Ordinal);
        Assert.Contains("<td>local-model</td><td>81</td>", html, StringComparison.Ordinal);

        // The judge's key reached the judge, and nothing else: no blob of the run and no line of output holds it.
        Assert.All(judged, r => Assert.Equal("Bearer test-secret-key", r.Authorization));
        Assert.DoesNotContain("test-secret-key", output + errors, StringComparison.Ordinal);
        Assert.Empty(await StorageScan.BlobsContainingAsync(azurite.ConnectionString, runId, "test-secret-key"));
    }

    internal static string WriteConfig(string folder, SimulatedOpenAIServer model, SimulatedOpenAIServer judge) => WriteConfig(folder, model.BaseUrl, judge.BaseUrl);

    internal static string WriteConfig(string folder, Uri model, Uri judge)
    {
        var path = Path.Combine(folder, "assay.settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.ToString(), Model = "sim-model", MaxConcurrency = 8 },
                ["local-judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.ToString(), Model = "sim-judge", ApiKey = "test-secret-key", MaxConcurrency = 8 },
            },
        }));
        return path;
    }

    private static void AssertMetrics(IReadOnlyList<MetricSummary> metrics, IEnumerable<int> ids)
    {
        var idList = ids.ToList();
        double[] Turn(int turn) => idList.Where(id => !MtBenchSimulation.IsUnparseable(id, turn)).Select(id => MtBenchSimulation.Rating(id, turn)).ToArray();
        var overall = idList.Where(id => !MtBenchSimulation.IsUnparseable(id, 1) && !MtBenchSimulation.IsUnparseable(id, 2))
            .Select(id => (MtBenchSimulation.Rating(id, 1) + MtBenchSimulation.Rating(id, 2)) / 2).ToArray();
        foreach (var (name, values) in new[] { ("turn1", Turn(1)), ("turn2", Turn(2)), ("score", overall) })
        {
            var metric = Assert.Single(metrics, m => m.Name == name);
            Assert.Equal(values.Length, metric.N);
            Assert.Equal(values.Average(), metric.Mean, 10);
            Assert.InRange(metric.CiLow, values.Min(), metric.Mean);
            Assert.InRange(metric.CiHigh, metric.Mean, values.Max());
        }
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
