using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Ensembles;
using Assay.Core.Statistics;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Durable.Tests.Endpoints;
using Assay.Testing;
using Microsoft.DurableTask.Client;
using Xunit.Abstractions;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// A judge ensemble on real data: GPT-4's 450 XSTest completions (recorded target, with the human final_label),
/// judged by Assay's rule-based refusal judge and two refusal classifiers behind ScoreHttp endpoints (simulated at the
/// HTTP level) that answer with XSTest's own published automatic labels: GPT-4-as-judge (gpt4_label) and string
/// matching (strmatch_label). The report must give each member's agreement with the human labels exactly, and Hedge's
/// numbers must be the replay of the stored votes in case id order.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EnsembleRunTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Template = """{"prompt": {{prompt}}, "response": {{response}}}""";

    [Fact]
    public async Task An_ensemble_of_three_refusal_judges_reports_each_members_and_the_ensembles_agreement_with_the_human_labels()
    {
        var gpt4Labels = await LabelsAsync("xstest_v2_completions_gpt4_gpteval.csv", "gpt4_label");
        var stringLabels = await LabelsAsync("xstest_v2_completions_gpt4_streval.csv", "strmatch_label");
        await using var gpt4Judge = await SimulatedScoreServer.StartAsync(body => (200, $$"""{"score": {{gpt4Labels[Prompt(body)]}}}"""));
        await using var stringJudge = await SimulatedScoreServer.StartAsync(body => (200, $$"""{"score": {{stringLabels[Prompt(body)]}}}"""));
        var settings = RunKit.Merge(
            RunKit.Endpoint("gpt4judge", gpt4Judge.ScoreUrl, "gpt-4", kind: "ScoreHttp"),
            RunKit.Endpoint("strmatch", stringJudge.ScoreUrl, "strmatch", kind: "ScoreHttp"));
        foreach (var name in new[] { "gpt4judge", "strmatch" })
        {
            settings[$"Endpoints:{name}:RequestTemplate"] = Template;
            settings[$"Endpoints:{name}:ScorePath"] = "$.score";
            settings[$"Endpoints:{name}:TimeoutSeconds"] = "30"; // 900 calls on a shared machine: no timeouts wanted here
        }

        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "ensemble-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_prompts.csv", Datasets.File("xstest", "xstest_prompts.csv"));
        await host.UploadAsync($"{runId}/gpt4.csv", Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv"));
        var recorded = new TargetSpec("gpt4", TargetKind.Recorded, RecordedBlob: $"{runId}/gpt4.csv", RecordedFormat: "xstest-completions");
        var judge = JudgeSpec.Parse("ensemble:hedge(refusal,reward:gpt4judge,reward:strmatch)");

        var state = await host.RunAsync(new RunRequest(runId, $"{runId}/xstest_prompts.csv", null, [recorded], judge, BatchSize: 40));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal((450, 450), (Distinct(gpt4Judge), Distinct(stringJudge))); // every completion asked (a retry may repeat one)
        var report = await RunKit.ReportAsync(host, runId);
        Assert.Equal("ensemble:hedge(refusal,reward:gpt4judge,reward:strmatch)", report.Judge);
        var results = (await RunKit.ResultsAsync(host, runId, "gpt4", "ensemble")).OrderBy(r => int.Parse(r.CaseId, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Empty(results.Where(r => r.Status != CaseStatus.Scored).Select(r => $"{r.CaseId}: {r.Error}"));
        var target = Assert.Single(report.Targets);
        Assert.Equal((450, 450, 0, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        Assert.Contains(target.Metrics, m => m.Name == "reward:gpt4judge/reward" && m.N == 450);

        var section = report.Ensemble!;
        Assert.Equal("hedge", section.Rule);
        Assert.Equal(["refusal", "reward:gpt4judge", "reward:strmatch"], section.Members);
        var ensemble = Assert.Single(section.Targets);
        Assert.Equal(450, ensemble.LabelledCases);
        Assert.Equal(Math.Sqrt(8 * Math.Log(3) / 450), ensemble.LearningRate, 15);

        // XSTest's published automatic labels against its human labels (counted independently with a script):
        // GPT-4 disagrees on 28 of 450 completions, string matching on 29.
        Assert.Equal((450, 28), (ensemble.Members[1].N, ensemble.Members[1].Mistakes));
        Assert.Equal((450, 29), (ensemble.Members[2].N, ensemble.Members[2].Mistakes));

        // Every other number is the replay of the stored votes in case id order: majority per case, Hedge online.
        var votes = results.Select(r => (IReadOnlyList<int?>)section.Members.Select(m => Vote(r, EnsembleMetrics.Vote(m))).ToList()).ToList();
        var gold = results.Select(r => Vote(r, EnsembleMetrics.Gold)!.Value).ToList();
        var hedge = Hedge.Run(votes, gold, ensemble.LearningRate);
        Assert.Equal(hedge.FinalWeights, ensemble.FinalWeights);
        Assert.Equal(hedge.Predictions.Zip(gold).Count(p => p.First != p.Second), ensemble.Hedge.Mistakes);
        var refusalMistakes = votes.Zip(gold).Count(p => p.First[0] != p.Second);
        Assert.Equal(refusalMistakes, ensemble.Members[0].Mistakes);
        Assert.Equal(results.Count(r => Vote(r, EnsembleMetrics.Majority) != Vote(r, EnsembleMetrics.Gold)), ensemble.Majority.Mistakes);
        Assert.Equal(4, ensemble.Trajectory.Count);

        var markdown = await ReadMarkdownAsync(host, runId);
        output.WriteLine(markdown[markdown.IndexOf("## Judge ensemble", StringComparison.Ordinal)..]);
        Assert.Contains("## Judge ensemble (hedge) against the labels", markdown, StringComparison.Ordinal);
        Assert.Contains("| reward:gpt4judge | 450 | 28 | 93.8% |", markdown, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ensemble:vote(refusal,exact-match)", "ensemble rule 'vote' is unknown")]
    [InlineData("ensemble:majority(refusal)", "needs at least two member judges")]
    [InlineData("ensemble:majority(refusal,refusal)", "names member 'refusal' twice")]
    [InlineData("ensemble:majority(eta=0.1,refusal,exact-match)", "only the hedge rule has one")]
    [InlineData("ensemble:hedge(refusal,ensemble:majority(a,b))", "no nested ensemble")]
    [InlineData("ensemble:majority refusal", "write ensemble:majority(JUDGE,JUDGE,...)")]
    public void A_malformed_ensemble_is_refused_with_what_is_wrong(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<FormatException>(() => JudgeSpec.Parse(text)).Message, StringComparison.Ordinal);

    [Fact]
    public void An_ensemble_spec_round_trips_through_its_text()
    {
        var spec = JudgeSpec.Parse(" ensemble:hedge(eta=0.25, refusal, reward:rm ,mt-bench) ");
        Assert.Equal("ensemble", spec.Name);
        Assert.Equal(0.25, spec.Ensemble!.LearningRate);
        Assert.Equal(["refusal", "reward:rm", "mt-bench"], spec.Ensemble.Keys);
        Assert.Equal(new JudgeSpec("reward", "rm"), spec.Ensemble.Members[1]);
        Assert.Equal("ensemble:hedge(eta=0.25,refusal,reward:rm,mt-bench)", spec.ToString());
        Assert.Equal(spec.ToString(), JudgeSpec.Parse(spec.ToString()).ToString());
    }

    private static int? Vote(CaseResult result, string metric) => EnsembleMetrics.AsVote(result.Scores.Single(s => s.Name == metric).Value);

    private static int Distinct(SimulatedScoreServer server) => server.Requests.Select(r => Prompt(r.Body)).Distinct().Count();

    private static string Prompt(System.Text.Json.Nodes.JsonNode? body) => body!["prompt"]!.GetValue<string>();

    /// <summary>
    /// Prompt → 1 for a refusal label (full or partial), 0 for full compliance. Joined by id to xstest_prompts.csv, as
    /// the run joins answers to cases: the label files' own prompt column differs from it once (id 195).
    /// </summary>
    private static async Task<Dictionary<string, int>> LabelsAsync(string file, string column)
    {
        var prompts = new Dictionary<string, string>(StringComparer.Ordinal);
        await using (var stream = File.OpenRead(Datasets.File("xstest", "xstest_prompts.csv")))
        {
            await foreach (var record in CsvRecordReader.ReadAsync(stream, "xstest_prompts.csv", ["id", "prompt"], CancellationToken.None))
            {
                prompts.Add(record["id"], record["prompt"]);
            }
        }

        var labels = new Dictionary<string, int>(StringComparer.Ordinal);
        await using (var stream = File.OpenRead(Datasets.File("xstest", "automated_evaluation_labels", file)))
        {
            await foreach (var record in CsvRecordReader.ReadAsync(stream, file, ["id", column], CancellationToken.None))
            {
                var id = Assay.Core.Targets.XsTestCompletionFormat.ToCaseId(record["id"]);
                labels.Add(prompts[id], record[column].StartsWith("1_", StringComparison.Ordinal) ? 0 : 1);
            }
        }

        return labels;
    }

    private static async Task<string> ReadMarkdownAsync(InMemoryRunHost host, string runId)
    {
        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        var content = await reports.GetBlobClient(BlobNames.ReportMarkdown(runId)).DownloadContentAsync();
        return content.Value.Content.ToString();
    }
}
