using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;
using Assay.Durable.Contracts;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// Judge meta-evaluation as a run: LLMBar's 100 Natural pairs, the two outputs as case-field targets, a simulated
/// MT-Bench pair judge that agrees with the gold label except on every fifth pair (in both orders). The report's
/// agreement must be exactly 80 %.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class JudgeEvalRunTests(AzuriteFixture azurite)
{
    private const string StartA = "[The Start of Assistant A's Answer]\n";
    private const string EndA = "\n[The End of Assistant A's Answer]";

    [Fact]
    public async Task A_judge_run_over_labelled_pairs_reports_its_agreement_with_the_gold_labels()
    {
        var file = Datasets.File("llmbar", "Dataset", "LLMBar", "Natural", "dataset.json");
        var pairs = new List<LabelledPair>();
        await foreach (var pair in LlmBarReader.ReadAsync(new FileBenchmarkSource(file), "Natural"))
        {
            pairs.Add(pair);
        }

        // Which output each pair's judge prefers: the gold one, except for every fifth pair.
        var preferred = pairs.Select((p, i) => (p, i)).ToDictionary(
            x => (x.p.OutputA, x.p.OutputB),
            x => (x.p.Gold == PairPreference.A) == (x.i % 5 != 4) ? x.p.OutputA : x.p.OutputB);
        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages[^1].Content;
            var a = prompt[(prompt.IndexOf(StartA, StringComparison.Ordinal) + StartA.Length)..prompt.IndexOf(EndA, StringComparison.Ordinal)];
            var b = prompt[(prompt.IndexOf(EndA, StringComparison.Ordinal) + EndA.Length)..];
            var key = preferred.Keys.Single(k => (k.OutputA == a && b.Contains(k.OutputB, StringComparison.Ordinal)) || (k.OutputB == a && b.Contains(k.OutputA, StringComparison.Ordinal)));
            return SimulatedReply.Text(preferred[key] == a ? "[[A]]" : "[[B]]");
        });
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:judge:Kind"] = "OpenAICompatible",
            ["Endpoints:judge:BaseUrl"] = judge.BaseUrl.ToString(),
            ["Endpoints:judge:Model"] = "j",
        };
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "judge-eval-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/Natural/dataset.json", file);
        TargetSpec Field(string name) => new(name, TargetKind.CaseField, Field: name);

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/Natural/dataset.json", "llmbar", [Field("answer_a"), Field("answer_b")], new JudgeSpec("mt-bench-pair-faithful", "judge"),
            Baseline: "answer_b")); // no canary for a judge evaluation, even by default

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(200, judge.Calls);
        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        var overall = report.JudgeAgreement!.Overall;
        Assert.Equal((100, 100, 0.8), (overall.Pairs, overall.Scored, overall.Agreement));
        Assert.Equal("Natural", Assert.Single(report.JudgeAgreement.Subsets).Subset);
        var target = Assert.Single(report.Targets);
        Assert.Equal(0.8, target.Metrics.Single(m => m.Name == GoldAgreement.MetricName).Mean, 12);
        Assert.Equal(1.0, report.Pairwise!.Targets.Single().PositionConsistency);
    }
}
