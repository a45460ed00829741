using Assay.Core.Judges;
using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Assay.Durable.Tests.Activities;

[Collection(AzuriteCollection.Name)]
public sealed class ActivityIdempotencyTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_re_executed_activity_calls_nothing_again_and_changes_nothing()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text("answer to " + r.Messages[^1].Content));
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, Endpoint("model", server));
        var runId = "idem-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/question.jsonl", Datasets.File("mt_bench", "question.jsonl"));
        var plan = ActivatorUtilities.CreateInstance<PlanRunActivity>(host.Services);
        var generate = ActivatorUtilities.CreateInstance<GenerateAnswersActivity>(host.Services);
        var context = new Mock<TaskActivityContext>().Object;
        var target = TargetSpec.ForEndpoint("model");

        var planned = await plan.RunAsync(context, new PlanRequest(runId, $"{runId}/question.jsonl", null, 10, [target], new JudgeSpec("refusal"), null));
        var replanned = await plan.RunAsync(context, new PlanRequest(runId, $"{runId}/question.jsonl", null, 10, [target], new JudgeSpec("refusal"), null));
        var first = await generate.RunAsync(context, new GenerateRequest(runId, target, 3));
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        var etag = (await results.GetBlobClient(first.Blob).GetPropertiesAsync()).Value.ETag;
        var second = await generate.RunAsync(context, new GenerateRequest(runId, target, 3));

        Assert.Equal(planned, replanned);
        Assert.Equal((80, 8), (planned.Cases, planned.BatchCount));
        Assert.Equal(20, server.Calls); // 10 cases x 2 turns, once
        Assert.Equal((first.Cases, first.Errors, false), (second.Cases, second.Errors, first.Reused));
        Assert.True(second.Reused);
        Assert.Equal(etag, (await results.GetBlobClient(first.Blob).GetPropertiesAsync()).Value.ETag);
    }

    [Fact]
    public async Task Cases_a_target_cannot_answer_are_counted_as_errors_and_never_judged()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply(null, Status: 400, RawBody: """{"error":{"message":"context length exceeded"}}"""));
        await using var judge = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("[[5]]"));
        var settings = Endpoint("model", model);
        foreach (var (key, value) in Endpoint("judge", judge))
        {
            settings[key] = value;
        }

        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "errors-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/question.jsonl", Datasets.File("mt_bench", "question.jsonl"));

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/question.jsonl", null, [TargetSpec.ForEndpoint("model")], JudgeEndpoint: "judge", Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var report = await Orchestrators.RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        var target = Assert.Single(report.Targets);
        Assert.Equal((80, 0, 0, 80), (target.Cases, target.Scored, target.Unscored, target.Errors));
        Assert.Equal(0, judge.Calls);
        Assert.Equal("mt-bench:judge", report.Judge);
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, BlobNames.Judgments(runId, "model", "mt-bench", 0), CancellationToken.None))
        {
            Assert.Equal(CaseStatus.Error, result.Status);
            Assert.Contains("context length exceeded", result.Error, StringComparison.Ordinal);
        }
    }

    private static Dictionary<string, string?> Endpoint(string name, SimulatedOpenAIServer server) => new()
    {
        [$"Endpoints:{name}:Kind"] = "OpenAICompatible",
        [$"Endpoints:{name}:BaseUrl"] = server.BaseUrl.ToString(),
        [$"Endpoints:{name}:Model"] = name + "-model",
    };
}
