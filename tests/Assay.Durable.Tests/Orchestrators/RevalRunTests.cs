using System.Text.RegularExpressions;
using Assay.Core.Judges;
using Assay.Durable.Contracts;
using Assay.Durable.Tests.Endpoints;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// REval code-reasoning runs end to end: the fixture in samples/reval, a model simulated at the HTTP level that
/// answers each question of the conversation from a script, the no-LLM reval judge. Nothing is executed.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class RevalRunTests(AzuriteFixture azurite)
{
    // (call, question kind) → the model's reply. Per item: all right (IC 1); a right output after a wrong coverage
    // answer (IC 0); coverage and value right, then wrong (0.25); only coverage right (0.125). Mean IC 0.34375.
    private static readonly Dictionary<(string Call, string Kind), string> Replies = new()
    {
        [("sum_even([1, 2, 3, 4])", "covered")] = "[ANSWER]YES[/ANSWER]",
        [("sum_even([1, 2, 3, 4])", "value")] = "[ANSWER]6[/ANSWER]",
        [("sum_even([1, 2, 3, 4])", "next")] = "[ANSWER]3[/ANSWER]",
        [("sum_even([1, 2, 3, 4])", "output")] = "[ANSWER]6[/ANSWER]",
        [("sum_even([1, 3])", "covered")] = "YES",
        [("sum_even([1, 3])", "output")] = "0",
        [("classify(0)", "covered")] = "YES",
        [("classify(0)", "value")] = "\"zero\"",
        [("classify(0)", "next")] = "7",
        [("classify(0)", "output")] = "'positive'",
        [("count_vowels('Banana')", "covered")] = "YES",
        [("count_vowels('Banana')", "value")] = "4",
        [("count_vowels('Banana')", "next")] = "-1",
        [("count_vowels('Banana')", "output")] = "2",
        [("sum_even([1, 2, 3, 4])", "output-only")] = "6",
        [("sum_even([1, 3])", "output-only")] = "0",
        [("classify(0)", "output-only")] = "'zero'",
        [("classify(-5)", "output-only")] = "'negative'",
        [("count_vowels('Banana')", "output-only")] = "3",
        [("count_vowels('xyz')", "output-only")] = "1",
    };

    [Fact]
    public async Task Question_items_and_output_prediction_run_end_to_end_with_exact_scores()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(request => SimulatedReply.Text(Reply(request)));
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, RunKit.Endpoint("model", model.BaseUrl, EndpointKit.UniqueModel("coder")));
        var runId = "reval-" + Guid.NewGuid().ToString("N")[..8];
        var samples = Path.Combine(Datasets.RepoRoot, "samples", "reval");
        await host.UploadAsync($"{runId}/dreval_questions.jsonl", Path.Combine(samples, "dreval_questions.jsonl"));
        await host.UploadAsync($"{runId}/dreval_data.jsonl", Path.Combine(samples, "dreval_data.jsonl"));

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/dreval_questions.jsonl", "reval", [TargetSpec.ForEndpoint("model")], Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(14, model.Calls); // 4 + 2 + 4 + 4 questions, each a turn of its item's conversation
        var report = await RunKit.ReportAsync(host, runId);
        Assert.Equal("reval", report.Judge);
        var target = Assert.Single(report.Targets);
        Assert.Equal((4, 4, 0, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        Assert.Equal((0.34375, 4), Metric(target, "consistency"));
        Assert.Equal((0.75, 4), Metric(target, "covered_line"));
        Assert.Equal((R(2 / 3.0), 3), Metric(target, "variable_value"));
        Assert.Equal((R(1 / 3.0), 3), Metric(target, "next_line"));
        Assert.Equal((0.5, 4), Metric(target, "output"));

        var outputRun = runId + "-out";
        var outputState = await host.RunAsync(new RunRequest(outputRun, $"{runId}/dreval_data.jsonl", "reval", [TargetSpec.ForEndpoint("model")], Canary: false));

        Assert.True(outputState.RuntimeStatus == OrchestrationRuntimeStatus.Completed, outputState.FailureDetails?.ToString());
        var outputs = Assert.Single((await RunKit.ReportAsync(host, outputRun)).Targets);
        Assert.Equal((6, 6, 0, 0), (outputs.Cases, outputs.Scored, outputs.Unscored, outputs.Errors));
        Assert.Equal((R(5 / 6.0), 6), Metric(outputs, "output"));
        Assert.Equal((R(5 / 6.0), 6), Metric(outputs, "consistency")); // one question: consistency is its correctness
    }

    private static string Reply(SimulatedChatRequest request)
    {
        var call = CalledAs().Match(request.Messages.First(m => m.Role == "user").Content).Groups[1].Value;
        var userTurns = request.Messages.Count(m => m.Role == "user");
        var question = request.Messages[^1].Content;
        var kind = question.Contains("Is line", StringComparison.Ordinal) ? "covered"
            : question.Contains("What value does", StringComparison.Ordinal) ? "value"
            : question.Contains("which line is executed next", StringComparison.Ordinal) ? "next"
            : userTurns == 1 ? "output-only" : "output";
        return Replies[(call, kind)];
    }

    private static (double Mean, int N) Metric(Core.Reports.TargetReport target, string name) =>
        target.Metrics.Single(m => m.Name == name) is var m ? (Math.Round(m.Mean, 12), m.N) : default;

    private static double R(double value) => Math.Round(value, 12);

    [GeneratedRegex("It is called as `([^`]+)`")]
    private static partial Regex CalledAs();
}
