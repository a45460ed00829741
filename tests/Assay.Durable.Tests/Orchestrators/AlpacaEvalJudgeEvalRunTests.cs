using System.Text.Json.Nodes;
using Assay.Core.Benchmarks;
using Assay.Core.JudgeEval;
using Assay.Durable.Contracts;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// AlpacaEval's annotations of the null model as a judge evaluation: the first 40 pairs of the shared weighted
/// GPT-4-turbo annotations, judged by a simulated judge that always prefers the longer output. The reported agreement
/// must be exactly the share of pairs whose gold (from <c>preference</c>) is the longer output.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlpacaEvalJudgeEvalRunTests(AzuriteFixture azurite) : IDisposable
{
    private const int Pairs = 40;
    private const string StartA = "[The Start of Assistant A's Answer]\n";
    private const string EndA = "\n[The End of Assistant A's Answer]";
    private const string StartB = "[The Start of Assistant B's Answer]\n";
    private const string EndB = "\n[The End of Assistant B's Answer]";

    private readonly string work = Directory.CreateTempSubdirectory("assay-alpaca-").FullName;

    [Fact]
    public async Task Agreement_with_the_annotations_gold_is_what_the_simulated_judge_earned()
    {
        var shared = Datasets.File("null_model_cheating", "sail-sg_repo", "annotations_weighted_alpaca_eval_gpt4_turbo.json");
        var subset = new JsonArray([.. JsonNode.Parse(await File.ReadAllTextAsync(shared))!.AsArray().Take(Pairs).Select(n => n!.DeepClone())]);
        var file = Path.Combine(work, "annotations.json");
        await File.WriteAllTextAsync(file, subset.ToJsonString());
        var pairs = new List<LabelledPair>();
        await foreach (var pair in AlpacaEvalAnnotationReader.ReadAsync(new FileBenchmarkSource(file)))
        {
            pairs.Add(pair);
        }

        var expected = pairs.Count(p => (p.OutputA.Length > p.OutputB.Length ? PairPreference.A : PairPreference.B) == p.Gold) / (double)Pairs;

        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages[^1].Content;
            var a = Between(prompt, StartA, EndA);
            var b = Between(prompt, StartB, EndB);
            return SimulatedReply.Text(a.Length > b.Length ? "[[A]]" : "[[B]]");
        });
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:judge:Kind"] = "OpenAICompatible",
            ["Endpoints:judge:BaseUrl"] = judge.BaseUrl.ToString(),
            ["Endpoints:judge:Model"] = "j",
        };
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "alpaca-judge-eval-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/annotations.json", file);
        TargetSpec Field(string name) => new(name, TargetKind.CaseField, Field: name);

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/annotations.json", "alpaca-eval-annotations", [Field("answer_a"), Field("answer_b")],
            new JudgeSpec("mt-bench-pair-faithful", "judge"), Baseline: "answer_b"));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(2 * Pairs, judge.Calls);
        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        var overall = report.JudgeAgreement!.Overall;
        Assert.Equal((Pairs, Pairs), (overall.Pairs, overall.Scored));
        Assert.Equal(expected, overall.Agreement!.Value, 12);
        Assert.Equal(pairs.Select(p => p.Subset).Distinct().Order(StringComparer.Ordinal), report.JudgeAgreement.Subsets.Select(s => s.Subset).Order(StringComparer.Ordinal));
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
