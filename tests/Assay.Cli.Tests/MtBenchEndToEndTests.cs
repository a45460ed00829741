using System.Text.Json;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>All 80 MT-Bench questions, both turns, through the local runner on Azurite, model and judge simulated over HTTP.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class MtBenchEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-e2e-").FullName;

    [Fact]
    public async Task Report_numbers_are_exactly_what_the_simulated_judge_returned()
    {
        var simulation = new MtBenchSimulation();
        await using var model = await SimulatedOpenAIServer.StartAsync(simulation.Model);
        await using var judge = await SimulatedOpenAIServer.StartAsync(simulation.Judge);
        var config = WriteConfig(work, model, judge);
        var (output, errors) = (new StringWriter(), new StringWriter());
        var runId = "mtbench-" + Guid.NewGuid().ToString("N")[..8];

        var exit = await CliEntryPoint.RunAsync(
            new LocalRunOptions
            {
                Benchmark = Datasets.File("mt_bench", "question.jsonl"),
                Targets = ["local-model"],
                Judge = "mt-bench:local-judge",
                Storage = azurite.ConnectionString,
                ConfigFile = config,
                OutDirectory = work,
                RunId = runId,
            },
            output,
            errors,
            CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        Assert.Equal(160, model.Calls);
        Assert.Equal(320, judge.Calls); // the model's 160 turns and the null canary's 160
        Assert.All(judge.Requests, r => Assert.Equal(0.0, r.Temperature));
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
        Assert.Contains("| local-model | 80 |", output.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, runId, "report.md")));
        var html = await File.ReadAllTextAsync(Path.Combine(work, runId, "report.html"));
        Assert.Contains("could not be read as a verdict", html, StringComparison.Ordinal);
        Assert.Contains("<td>local-model</td><td>81</td>", html, StringComparison.Ordinal);

        // The judge's key reached the judge, and nothing else: no blob of the run and no line of output holds it.
        Assert.All(judge.Requests, r => Assert.Equal("Bearer test-secret-key", r.Authorization));
        Assert.DoesNotContain("test-secret-key", output + errors.ToString(), StringComparison.Ordinal);
        Assert.Empty(await StorageScan.BlobsContainingAsync(azurite.ConnectionString, runId, "test-secret-key"));
    }

    internal static string WriteConfig(string folder, SimulatedOpenAIServer model, SimulatedOpenAIServer judge)
    {
        var path = Path.Combine(folder, "assay.settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-model", MaxConcurrency = 8 },
                ["local-judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "sim-judge", ApiKey = "test-secret-key", MaxConcurrency = 8 },
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
