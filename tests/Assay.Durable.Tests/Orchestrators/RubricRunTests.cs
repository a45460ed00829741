using Assay.Core.Judges.Rubrics;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Tests.Endpoints;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>A custom rubric named in configuration, judging a run through the pipeline with a simulated judge endpoint.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RubricRunTests(AzuriteFixture azurite)
{
    private const string Rubric = "---\nmetric: helpfulness\nverdict: \\[\\[(\\d)\\]\\]\nscale: 1-5\n---\nQuestion: {question}\nAnswer: {answer}\nRate 1-5 as [[N]].";

    [Fact]
    public async Task A_configured_rubric_judges_a_run_and_its_metric_reaches_the_report()
    {
        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
            SimulatedReply.Text(request.Messages[^1].Content.Contains(RefuseAllTarget.Response, StringComparison.Ordinal) ? "Unhelpful. [[1]]" : "Fine. [[4]]"));
        var settings = RunKit.Endpoint("judge", judge.BaseUrl, "grader");
        settings["Rubrics:helpful:Template"] = Rubric;
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "rubric-" + Guid.NewGuid().ToString("N")[..8];
        var blob = await RunKit.UploadCasesAsync(host, runId, 6);

        var state = await host.RunAsync(new RunRequest(runId, blob, null, [TargetSpec.Refuse, TargetSpec.Null], new JudgeSpec("rubric.helpful", "judge")));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(12, judge.Calls);
        var report = await RunKit.ReportAsync(host, runId);
        Assert.Equal((1.0, 6), RunEvaluationOrchestratorTests.Metric(report.Targets.Single(t => t.Name == "refuse"), "helpfulness"));
        Assert.Equal((4.0, 6), RunEvaluationOrchestratorTests.Metric(report.Targets.Single(t => t.Name == "null"), "helpfulness"));
    }

    [Fact]
    public async Task An_unconfigured_rubric_fails_the_run_before_any_call_naming_what_is_configured()
    {
        await using var judge = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("[[3]]"));
        var settings = RunKit.Endpoint("judge", judge.BaseUrl, "grader");
        settings["Rubrics:helpful:Template"] = Rubric;
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "rubric-" + Guid.NewGuid().ToString("N")[..8];
        var blob = await RunKit.UploadCasesAsync(host, runId, 2);

        var state = await host.RunAsync(new RunRequest(runId, blob, null, [TargetSpec.Refuse], new JudgeSpec("rubric.harmless", "judge")));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, state.RuntimeStatus);
        Assert.Contains("no rubric named 'harmless' in configuration (Rubrics:NAME:File); configured: helpful", state.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0, judge.Calls);
    }

    [Fact]
    public async Task A_broken_rubric_stops_the_host_at_start_up_naming_line_and_field()
    {
        var settings = new Dictionary<string, string?> { ["Rubrics:bad:Template"] = "---\nverdict: (\\d)\nscale: 1-5\n---\nQ: {question}\nA: {answr}" };

        var error = await Assert.ThrowsAsync<RubricFormatException>(() => InMemoryRunHost.StartAsync(azurite.ConnectionString, settings));

        Assert.Equal("configuration Rubrics:bad:6: field 'template': '{answr}' is not a placeholder ({question}, {answer}, {reference}); write {{ and }} for literal braces", error.Message);
    }
}
