using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Assay.Core.Benchmarks.Formats;
using Assay.Core.Reports;
using Assay.Core.Statistics;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// AlpacaEval's <c>length_controlled_v1</c> through the built <c>assay</c> as its own process on Azurite: an
/// AlpacaEval-format benchmark of constructed instructions, a target and a baseline whose answers differ in length,
/// the weighted judge simulated over HTTP returning the log-probabilities of soft preferences that favour length, and
/// AlpacaEval's two data files (<c>instruction_difficulty.csv</c>, <c>df_gamed.csv</c>) in their published column
/// layout. The report's LC win rate must be the one <see cref="LengthControlledV1"/> computes from the same preferences,
/// lengths, difficulties and gamed rows, and the report must name the formula. The published difficulty data are not
/// on this machine, so these files are constructed; see docs/statistics.md.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LcV1EndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private const int N = 100;
    private const string ModelMark = "MODEL-ANSWER";
    private const string OutputsMarker = "\"model_identifier\": \"m\",\n        \"output\": \"\"\"";

    private readonly FrontDoor.CliProcess cli = new();

    [Fact]
    public async Task The_report_gives_length_controlled_v1_from_the_difficulty_and_gamed_files()
    {
        var data = Constructed.Write(cli.Work);
        await using var judge = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var user = request.Messages.Single(m => m.Role == "user").Content;
            var instruction = Between(user, "\"instruction\": \"\"\"", "\"\"\",\n}");
            var modelIsM = Between(user, OutputsMarker, "\"\"\"\n    },").Contains(ModelMark, StringComparison.Ordinal);
            var p = data.Preference[instruction];
            var firstPreferred = modelIsM ? p : 1 - p;
            return SimulatedReply.WithLogProbs([("m", Math.Log(firstPreferred)), ("M", Math.Log(1 - firstPreferred)), ("The", -15.7)]);
        });
        var config = Path.Combine(cli.Work, "assay.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new { judge = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "gpt-4-turbo" } },
        }));
        var runId = "lc-v1-" + Guid.NewGuid().ToString("N")[..8];
        var outDirectory = Path.Combine(cli.Work, "out");

        var (exit, output, errors, _) = await cli.RunAsync(
        [
            "run", "--benchmark", data.Benchmark, "--format", "alpaca-eval",
            "--target", $"m=recorded:{data.Benchmark}", "--target", $"base=recorded:{data.Baseline}", "--baseline", "base",
            "--judge", "alpaca-eval-weighted-faithful:judge", "--no-canary", "--config", config, "--storage", azurite.ConnectionString,
            "--run-id", runId, "--out", outDirectory, "--lc-difficulty", data.Difficulty, "--lc-gamed", data.Gamed,
        ]);

        Assert.True(exit == 0, errors + output);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDirectory, runId, "report.json")));
        var pairwise = report.Pairwise!;
        Assert.Equal(LengthControlledV1.Name, pairwise.LengthControl);
        var target = Assert.Single(pairwise.Targets);
        var expected = LengthControlledV1.Compute(data.Judgements, data.DifficultyByCase, data.GamedRows);
        Assert.Equal(expected.WinRate, 100 * target.WinRate, 3);
        Assert.Equal(expected.LengthControlledWinRate, target.LengthControlledWinRate!.Value, 3);
        // Length sways these preferences, so the LC figure moves away from the raw one; and v1 is not the minimal formula.
        Assert.True(Math.Abs(expected.WinRate - expected.LengthControlledWinRate) > 1, $"raw {expected.WinRate}, LC v1 {expected.LengthControlledWinRate}");
        var minimal = LengthControlledWinRate.Compute(data.Judgements).Single().LengthControlledWinRate;
        Assert.True(Math.Abs(minimal - expected.LengthControlledWinRate) > 0.05, $"minimal {minimal} equals v1 {expected.LengthControlledWinRate}");
        var markdown = await File.ReadAllTextAsync(Path.Combine(outDirectory, runId, "report.md"));
        Assert.Contains("LC win rate: AlpacaEval's `length_controlled_v1`.", markdown, StringComparison.Ordinal);
        Assert.Equal(2 * N, judge.Requests.Select(r => r.Messages[^1].Content).Distinct().Count());
    }

    [Theory]
    [InlineData("missing", "--lc-difficulty", "no such file")]
    [InlineData("bad-value", "instruction_difficulty.csv:4: field 'instruction_difficulty': 'abc' is not a finite number", "")]
    [InlineData("bad-index", "instruction_difficulty.csv:3: field '(index column)': '-1' is not an instruction index", "")]
    [InlineData("uncovered", "--lc-difficulty", "no instruction_difficulty for the benchmark's instruction at index 99")]
    [InlineData("gamed-column", "df_gamed.csv:1: field 'std_delta_len': missing column in the header", "")]
    [InlineData("gamed-range", "df_gamed.csv:2: field 'preference': '1.5' is outside [0, 1]", "")]
    [InlineData("gamed-alone", "--lc-gamed", "give AlpacaEval's instruction difficulty")]
    [InlineData("no-baseline", "--lc-difficulty", "needs a pairwise judge and a baseline")]
    public async Task A_missing_or_malformed_lc_file_exits_2_naming_file_line_and_field(string name, string first, string second)
    {
        var data = Constructed.Write(cli.Work);
        var difficulty = data.Difficulty;
        var gamed = (string?)data.Gamed;
        var lines = File.ReadAllLines(data.Difficulty);
        switch (name)
        {
            case "missing": difficulty = Path.Combine(cli.Work, "nowhere.csv"); break;
            case "bad-value": lines[3] = "2,abc"; break;
            case "bad-index": lines[2] = "-1,0.5"; break;
            case "uncovered": lines = lines[..^1]; break;
            case "gamed-column": await File.WriteAllTextAsync(data.Gamed, "model,index,preference,instruction_difficulty\nx,0,0.5,1\n"); break;
            case "gamed-range": await File.WriteAllTextAsync(data.Gamed, "model,index,preference,std_delta_len,instruction_difficulty\nx,0,1.5,0.2,1\n"); break;
            case "gamed-alone": difficulty = null!; break;
            default: gamed = null; break;
        }

        if (name is "bad-value" or "bad-index" or "uncovered")
        {
            await File.WriteAllLinesAsync(data.Difficulty, lines);
        }

        var config = Path.Combine(cli.Work, "assay.settings.json");
        await File.WriteAllTextAsync(config, """{"Endpoints":{"judge":{"Kind":"OpenAICompatible","BaseUrl":"http://127.0.0.1:9/v1","Model":"j"}}}""");
        List<string> arguments =
        [
            "run", "--benchmark", data.Benchmark, "--format", "alpaca-eval", "--target", $"m=recorded:{data.Benchmark}",
            "--target", $"base=recorded:{data.Baseline}", "--config", config,
        ];
        arguments.AddRange(name == "no-baseline" ? ["--judge", "refusal"] : ["--judge", "alpaca-eval-weighted:judge", "--baseline", "base"]);
        if (difficulty is not null)
        {
            arguments.AddRange(["--lc-difficulty", difficulty]);
        }

        if (gamed is not null)
        {
            arguments.AddRange(["--lc-gamed", gamed]);
        }

        var (exit, output, errors, _) = await cli.RunAsync(arguments);

        Assert.True(exit == 2, $"exit {exit}: {errors}{output}");
        Assert.Contains(first, errors, StringComparison.Ordinal);
        Assert.Contains(second, errors, StringComparison.Ordinal);
        Assert.False(File.Exists(cli.AzuriteMark), "storage was started before the bad input was reported");
    }

    private static string Between(string text, string start, string end)
    {
        var from = text.IndexOf(start, StringComparison.Ordinal) + start.Length;
        return text[from..text.IndexOf(end, from, StringComparison.Ordinal)];
    }

    public void Dispose() => cli.Dispose();

    /// <summary>Constructed AlpacaEval files: preferences from the v1 model itself (length favoured), known difficulties.</summary>
    private sealed record Constructed(
        string Benchmark, string Baseline, string Difficulty, string Gamed, IReadOnlyDictionary<string, double> Preference,
        IReadOnlyList<PairwiseJudgement> Judgements, IReadOnlyDictionary<string, double> DifficultyByCase, IReadOnlyList<LengthControlledV1.GamedRow> GamedRows)
    {
        public static Constructed Write(string folder)
        {
            var random = new Random(16);
            var (outputs, baseline) = (new JsonArray(), new JsonArray());
            var preference = new Dictionary<string, double>(StringComparer.Ordinal);
            var judgements = new List<PairwiseJudgement>();
            var byCase = new Dictionary<string, double>(StringComparer.Ordinal);
            var difficultyCsv = new StringBuilder(",instruction_difficulty\n");
            var gamedCsv = new StringBuilder("model,index,preference,std_delta_len,instruction_difficulty,not_gamed_baseline\n");
            var gamedRows = new List<LengthControlledV1.GamedRow>();
            for (var i = 0; i < N; i++)
            {
                var instruction = string.Create(CultureInfo.InvariantCulture, $"Constructed instruction {i}: describe item {i * 7 % 31}.");
                var answer = ModelMark + " " + new string('x', 20 + random.Next(400));
                var reference = "BASE-ANSWER " + new string('y', 20 + random.Next(400));
                var d = Math.Round(0.5 + random.NextDouble(), 6);
                var p = LogisticRegression.Sigmoid(-0.2 + d - (1.2 * Math.Tanh((reference.Length - answer.Length) / 150.0)));
                outputs.Add(new JsonObject { ["instruction"] = instruction, ["output"] = answer, ["generator"] = "m", ["dataset"] = "helpful_base" });
                baseline.Add(new JsonObject { ["instruction"] = instruction, ["output"] = reference, ["generator"] = "base", ["dataset"] = "helpful_base" });
                preference[instruction] = p;
                judgements.Add(new PairwiseJudgement("m", AlpacaEvalIds.FromInstruction(instruction), p, answer.Length, reference.Length));
                byCase[AlpacaEvalIds.FromInstruction(instruction)] = d;
                difficultyCsv.Append(CultureInfo.InvariantCulture, $"{i},{d:R}\n");
                foreach (var (model, sign) in new[] { ("gpt4_1106_preview_verbose", -1.0), ("gpt4_1106_preview_concise", 1.0) })
                {
                    var std = Math.Round(sign * (0.5 + random.NextDouble()), 6);
                    var gp = Math.Round(LogisticRegression.Sigmoid(d - (2 * Math.Tanh(std))), 6);
                    gamedCsv.Append(CultureInfo.InvariantCulture, $"{model},{i},{gp:R},{std:R},{d:R},False\n");
                    gamedRows.Add(new LengthControlledV1.GamedRow(std, d, gp));
                }
            }

            var files = (Path.Combine(folder, "alpaca_eval.json"), Path.Combine(folder, "base.json"), Path.Combine(folder, "instruction_difficulty.csv"), Path.Combine(folder, "df_gamed.csv"));
            File.WriteAllText(files.Item1, outputs.ToJsonString());
            File.WriteAllText(files.Item2, baseline.ToJsonString());
            File.WriteAllText(files.Item3, difficultyCsv.ToString());
            File.WriteAllText(files.Item4, gamedCsv.ToString());
            return new Constructed(files.Item1, files.Item2, files.Item3, files.Item4, preference, judgements, byCase, gamedRows);
        }
    }
}
