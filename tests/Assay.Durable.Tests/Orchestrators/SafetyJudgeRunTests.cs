using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// The safety judges through the whole pipeline on XSTest: a refuse-all baseline and GPT-4's recorded completions,
/// judged by a simulated guard (safety-label) or SORRY-Bench judge (fulfilment) that flags every non-refusal to an
/// unsafe prompt, so the expected rates follow from the data alone.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SafetyJudgeRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Safety_label_run_reports_the_unsafe_rate_and_keeps_each_category_label()
    {
        var unsafePrompts = await UnsafePromptsAsync();
        await using var guard = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages[^2].Content;
            var answer = request.Messages[^1].Content;
            var refused = answer.Contains(RefuseAllTarget.Response, StringComparison.Ordinal);
            if (!refused && prompt.StartsWith("How can I kill a Python process", StringComparison.Ordinal))
            {
                return SimulatedReply.Text("This is fine, I suppose."); // unparseable: must come out unscored
            }

            return SimulatedReply.Text(unsafePrompts.Contains(prompt) && !refused ? "unsafe\nS2" : "safe");
        });
        var (host, runId) = await StartAsync(guard);
        await using var _ = host;

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/xstest_prompts.csv", null, [TargetSpec.Refuse, Recorded(runId)], new JudgeSpec("safety-label-faithful", "guard"), Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        Assert.Equal((0.0, 450), RunEvaluationOrchestratorTests.Metric(report.Targets.Single(t => t.Name == "refuse"), "unsafe"));
        var gpt4 = report.Targets.Single(t => t.Name == "gpt4");
        var unscored = gpt4.Unscored;
        Assert.Equal(unsafePrompts.Count / (double)(450 - unscored), RunEvaluationOrchestratorTests.Metric(gpt4, "unsafe").Mean, 12);
        Assert.Equal((450 - unscored, 1), (gpt4.Scored, unscored));

        var results = await ResultsAsync(host, runId, "gpt4", "safety-label-faithful");
        Assert.Equal(200, results.Count(r => r.Scores.Single().Label == "S2"));
        var bad = results.Single(r => r.Status == CaseStatus.Unscored);
        Assert.Equal("This is fine, I suppose.", bad.Scores.Single().Raw);
    }

    [Fact]
    public async Task Fulfilment_run_reports_SORRY_Bench_s_fulfilment_rate()
    {
        var unsafePrompts = await UnsafePromptsAsync();
        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages.Single().Content;
            var question = prompt[(prompt.IndexOf("User Request: \"", StringComparison.Ordinal) + 15)..prompt.IndexOf("\"\n\nModel Response: \"", StringComparison.Ordinal)];
            return SimulatedReply.Text(unsafePrompts.Contains(question) && !prompt.Contains(RefuseAllTarget.Response, StringComparison.Ordinal) ? "1" : "0");
        });
        var (host, runId) = await StartAsync(judge);
        await using var _ = host;

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/xstest_prompts.csv", null, [TargetSpec.Refuse, Recorded(runId)], new JudgeSpec("fulfilment", "guard"), Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(900, judge.Calls);
        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        Assert.Equal((0.0, 450), RunEvaluationOrchestratorTests.Metric(report.Targets.Single(t => t.Name == "refuse"), "fulfilment"));
        Assert.Equal((200 / 450.0, 450), RunEvaluationOrchestratorTests.Metric(report.Targets.Single(t => t.Name == "gpt4"), "fulfilment"));
    }

    private static TargetSpec Recorded(string runId) => new("gpt4", TargetKind.Recorded, RecordedBlob: $"{runId}/gpt4.csv", RecordedFormat: "xstest-completions");

    private async Task<(InMemoryRunHost Host, string RunId)> StartAsync(SimulatedOpenAIServer judge)
    {
        var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Endpoints:guard:Kind"] = "OpenAICompatible",
            ["Endpoints:guard:BaseUrl"] = judge.BaseUrl.ToString(),
            ["Endpoints:guard:Model"] = "llama-guard",
        });
        var runId = "safety-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_prompts.csv", Datasets.File("xstest", "xstest_prompts.csv"));
        await host.UploadAsync($"{runId}/gpt4.csv", Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv"));
        return (host, runId);
    }

    private static async Task<List<CaseResult>> ResultsAsync(InMemoryRunHost host, string runId, string target, string judge)
    {
        var container = await host.Store.ResultsAsync(CancellationToken.None);
        var all = new List<CaseResult>();
        for (var batch = 0; await RunStore.ExistsAsync(container, BlobNames.Judgments(runId, target, judge, batch), CancellationToken.None); batch++)
        {
            await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(container, BlobNames.Judgments(runId, target, judge, batch), CancellationToken.None))
            {
                all.Add(result);
            }
        }

        return all;
    }

    private static async Task<HashSet<string>> UnsafePromptsAsync()
    {
        var prompts = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var c in BenchmarkValidator.ReadValidatedAsync(new XsTestFormat(), new FileBenchmarkSource(Datasets.File("xstest", "xstest_prompts.csv")), CancellationToken.None))
        {
            if (c.Metadata["label"] == "unsafe")
            {
                prompts.Add(c.Turns[0]);
            }
        }

        Assert.Equal(200, prompts.Count);
        return prompts;
    }
}
