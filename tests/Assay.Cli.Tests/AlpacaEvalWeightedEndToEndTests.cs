using System.Text.Json;
using System.Text.Json.Nodes;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// AlpacaEval's weighted judge through the built <c>assay run</c> (its own process) on Azurite: the null model's constant answer against
/// gpt4_1106_preview's outputs on all 805 AlpacaEval instructions, the judge an OpenAI-compatible endpoint simulated
/// over HTTP that returns, for the first token, the log-probabilities of "m" and "M" that the published annotations
/// (sail-sg's weighted_alpaca_eval_gpt4_turbo annotations.json) imply. The run must reproduce the published raw win
/// rate, 76.92 %, from the log-probabilities alone. The judge is served by this test process: its answer is computed
/// from the published annotations per request (log-probabilities), which the out-of-process endpoint's rules do not express.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AlpacaEvalWeightedEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private const string AnnotationsFile = "annotations_weighted_alpaca_eval_gpt4_turbo.json";
    // A stretch of the null model's constant answer (whose leading space and \r\n a pipeline may normalise).
    private const string NullMarker = "verify }:param } } } withObject";

    private const string OutputsMarker = "\"model_identifier\": \"m\",\n        \"output\": \"\"\"";

    private readonly string work = Directory.CreateTempSubdirectory("assay-alpaca-weighted-").FullName;

    [Fact]
    public async Task The_null_models_published_raw_win_rate_comes_out_of_a_run_from_log_probabilities()
    {
        var folder = Datasets.File("null_model_cheating", "sail-sg_repo");
        var annotations = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(folder, AnnotationsFile)))!.AsArray();
        Assert.All(annotations, a => Assert.Contains(NullMarker, a!["output_2"]!.GetValue<string>(), StringComparison.Ordinal));
        // AlpacaEval's preference is 1 + P(output_2 preferred); output_2 is the null model.
        var nullPreferred = annotations.ToDictionary(a => a!["instruction"]!.GetValue<string>(), a => a!["preference"]!.GetValue<double>() - 1, StringComparer.Ordinal);
        var baselineFile = Path.Combine(work, "gpt4_1106_preview.json");
        await File.WriteAllTextAsync(baselineFile, new JsonArray([.. annotations.Select(a => (JsonNode)new JsonObject
        {
            ["instruction"] = a!["instruction"]!.GetValue<string>(),
            ["output"] = a["output_1"]!.GetValue<string>(),
            ["generator"] = "gpt4_1106_preview",
        })]).ToJsonString());

        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var user = request.Messages.Single(m => m.Role == "user").Content;
            var instruction = Between(user, "\"instruction\": \"\"\"", "\"\"\",\n}");
            var nullIsM = Between(user, OutputsMarker, "\"\"\"\n    },").Contains(NullMarker, StringComparison.Ordinal);
            var firstPreferred = nullIsM ? nullPreferred[instruction] : 1 - nullPreferred[instruction];
            // A probability of 0 is a token missing from the top 5, as AlpacaEval reads it.
            var alternatives = new List<(string, double)> { ("The", -15.7) };
            if (firstPreferred > 0)
            {
                alternatives.Add(("m", Math.Log(firstPreferred)));
            }

            if (firstPreferred < 1)
            {
                alternatives.Add(("M", Math.Log(1 - firstPreferred)));
            }

            return SimulatedReply.WithLogProbs(alternatives);
        });
        var config = Path.Combine(work, "assay.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new { judge = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "gpt-4-turbo" } },
        }));
        var runId = "alpaca-weighted-" + Guid.NewGuid().ToString("N")[..8];

        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "run", "--benchmark", Path.Combine(folder, "example_outputs_null_model_alpacaeval.json"), "--format", "alpaca-eval",
            "--target", $"null_model=recorded:{Path.Combine(folder, "example_outputs_null_model_alpacaeval.json")}", "--target", $"gpt4_1106_preview=recorded:{baselineFile}",
            "--baseline", "gpt4_1106_preview", "--judge", "alpaca-eval-weighted-faithful:judge", "--config", config);

        // The run's own null-model canary answers the same constant text, so it must score the same.
        Assert.Equal(["null_model", "null"], report.Pairwise!.Targets.Select(t => t.Target));
        Assert.All(report.Pairwise.Targets, t => Assert.Equal(76.92, 100 * t.WinRate, 2));
        // Without AlpacaEval's difficulty file the LC figure is length_controlled_minimal: AlpacaEval's own minimal fit
        // gives 84.685 % on these preferences (issue 16). The run fits the canary jointly (shared instruction terms), which
        // moves it slightly (84.62 % measured); the published v1 figure, 86.46 %, needs the difficulty data.
        Assert.Equal(Core.Statistics.LengthControlledWinRate.Name, report.Pairwise.LengthControl);
        Assert.InRange(report.Pairwise.Targets[0].LengthControlledWinRate!.Value, 84.685 - 0.1, 84.685 + 0.1);
        // Two games per instruction; the canary's requests are the same bytes, so the response cache may answer them.
        Assert.Equal(805 * 2, judge.Requests.Select(r => r.Messages[^1].Content).Distinct().Count());
        Assert.InRange(judge.Calls, 805 * 2, 805 * 2 * 2);
        Assert.All(judge.Requests, r => Assert.Equal((true, 5, 1, 1.0), (r.LogProbs, r.TopLogProbs, r.MaxTokens, r.Temperature)));
        Assert.All(judge.Requests, r => Assert.Equal(Core.Judges.Pairwise.AlpacaEvalPrompt.System, r.Messages[0].Content));
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
