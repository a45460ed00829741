using System.Globalization;
using Assay.Core.JudgeEval;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Durable.Tests.Endpoints;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// RewardBench as a judge-eval run: chosen and rejected as case-field targets, a reward model behind a ScoreHttp
/// endpoint (simulated over HTTP) scoring each, accuracy per subset with ties as 0.5, RewardBench's section roll-up.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RewardBenchRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_reward_model_s_RewardBench_accuracy_is_rolled_up_into_sections()
    {
        var file = Path.Combine(Datasets.RepoRoot, "tests", "Fixtures", "rewardbench", "filtered_sample.jsonl");
        // Per pair id: +1 chosen scores higher, -1 rejected does, 0 equal rewards, null the model answers no number.
        var outcome = new Dictionary<string, int?> { ["1"] = 1, ["2"] = 1, ["3"] = -1, ["4"] = 0, ["5"] = 1, ["6"] = -1, ["7"] = 1, ["8"] = 1, ["9"] = null, ["10"] = -1 };
        var rewards = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var pair in RewardBenchReader.ReadAsync(new Assay.Core.Benchmarks.FileBenchmarkSource(file)))
        {
            var o = outcome[pair.Id];
            rewards[pair.OutputA] = o is null ? "\"n/a\"" : (1.5 + o.Value).ToString(CultureInfo.InvariantCulture);
            rewards[pair.OutputB] = o is null ? "0" : "1.5";
        }

        await using var rm = await SimulatedScoreServer.StartAsync(body => (200, $$"""{"score": {{rewards[body!["response"]!.GetValue<string>()]}}}"""));
        var settings = RunKit.Endpoint("rm", rm.ScoreUrl, "reward-v1", kind: "ScoreHttp");
        settings["Endpoints:rm:RequestTemplate"] = """{"prompt": {{prompt}}, "response": {{response}}}""";
        settings["Endpoints:rm:ScorePath"] = "$.score";
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "rb-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/filtered.jsonl", file);
        TargetSpec Field(string name) => new(name, TargetKind.CaseField, Field: name);

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/filtered.jsonl", "rewardbench", [Field("answer_a"), Field("answer_b")], new JudgeSpec("reward-pair", "rm"), Canary: false, Baseline: "answer_b"));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(20, rm.Requests.Count);
        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        var rb = report.RewardBench!;
        Assert.Equal(new RewardBenchSubset("math-prm", 2, 1, 1.0), rb.Subsets.Single(s => s.Subset == "math-prm"));
        Assert.Equal(0.5, rb.Subsets.Single(s => s.Subset == "mt-bench-hard").Accuracy);
        var chat = 100.0 / 195;
        var chatHard = (0.5 * 37 + 0.5 * 100) / 137;
        var reasoning = 984.0 / (984 + 164);
        Assert.Equal(chat, rb.Sections["Chat"], 12);
        Assert.Equal(chatHard, rb.Sections["Chat Hard"], 12);
        Assert.Equal(1.0, rb.Sections["Safety"], 12);
        Assert.Equal(reasoning, rb.Sections["Reasoning"], 12);
        Assert.Equal((chat + chatHard + 1 + reasoning) / 4, rb.Score!.Value, 12);

        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        var markdown = (await reports.GetBlobClient(BlobNames.ReportMarkdown(runId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("| Reasoning | 85.7% |", markdown, StringComparison.Ordinal);
    }
}
