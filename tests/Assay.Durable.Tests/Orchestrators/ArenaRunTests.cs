using System.Text.RegularExpressions;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Tests.Orchestrators;

/// <summary>
/// An arena run: three models (simulated over HTTP, answering with 1, 5 and 10 words) and the null canary, every pair
/// judged in both orders by a simulated judge that prefers the longer answer wherever it is shown. The win matrix and
/// the Bradley-Terry order are what that rule implies.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ArenaRunTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, int> Words = new(StringComparer.Ordinal) { ["short"] = 1, ["medium"] = 5, ["long"] = 10 };

    [Fact]
    public async Task Every_pair_is_judged_in_both_orders_and_the_report_has_the_win_matrix_and_Bradley_Terry_ratings()
    {
        await using var models = await SimulatedOpenAIServer.StartAsync(Model);
        await using var judge = await SimulatedOpenAIServer.StartAsync(Judge);
        var settings = new Dictionary<string, string?>
        {
            ["Endpoints:judge:Kind"] = "OpenAICompatible",
            ["Endpoints:judge:BaseUrl"] = judge.BaseUrl.ToString(),
            ["Endpoints:judge:Model"] = "j",
        };
        foreach (var name in Words.Keys)
        {
            settings[$"Endpoints:{name}:Kind"] = "OpenAICompatible";
            settings[$"Endpoints:{name}:BaseUrl"] = models.BaseUrl.ToString();
            settings[$"Endpoints:{name}:Model"] = name;
        }

        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString, settings);
        var runId = "arena-" + Guid.NewGuid().ToString("N")[..8];
        // Three ordinary questions and one the models all answer with the same single word: a tie between them.
        var lines = Enumerable.Range(1, 3).Select(i => $$"""{"id":"c{{i}}","turns":["Tell me about topic {{i}}."]}""")
            .Append("""{"id":"c4","turns":["Say it plainly."]}""");
        await host.UploadTextAsync($"{runId}/cases.jsonl", string.Join('\n', lines));

        var state = await host.RunAsync(new RunRequest(
            runId, $"{runId}/cases.jsonl", null, [.. Words.Keys.Select(TargetSpec.ForEndpoint)], new JudgeSpec("arena-hard", "judge"), BatchSize: 2, Arena: true));

        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        Assert.Equal(6 * 4 * 2, judge.Calls); // 6 pairs of 4 targets (the canary joins), 4 cases, both orders
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        Assert.True(await results.GetBlobClient(BlobNames.ArenaJudgments(runId, "medium", "long", "arena-hard", 1)).ExistsAsync());

        var report = await RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
        Assert.Null(report.Pairwise);
        Assert.Equal(
            ["short vs medium", "short vs long", "short vs null", "medium vs long", "medium vs null", "long vs null"],
            report.Targets.Select(t => t.Name));
        Assert.All(report.Targets, t => Assert.Equal((4, 4), (t.Cases, t.Scored)));

        var arena = report.Arena!;
        Assert.Equal("short", arena.Anchor);
        Assert.Equal(["long", "medium", "short", "null"], arena.Ratings.Select(r => r.Target));
        Assert.Equal(1000, arena.Ratings.Single(r => r.Target == "short").Rating, 6);
        Assert.All(arena.Ratings, r => Assert.InRange(r.Rating, r.RatingLow - 1e-6, r.RatingHigh + 1e-6));
        var matrix = arena.Matrix.ToDictionary(m => (m.Target, m.Opponent), m => (m.Wins, m.Ties, m.Losses, m.WinRate, m.PositionConsistency));
        Assert.Equal(12, matrix.Count);
        Assert.Equal((0, 1, 3, 0.125, 1.0), matrix[("short", "medium")]);
        Assert.Equal((3, 1, 0, 0.875, 1.0), matrix[("medium", "short")]);
        Assert.Equal((0, 1, 3, 0.125, 1.0), matrix[("short", "long")]);
        Assert.Equal((0, 1, 3, 0.125, 1.0), matrix[("medium", "long")]);
        Assert.Equal((3, 1, 0, 0.875, 1.0), matrix[("long", "medium")]);
        foreach (var model in Words.Keys)
        {
            Assert.Equal((4, 0, 0, 1.0, 1.0), matrix[(model, "null")]);
            Assert.Equal((0, 0, 4, 0.0, 1.0), matrix[("null", model)]);
        }

        var canary = report.Integrity!.Canary!;
        Assert.Equal(("null", "win", 0.0, false), (canary.Target, canary.Metric, canary.Mean, canary.Flagged));

        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        var markdown = (await reports.GetBlobClient(BlobNames.ReportMarkdown(runId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("## Arena: all pairs of targets (Bradley-Terry, anchor short = 1000)", markdown, StringComparison.Ordinal);
        Assert.Contains("| | long | medium | short | null |", markdown, StringComparison.Ordinal);
        Assert.Contains("| long | — | 87.5% (3-1-0) | 87.5% (3-1-0) | 100.0% (4-0-0) |", markdown, StringComparison.Ordinal);
        Assert.Contains("| null | 0.0% (0-0-4) | 0.0% (0-0-4) | 0.0% (0-0-4) | — |", markdown, StringComparison.Ordinal);
        var html = (await reports.GetBlobClient(BlobNames.ReportHtml(runId)).DownloadContentAsync()).Value.Content.ToString();
        Assert.Contains("<td>long</td><td>—</td><td>87.5% (3-1-0)</td>", html, StringComparison.Ordinal);
    }

    // Each model answers with its number of words, except to the plain question, which all answer with one word. The
    // signature keeps the answers (and so the judge prompts) distinct, so the response cache answers none of them.
    private static SimulatedReply Model(SimulatedChatRequest request) => SimulatedReply.Text(
        string.Join(' ', Enumerable.Repeat("word", request.Messages[^1].Content.Contains("plainly", StringComparison.Ordinal) ? 1 : Words[request.Model]))
        + $" -- {request.Model}");

    // More words wins in whichever position it is shown; five or more words more is a strong win; as many is a tie.
    private static SimulatedReply Judge(SimulatedChatRequest request)
    {
        var prompt = request.Messages[^1].Content;
        var a = Count(Section(prompt, "A"));
        var b = Count(Section(prompt, "B"));
        var label = (a - b) switch
        {
            >= 5 => "A>>B",
            > 0 => "A>B",
            0 => "A=B",
            > -5 => "B>A",
            _ => "B>>A",
        };
        return SimulatedReply.Text($"Comparing both... My final verdict is: [[{label}]]");
    }

    private static string Section(string prompt, string assistant)
    {
        var start = prompt.IndexOf($"<|The Start of Assistant {assistant}'s Answer|>", StringComparison.Ordinal);
        var end = prompt.IndexOf($"<|The End of Assistant {assistant}'s Answer|>", StringComparison.Ordinal);
        Assert.True(start >= 0 && end > start, "the Arena-Hard template marks both answers");
        return prompt[start..end];
    }

    private static int Count(string text) => WordPattern().Count(text);

    [GeneratedRegex(@"\bword\b")]
    private static partial Regex WordPattern();
}
