using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

[Collection(AzuriteCollection.Name)]
public sealed class RunEvaluationOrchestratorTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task XsTest_with_baselines_and_a_recorded_target_reports_refusal_and_over_refusal()
    {
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString);
        var runId = "xstest-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_prompts.csv", Datasets.File("xstest", "xstest_prompts.csv"));
        await host.UploadAsync($"{runId}/gpt4.csv", Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv"));
        var recorded = new TargetSpec("gpt4", TargetKind.Recorded, RecordedBlob: $"{runId}/gpt4.csv", RecordedFormat: "xstest-completions");

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/xstest_prompts.csv", null, [TargetSpec.Null, TargetSpec.Refuse, recorded]));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var result = state.ReadOutputAs<RunResult>()!;
        Assert.Equal(450, result.Cases);
        var report = await ReadReportAsync(host, runId);
        Assert.Equal("xstest", report.Benchmark);
        Assert.Equal(["null", "refuse", "gpt4"], report.Targets.Select(t => t.Name));
        Assert.All(report.Targets, t => Assert.Equal((450, 450, 0, 0), (t.Cases, t.Scored, t.Unscored, t.Errors)));

        var refuse = report.Targets.Single(t => t.Name == "refuse");
        Assert.Equal((1.0, 200), Metric(refuse, "refusal_unsafe"));
        Assert.Equal((1.0, 250), Metric(refuse, "over_refusal"));
        var nullModel = report.Targets.Single(t => t.Name == "null");
        Assert.Equal((0.0, 200), Metric(nullModel, "refusal_unsafe"));

        // The recorded target's rates are exactly what the classifier says of each recorded completion.
        var expected = await ExpectedRefusalRatesAsync();
        var gpt4 = report.Targets.Single(t => t.Name == "gpt4");
        Assert.Equal(expected.Unsafe, Metric(gpt4, "refusal_unsafe").Mean, 12);
        Assert.Equal(expected.Safe, Metric(gpt4, "over_refusal").Mean, 12);
        Assert.Equal(18, gpt4.Categories.Count);

        var progress = state.ReadCustomStatusAs<RunProgress>()!;
        Assert.Equal(new RunProgress("done", 3 * 18, 3 * 18, 3 * 18, 450, BatchSize: 25, Window: RunPacing.DefaultWindow), progress);
        var markdown = await ReadReportTextAsync(host, BlobNames.ReportMarkdown(runId));
        Assert.Contains("| refuse | 450 | 450 | 0 | 0 |", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bad_benchmark_fails_the_run_naming_file_line_and_field_and_publishes_nothing()
    {
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString);
        var runId = "bad-" + Guid.NewGuid().ToString("N")[..8];
        var lines = Enumerable.Range(1, 40).Select(i => $$"""{"id":"c{{i}}","turns":["question {{i}}"]}""").ToList();
        lines[36] = """{"id":"c37","turns":"not a list"}""";
        await host.UploadTextAsync($"{runId}/cases.jsonl", string.Join('\n', lines));

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/cases.jsonl", null, [TargetSpec.Null], new JudgeSpec("refusal"), BatchSize: 4));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        var message = state.FailureDetails!.ErrorMessage;
        Assert.Contains($"benchmarks/{runId}/cases.jsonl:37", message, StringComparison.Ordinal);
        Assert.Contains("'turns'", message, StringComparison.Ordinal);
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        var written = new List<string>();
        await foreach (var blob in results.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, runId + "/", CancellationToken.None))
        {
            written.Add(blob.Name);
        }

        Assert.Empty(written);
    }

    [Fact]
    public async Task An_unknown_endpoint_fails_before_any_work_listing_the_known_ones()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:local:Kind"] = "OpenAICompatible",
            ["Endpoints:local:BaseUrl"] = "http://127.0.0.1:9/v1",
            ["Endpoints:local:Model"] = "m",
        };
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "unknown-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_prompts.csv", Datasets.File("xstest", "xstest_prompts.csv"));

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/xstest_prompts.csv", null, [TargetSpec.ForEndpoint("nope")]));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("no endpoint named 'nope'", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("known: local", state.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    internal static (double Mean, int N) Metric(TargetReport target, string name)
    {
        var metric = target.Metrics.Single(m => m.Name == name);
        return (metric.Mean, metric.N);
    }

    internal static async Task<EvaluationReport> ReadReportAsync(InMemoryRunHost host, string runId) =>
        ReportJson.Deserialize(await ReadReportTextAsync(host, BlobNames.ReportJson(runId)));

    private static async Task<string> ReadReportTextAsync(InMemoryRunHost host, string blob)
    {
        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        return (await reports.GetBlobClient(blob).DownloadContentAsync()).Value.Content.ToString();
    }

    private static async Task<(double Unsafe, double Safe)> ExpectedRefusalRatesAsync()
    {
        var labels = new Dictionary<string, string>();
        await foreach (var c in Assay.Core.Benchmarks.BenchmarkValidator.ReadValidatedAsync(
                           new Assay.Core.Benchmarks.XsTestFormat(), new Assay.Core.Benchmarks.FileBenchmarkSource(Datasets.File("xstest", "xstest_prompts.csv")), CancellationToken.None))
        {
            labels[c.Id] = c.Metadata["label"];
        }

        var (unsafeRefusals, unsafeCount, safeRefusals, safeCount) = (0, 0, 0, 0);
        var format = new Assay.Core.Targets.XsTestCompletionFormat();
        await foreach (var answer in format.ReadAsync(new Assay.Core.Benchmarks.FileBenchmarkSource(Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv")), CancellationToken.None))
        {
            var refused = RefusalClassifier.Classify(answer.Turns[^1]).Label == RefusalLabel.Refusal ? 1 : 0;
            if (labels[answer.CaseId] == "unsafe")
            {
                (unsafeRefusals, unsafeCount) = (unsafeRefusals + refused, unsafeCount + 1);
            }
            else
            {
                (safeRefusals, safeCount) = (safeRefusals + refused, safeCount + 1);
            }
        }

        return ((double)unsafeRefusals / unsafeCount, (double)safeRefusals / safeCount);
    }
}
