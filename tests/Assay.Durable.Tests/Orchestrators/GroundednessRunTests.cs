using Assay.Core.Judges;
using Assay.Durable.Contracts;
using Assay.Durable.Tests.Endpoints;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// RAG groundedness end to end: assay-jsonl cases with retrieved documents, a model and a judge both simulated at the
/// HTTP level. Hallucinated references are decided without the judge; an unreadable verdict leaves its case unscored.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class GroundednessRunTests(AzuriteFixture azurite)
{
    private const string Cases = """
        {"id":"q1","turns":["What is Paris?"],"documents":[{"id":"fr","text":"Paris is the capital and largest city of France."}]}
        {"id":"q2","turns":["When did the Eiffel Tower open?"],"documents":[{"id":"eiffel","text":"The Eiffel Tower opened to the public in 1889."}]}
        {"id":"q3","turns":["Say hello."],"documents":[{"id":"x","text":"Hello."}]}
        {"id":"q4","turns":["When does water boil?"],"documents":[{"id":"w","text":"At sea level water boils at 100 degrees Celsius."}]}
        """;

    private static readonly Dictionary<string, string> Answers = new()
    {
        ["What is Paris?"] = "Paris is the capital of France [1]. It has 2 million people [fr].",
        ["When did the Eiffel Tower open?"] = "The Eiffel Tower opened in 1889 [eiffel]. It was designed by Gustave Eiffel [wiki].",
        ["Say hello."] = "Hello!",
        ["When does water boil?"] = "Water boils at 100 C at sea level [w].",
    };

    private static readonly Dictionary<string, string> Verdicts = new()
    {
        ["Paris is the capital of France."] = "The document says so.\n[[SUPPORTED]]",
        ["It has 2 million people."] = "The document gives no population.\n[[UNSUPPORTED]]",
        ["The Eiffel Tower opened in 1889."] = "Stated.\n[[SUPPORTED]]",
        ["Water boils at 100 C at sea level."] = "I think so.",
    };

    [Fact]
    public async Task Supported_unsupported_and_hallucinated_reference_rates_are_reported_exactly()
    {
        // The model is sent the case's documents in front of the question (RetrievedDocuments); it answers by the question.
        await using var model = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text(Answers.Single(a => r.Messages[^1].Content.EndsWith(a.Key, StringComparison.Ordinal)).Value));
        await using var judge = await SimulatedOpenAIServer.StartAsync(r =>
            SimulatedReply.Text(Verdicts.Single(v => r.Messages[^1].Content.Contains($"\n{v.Key}\n", StringComparison.Ordinal)).Value));
        var settings = RunKit.Merge(
            RunKit.Endpoint("model", model.BaseUrl, EndpointKit.UniqueModel("rag")),
            RunKit.Endpoint("judge", judge.BaseUrl, EndpointKit.UniqueModel("judge")));
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "rag-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadTextAsync($"{runId}/rag.jsonl", Cases);

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/rag.jsonl", null, [TargetSpec.ForEndpoint("model")], new JudgeSpec("groundedness", "judge"), Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(4, judge.Calls); // q1: 2 citations, q2: 1 (the other names no document), q3: none, q4: 1
        Assert.Contains(model.Requests, r => r.Messages[^1].Content.StartsWith(Assay.Core.Solvers.RetrievedDocuments.Instruction + "\n\n[fr]\nParis is the capital", StringComparison.Ordinal));
        var target = Assert.Single((await RunKit.ReportAsync(host, runId)).Targets);
        Assert.Equal((4, 2, 2, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        Assert.Equal((0.5, 2), Metric(target, "supported_rate"));
        Assert.Equal((0.25, 2), Metric(target, "unsupported_rate"));
        Assert.Equal((Math.Round(1 / 6.0, 12), 3), Metric(target, "hallucinated_rate"));
        Assert.Equal((1.25, 4), Metric(target, "citations"));

        var results = (await RunKit.ResultsAsync(host, runId, "model", "groundedness")).ToDictionary(r => r.CaseId);
        Assert.Equal("the answer cites no document", results["q3"].Scores.Single(s => s.Name == "supported_rate").Diagnostic);
        var unreadable = results["q4"].Scores.Single(s => s.Name == "supported_rate");
        Assert.Equal("1 judge output(s) had no single [[SUPPORTED]]/[[UNSUPPORTED]] verdict: I think so.", unreadable.Diagnostic);
        Assert.Equal("[w] no verdict: Water boils at 100 C at sea level.", unreadable.Raw);
        Assert.Equal("[eiffel] supported: The Eiffel Tower opened in 1889.\n[wiki] hallucinated: It was designed by Gustave Eiffel.",
            results["q2"].Scores.Single(s => s.Name == "supported_rate").Raw);
    }

    private static (double Mean, int N) Metric(Core.Reports.TargetReport target, string name) =>
        target.Metrics.Single(m => m.Name == name) is var m ? (Math.Round(m.Mean, 12), m.N) : default;
}
