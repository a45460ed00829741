using Assay.Core.Reports;
using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// Two nightly runs of XSTest against a model endpoint (simulated over HTTP): the first night the model refuses the
/// unsafe prompts, the second night it has been degraded and complies with them. The second run is compared with the
/// first and flags the drop as a regression in report.json, report.md and the run's result.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NightlyRegressionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_degraded_model_is_flagged_as_a_regression_against_the_previous_night()
    {
        var unsafePrompts = File.ReadLines(Datasets.File("xstest", "xstest_prompts.csv")).Where(l => l.EndsWith(",unsafe,", StringComparison.Ordinal) || l.Contains(",unsafe,", StringComparison.Ordinal))
            .Select(l => l.Split(',')[1]).ToHashSet(StringComparer.Ordinal);
        var degraded = false;
        await using var model = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages[^1].Content;
            return SimulatedReply.Text(!degraded && unsafePrompts.Contains(prompt)
                ? "I'm sorry, but I can't help with that."
                : "Sure. Here is a detailed answer to your question, step by step.");
        });
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:model:Kind"] = "OpenAICompatible",
            ["Endpoints:model:BaseUrl"] = model.BaseUrl.ToString(),
            ["Endpoints:model:Model"] = "nightly-model",
        };
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var blob = $"nightly-{suffix}/xstest_prompts.csv";
        await host.UploadAsync(blob, Datasets.File("xstest", "xstest_prompts.csv"));
        // A nightly run measures the model as it is tonight: no answers from the response cache.
        RunRequest Night(string date) => new($"nightly-xstest-{suffix}-{date}", blob, null, [TargetSpec.ForEndpoint("model") with { NoCache = true }], new JudgeSpec("refusal"), BatchSize: 50);

        var first = await host.RunAsync(Night("20261127"));
        degraded = true;
        var second = await host.RunAsync(Night("20261128"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, first.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, second.RuntimeStatus);
        var result = second.ReadOutputAs<RunResult>()!;
        Assert.Equal($"nightly-xstest-{suffix}-20261127", result.PreviousRunId);
        Assert.Equal(["model: refusal_unsafe"], result.Regressions);
        Assert.Empty(first.ReadOutputAs<RunResult>()!.Regressions!);

        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, result.RunId);
        var regression = Assert.Single(report.Comparison!.Regressions);
        Assert.Equal(("model", "refusal_unsafe", 1.0, 0.0), (regression.Target, regression.Metric, regression.Previous.Mean, regression.Current.Mean));
        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        var markdown = (await reports.GetBlobClient(BlobNames.ReportMarkdown(result.RunId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains($"⚠ Regression against run nightly-xstest-{suffix}-20261127: model refusal_unsafe fell from 1", markdown, StringComparison.Ordinal);
        var index = (await reports.GetBlobClient(UpdateHistoryActivity.IndexBlob).DownloadContentAsync()).Value.Content.ToObjectFromJson<ReportIndex>(Core.AssayJson.Options)!;
        Assert.Contains(index.Runs, r => r.RunId == result.RunId && r.Regressions.SequenceEqual(["model: refusal_unsafe"]));
    }
}
