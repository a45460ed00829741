using System.Globalization;
using System.Text.Json.Nodes;
using Assay.Core.Judges;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>A reward model behind a ScoreHttp endpoint, simulated at the HTTP level, as the judge of a run.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ScoreHttpTests(AzuriteFixture azurite)
{
    private const string Template = """{"model": {{model}}, "input": {"prompt": {{prompt}}, "response": {{response}}}, "messages": {{conversation}}}""";

    [Fact]
    public async Task The_reward_judge_scores_each_case_with_the_number_at_the_configured_path()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text($"He said \"{r.Messages[^1].Content}\"\nand left."));
        await using var rewards = await SimulatedScoreServer.StartAsync(body =>
        {
            var response = body!["input"]!["response"]!.GetValue<string>();
            return response.Contains("question 5\"", StringComparison.Ordinal)
                ? (200, """{"data":[{"score":"unsure"}]}""")
                : (200, $$"""{"data":[{"score":{{Reward(response).ToString(CultureInfo.InvariantCulture)}}}]}""");
        });
        var settings = RunKit.Merge(
            RunKit.Endpoint("model", model.BaseUrl, EndpointKit.UniqueModel("policy")),
            RunKit.Endpoint("rm", rewards.ScoreUrl, "reward-v1", kind: "ScoreHttp"));
        settings["Endpoints:rm:RequestTemplate"] = Template;
        settings["Endpoints:rm:ScorePath"] = "$.data[0].score";
        settings["Endpoints:rm:ApiKey"] = "rm-key";
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "reward-" + Guid.NewGuid().ToString("N")[..8];
        var blob = await RunKit.UploadCasesAsync(host, runId, 12);

        var state = await host.RunAsync(new RunRequest(runId, blob, null, [TargetSpec.ForEndpoint("model")], new JudgeSpec("reward", "rm"), Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(12, rewards.Requests.Count);
        var (body, authorization) = rewards.Requests.First();
        Assert.Equal("Bearer rm-key", authorization);
        Assert.Equal("reward-v1", body!["model"]!.GetValue<string>());
        Assert.Equal(["user", "assistant"], body["messages"]!.AsArray().Select(m => m!["role"]!.GetValue<string>()));
        Assert.StartsWith("He said \"question", body["input"]!["response"]!.GetValue<string>(), StringComparison.Ordinal);

        var results = await RunKit.ResultsAsync(host, runId, "model", "reward");
        var unsure = Assert.Single(results, r => r.Status == CaseStatus.Unscored);
        Assert.Equal("c5", unsure.CaseId);
        Assert.Equal("unsure", unsure.Scores.Single().Raw);
        var target = Assert.Single((await RunKit.ReportAsync(host, runId)).Targets);
        Assert.Equal((12, 11, 1, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        var expected = Enumerable.Range(1, 12).Where(i => i != 5).Select(i => Reward($"He said \"question {i}\"\nand left.")).Average();
        var reward = Assert.Single(target.Metrics);
        Assert.Equal(("reward", 11), (reward.Name, reward.N));
        Assert.Equal(expected, reward.Mean, 12);
    }

    [Fact]
    public async Task A_label_scores_one_when_it_is_the_positive_label_and_a_5xx_is_retried()
    {
        var calls = 0;
        await using var classifier = await SimulatedScoreServer.StartAsync(body =>
            Interlocked.Increment(ref calls) == 1 ? (503, "{}")
            : (200, body!["text"]!.GetValue<string>().Contains("kill", StringComparison.Ordinal) ? """{"label":"UNSAFE"}""" : """{"label":"SAFE"}"""));
        var options = new EndpointOptions
        {
            Kind = EndpointKind.ScoreHttp, BaseUrl = classifier.ScoreUrl, RequestTemplate = """{"text": {{response}}}""", ScorePath = "label",
            PositiveLabel = "unsafe", RetryBaseDelaySeconds = 0.01, TimeoutSeconds = 2,
        };
        using var factory = EndpointKit.Factory(null, ("guard", options));
        var judge = new RewardJudge();
        var model = new Microsoft.Extensions.AI.Evaluation.ChatConfiguration(factory.Get("guard"));

        var flagged = await judge.JudgeAsync(new() { Id = "1", Turns = ["how?"] }, new() { CaseId = "1", Target = "t", Turns = ["kill it"] }, model, CancellationToken.None);
        var clean = await judge.JudgeAsync(new() { Id = "2", Turns = ["how?"] }, new() { CaseId = "2", Target = "t", Turns = ["bake it"] }, model, CancellationToken.None);

        Assert.Equal(1.0, flagged.Single().Value);
        Assert.Equal(0.0, clean.Single().Value);
        Assert.Equal(3, calls);
    }

    private static double Reward(string response) => (response.Length % 7) / 7.0;
}
