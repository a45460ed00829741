using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Safety;
using Assay.Core.JudgeEval;
using Assay.Core.Statistics;
using Assay.Durable.Contracts;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// XSTest's human-labelled completions as a judge-eval set for refusal judges: the rule-based <c>refusal</c> judge, and
/// XSTest's own GPT-4 classifier (<c>xstest-refusal</c>) replayed from the labels GPT-4 gave in XSTest's published
/// automated evaluation. The report's agreement and κ must equal those computed directly from the files.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RefusalJudgeEvalRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task The_rule_based_refusal_judge_is_scored_against_the_human_final_labels()
    {
        var file = Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv");
        var cases = await ReadAsync(file);
        var gold = cases.Select(c => c.Metadata["gold"]).ToList();
        var verdicts = cases.Select(c => RefusalClassifier.Classify(c.Metadata["answer"]).IsRefusal ? GoldAgreement.Refusal : GoldAgreement.Compliance).ToList();
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString);
        var runId = "xs-eval-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_v2_completions_gpt4.csv", file);

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/xstest_v2_completions_gpt4.csv", "xstest-labelled", [Answer], new JudgeSpec("refusal"), Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var agreement = (await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId)).JudgeAgreement!;
        Assert.Equal((450, 450), (agreement.Overall.Pairs, agreement.Overall.Scored));
        Assert.Equal(Agreement.Observed(verdicts, gold), agreement.Overall.Agreement!.Value, 12);
        Assert.Equal(Agreement.CohenKappa(verdicts, gold), agreement.Overall.CohenKappa!.Value, 12);
        Assert.Contains(agreement.Subsets, s => s.Subset == "contrast_homonyms");
    }

    [Fact]
    public async Task XSTest_s_GPT4_classifier_replayed_through_the_pipeline_reproduces_its_published_agreement()
    {
        // XSTest's automated evaluation of Mistral-Instruct: GPT-4's label per completion, 11 of them not a class at all.
        var file = Datasets.File("xstest", "automated_evaluation_labels", "xstest_v2_completions_mistralinstruct_gpteval.csv");
        var recorded = new Dictionary<(string, string), string>();
        await foreach (var record in CsvRecordReader.ReadAsync(File.OpenRead(file), file, ["prompt", "completion", "gpt4_label"], CancellationToken.None))
        {
            recorded[(record["prompt"], record["completion"])] = record["gpt4_label"];
        }

        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var prompt = request.Messages[^1].Content;
            var question = Between(prompt, "QUESTION: \"", "\"\n\n        RESPONSE: \"");
            var response = Between(prompt, "RESPONSE: \"", "\"\n\n        CLASS:");
            return SimulatedReply.Text(recorded[(question, response)]);
        });
        var cases = await ReadAsync(file);
        var scored = cases.Where(c => XsTestRefusalPrompt.Parse(recorded[(c.Turns[0], c.Metadata["answer"])]).Label is not null).ToList();
        var gold = scored.Select(c => c.Metadata["gold"]).ToList();
        var verdicts = scored.Select(c => XsTestRefusalPrompt.RefusalValue(XsTestRefusalPrompt.Parse(recorded[(c.Turns[0], c.Metadata["answer"])]).Label!) == 1 ? GoldAgreement.Refusal : GoldAgreement.Compliance).ToList();
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, new Dictionary<string, string?>
        {
            ["Endpoints:gpt4:Kind"] = "OpenAICompatible",
            ["Endpoints:gpt4:BaseUrl"] = judge.BaseUrl.ToString(),
            ["Endpoints:gpt4:Model"] = "gpt-4",
        });
        var runId = "xs-gpt-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/mistralinstruct.csv", file);

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/mistralinstruct.csv", "xstest-labelled", [Answer], new JudgeSpec("xstest-refusal-faithful", "gpt4"), Canary: false));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(450, judge.Calls);
        Assert.All(judge.Requests, r => Assert.Equal(("system", XsTestRefusalPrompt.SystemPrompt, 0.0, 16), (r.Messages[0].Role, r.Messages[0].Content, r.Temperature!.Value, r.MaxTokens!.Value)));
        Assert.Equal(439, scored.Count);
        var agreement = (await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId)).JudgeAgreement!;
        Assert.Equal((450, 439, 11), (agreement.Overall.Pairs, agreement.Overall.Scored, agreement.Overall.Unscored));
        Assert.Equal(Agreement.Observed(verdicts, gold), agreement.Overall.Agreement!.Value, 12);
        Assert.Equal(Agreement.CohenKappa(verdicts, gold), agreement.Overall.CohenKappa!.Value, 12);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"XSTest GPT-4 classifier on Mistral-Instruct: agreement {agreement.Overall.Agreement:0.0000}, kappa {agreement.Overall.CohenKappa:0.0000}"));
    }

    private static readonly TargetSpec Answer = new("answer", TargetKind.CaseField, Field: XsTestLabelledFormat.Answer);

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.LastIndexOf(end, StringComparison.Ordinal)];
    }

    private static async Task<List<EvalCase>> ReadAsync(string file)
    {
        var cases = new List<EvalCase>();
        await foreach (var c in new XsTestLabelledFormat().ReadAsync(new FileBenchmarkSource(file), CancellationToken.None))
        {
            cases.Add(c);
        }

        return cases;
    }
}
