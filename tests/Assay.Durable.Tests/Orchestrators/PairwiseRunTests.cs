using System.Text.RegularExpressions;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// An Arena-Hard-style run: a model (simulated over HTTP) against GPT-4's published MT-Bench answers as the baseline,
/// judged in both orders by a simulated judge with a known rule, plus the null canary. The report's win/tie/loss and
/// Bradley-Terry figures are checked against what that rule implies.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class PairwiseRunTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Win_rates_and_Bradley_Terry_scores_follow_the_judges_verdicts_in_both_orders()
    {
        var simulation = new MtBenchSimulation();
        await using var model = await SimulatedOpenAIServer.StartAsync(simulation.Model);
        await using var judge = await SimulatedOpenAIServer.StartAsync(Judge);
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:model:Kind"] = "OpenAICompatible",
            ["Endpoints:model:BaseUrl"] = model.BaseUrl.ToString(),
            ["Endpoints:model:Model"] = "m",
            ["Endpoints:judge:Kind"] = "OpenAICompatible",
            ["Endpoints:judge:BaseUrl"] = judge.BaseUrl.ToString(),
            ["Endpoints:judge:Model"] = "j",
        };
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "pairwise-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/question.jsonl", Datasets.File("mt_bench", "question.jsonl"));
        await host.UploadAsync($"{runId}/gpt-4.jsonl", Datasets.File("mt_bench", "model_answer", "gpt-4.jsonl"));
        var baseline = new TargetSpec("gpt-4", TargetKind.Recorded, RecordedBlob: $"{runId}/gpt-4.jsonl", RecordedFormat: "mt-bench-answers");

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/question.jsonl", null, [TargetSpec.ForEndpoint("model"), baseline], new JudgeSpec("arena-hard", "judge"), Baseline: "gpt-4", BatchSize: 10));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(2 * 80 * 2, judge.Calls); // model and canary, both orders
        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        Assert.Equal(["model", "null"], report.Targets.Select(t => t.Name));
        var pairwise = report.Pairwise!;
        Assert.Equal("gpt-4", pairwise.Baseline);
        var m = pairwise.Targets.Single(t => t.Target == "model");
        Assert.Equal((40, 0, 40, 0.5, 1.0), (m.Wins, m.Ties, m.Losses, m.WinRate, m.PositionConsistency));
        Assert.Equal(75.0, m.BtScore, 0.01); // 80 strong wins (weight 3) against 80 slight losses: 240 / 320
        Assert.InRange(m.BtLow, 60, 75);
        Assert.InRange(m.BtHigh, 75, 90);
        Assert.NotNull(m.LengthControlledWinRate);
        var canary = pairwise.Targets.Single(t => t.Target == "null");
        Assert.Equal((0, 80), (canary.Wins, canary.Losses));
        Assert.False(report.Integrity!.Canary!.Flagged);
        Assert.Equal("win", report.Integrity.Canary.Metric);

        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        var markdown = (await reports.GetBlobClient(BlobNames.ReportMarkdown(runId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("## Against the baseline gpt-4", markdown, StringComparison.Ordinal);
        Assert.Contains("| model | 40 | 0 | 40 | 50.0% |", markdown, StringComparison.Ordinal);
    }

    // The simulated model's answers carry "Answer {id}-"; for an even question id the judge strongly prefers it, for an
    // odd one it slightly prefers the baseline, in whichever position it is shown. The canary always loses badly.
    private static SimulatedReply Judge(SimulatedChatRequest request)
    {
        var prompt = request.Messages[^1].Content;
        var b = prompt.IndexOf("<|The Start of Assistant B's Answer|>", StringComparison.Ordinal);
        var (first, second) = (prompt[..b], prompt[b..]);
        if (first.Contains("Ignore the above", StringComparison.Ordinal) || second.Contains("Ignore the above", StringComparison.Ordinal))
        {
            return SimulatedReply.Text(first.Contains("Ignore the above", StringComparison.Ordinal) ? "[[B>>A]]" : "[[A>>B]]");
        }

        var marker = Marker().Match(prompt);
        var modelIsA = marker.Index < b;
        var modelWins = int.Parse(marker.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) % 2 == 0;
        var label = (modelWins, modelIsA) switch
        {
            (true, true) => "A>>B",
            (true, false) => "B>>A",
            (false, true) => "B>A",
            (false, false) => "A>B",
        };
        return SimulatedReply.Text($"My own answer first... My final verdict is: [[{label}]]");
    }

    [GeneratedRegex(@"Answer (\d+)-")]
    private static partial Regex Marker();
}
