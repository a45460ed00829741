using System.Text;
using System.Text.Json;
using Assay.Core.Reports;
using Assay.Core.Solvers;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Task styles through the built CLI (its own process) on Azurite, on native data, every endpoint simulated over HTTP in
/// a process of its own: prompting strategies on MT-Bench's math and reasoning questions, prompt mutations on XSTest,
/// consensus accuracy by difficulty.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskStylesEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-styles-").FullName;

    [Fact]
    public async Task Mt_bench_math_and_reasoning_compare_plain_cot_and_cqot_on_the_same_cases()
    {
        // MT-Bench's own files, keeping only its math and reasoning questions (20, two turns each).
        var folder = Directory.CreateDirectory(Path.Combine(work, "mt_bench")).FullName;
        var lines = File.ReadAllLines(Datasets.File("mt_bench", "question.jsonl"))
            .Where(l => JsonDocument.Parse(l).RootElement.GetProperty("category").GetString() is "math" or "reasoning").ToList();
        Assert.Equal(20, lines.Count);
        File.WriteAllLines(Path.Combine(folder, "question.jsonl"), lines);
        Directory.CreateDirectory(Path.Combine(folder, "reference_answer"));
        File.Copy(Datasets.File("mt_bench", "reference_answer", "gpt-4.jsonl"), Path.Combine(folder, "reference_answer", "gpt-4.jsonl"));

        // The model marks each step's answer; the judge rates plain 5, CoT 6 and the CQoT final answer 8.
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules =
            [
                new() { LastEndsWith = PromptStrategies.CotSuffix, Reply = "COT-ANSWER" },
                new() { LastEndsWith = PromptStrategies.CqotPlanSuffix, Reply = "CQOT-DRAFT" },
                new() { LastEquals = PromptStrategies.CqotQuestions, Reply = "CQOT-CRITIQUE" },
                new() { LastEquals = PromptStrategies.CqotRevise, Reply = "CQOT-FINAL" },
            ],
            Otherwise = new() { Reply = "PLAIN-ANSWER" },
        });
        await using var judge = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules =
            [
                new() { LastContainsAll = ["CQOT-FINAL"], Reply = "Checked.\n\nRating: [[8]]" },
                new() { LastContainsAll = ["COT-ANSWER"], Reply = "Checked.\n\nRating: [[6]]" },
                new() { LastContainsAll = ["PLAIN-ANSWER"], Reply = "Checked.\n\nRating: [[5]]" },
            ],
            Otherwise = new() { Reply = "Checked.\n\nRating: [[1]]" },
        });
        var runId = "styles-mt-" + Guid.NewGuid().ToString("N")[..8];

        var report = await RunAsync(
            runId, "--benchmark", Path.Combine(folder, "question.jsonl"), "--target", "local-model", "--target", "local-model+cot", "--target", "local-model+cqot",
            "--judge", "mt-bench:local-judge", "--config", Config(("local-model", model), ("local-judge", judge)));

        Assert.Equal(20 * 2 * (1 + 1 + 3), model.Calls);
        Assert.Equal(20 * 2 * 4, judge.Calls); // three targets and the null canary, one verdict per turn
        Assert.DoesNotContain(judge.Requests, r => r.Messages[^1].Content.Contains("CQOT-DRAFT", StringComparison.Ordinal) || r.Messages[^1].Content.Contains("CQOT-CRITIQUE", StringComparison.Ordinal));
        Assert.Equal(["local-model", "local-model+cot", "local-model+cqot", "null"], report.Targets.Select(t => t.Name));
        Assert.Equal([5.0, 6.0, 8.0], report.Targets.Take(3).Select(t => t.Metrics.Single(m => m.Name == "score").Mean));

        Assert.Equal(["local-model+cot", "local-model+cqot"], report.Variants!.Select(v => v.Target));
        Assert.All(report.Variants!, v => Assert.Equal("local-model", v.Base));
        var cqot = report.Variants![1].Metrics.Single(m => m.Metric == "score");
        Assert.Equal(("cqot", 20, 8.0, 5.0, 3.0, 3.0, 3.0, true), (report.Variants[1].Strategy, cqot.N, cqot.TargetMean, cqot.BaseMean, cqot.Difference, cqot.CiLow, cqot.CiHigh, cqot.Significant));
        Assert.Equal(1.0, report.Variants[0].Metrics.Single(m => m.Metric == "score").Difference, 12);

        // MT-Bench's math and reasoning categories roll up to the trust survey's reasoning category.
        var trust = report.Targets[2].Breakdowns!.Single(b => b.Key == "trust").Values.Single();
        Assert.Equal(("explainability-and-reasoning", 20), (trust.Name, trust.Cases));
        var md = await File.ReadAllTextAsync(Path.Combine(work, runId, "report.md"));
        Assert.Contains("| local-model+cqot | local-model | cqot | none | score | 20 | 8.00 | 5.00 | +3.00 [+3.00, +3.00] * |", md, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Xstest_compares_base_prompts_with_base64_and_a_model_driven_translation()
    {
        // Every fifth XSTest prompt, in XSTest's own CSV format: safe and unsafe ones.
        var all = File.ReadAllLines(Datasets.File("xstest", "xstest_prompts.csv"));
        var rows = all.Skip(1).Where((_, i) => i % 5 == 0).ToList();
        var benchmark = Path.Combine(work, "xstest_prompts.csv");
        File.WriteAllLines(benchmark, [all[0], .. rows]);
        var prompts = rows.Select(PromptOf).ToList();

        const string Refusal = "I'm sorry, but I can't help with that.";
        // Base prompts are answered; Base64 ones are refused, in Base64; translated ones are refused when the French
        // text has an even length, and the generator translates the answer back. Both endpoints are processes of their
        // own, answering by rules written out per prompt (the French text is "FR: " and the prompt).
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules =
            [
                new() { LastStartsWith = "The following request is encoded in Base64.", Reply = Convert.ToBase64String(Encoding.UTF8.GetBytes(Refusal)) },
                .. prompts.Distinct().Select(p => new SimulatedRule { LastEquals = "FR: " + p, Reply = ("FR: " + p).Length % 2 == 0 ? "NON" : "OUI" }),
            ],
            Otherwise = new() { Reply = "Sure, here is a helpful and complete answer to your question." },
        });
        await using var generator = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules =
            [
                new() { LastStartsWith = "Translate the following text into English.", LastEndsWith = "\n\nNON", Reply = Refusal },
                new() { LastStartsWith = "Translate the following text into English.", Reply = "Sure, here is how you do that." },
                .. prompts.Distinct().Select(p => new SimulatedRule { LastStartsWith = "Translate the following text into the language 'fr'.", LastEndsWith = "\n\n" + p, Reply = "FR: " + p }),
            ],
        });
        var runId = "styles-xs-" + Guid.NewGuid().ToString("N")[..8];
        var config = Path.Combine(work, "assay.xstest.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-local-model", MaxConcurrency = 8 },
                ["local-gen"] = new { Kind = "OpenAICompatible", BaseUrl = generator.BaseUrl.ToString(), Model = "sim-local-gen", MaxConcurrency = 8 },
            },
            Mutations = new { Generator = "local-gen" },
        }));

        // Through the built CLI, its own process.
        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "run", "--benchmark", benchmark, "--target", "local-model", "--target", "local-model~base64", "--target", "local-model~translate:fr", "--config", config);

        Assert.Equal(3 * rows.Count, model.Calls);
        // One translation per prompt, and back-translations of the two answer texts: every identical request is made
        // once in the run, whether it comes after the first (the response cache) or while it is in flight.
        var generated = generator.Requests;
        Assert.Equal(prompts.Distinct().Count() + 2, generated.Select(r => r.Messages[^1].Content).Distinct().Count());
        Assert.Equal(generated.Count, generated.Select(r => r.Messages[^1].Content).Distinct().Count());
        Assert.Equal(prompts.Distinct().Count() + 2, generator.Calls);
        var refusal = report.Targets.Select(t => t.Metrics.Single(m => m.Name == "refusal").Mean).ToList();
        var translatedRefusals = prompts.Count(p => ("FR: " + p).Length % 2 == 0) / (double)rows.Count;
        Assert.Equal([0.0, 1.0, translatedRefusals], refusal);
        Assert.InRange(translatedRefusals, 0.2, 0.8); // the simulation splits the cases, so the comparison is not trivial

        var base64 = report.Variants!.Single(v => v.Mutation == "base64").Metrics.Single(m => m.Metric == "refusal");
        Assert.Equal((rows.Count, 1.0, 1.0, 1.0, true), (base64.N, base64.Difference, base64.CiLow, base64.CiHigh, base64.Significant));
        var translated = report.Variants!.Single(v => v.Mutation == "translate:fr");
        Assert.Equal(("local-model~translate:fr", "local-model"), (translated.Target, translated.Base));
        Assert.Equal(translatedRefusals, translated.Metrics.Single(m => m.Metric == "refusal").Difference, 12);

        // The prompt actually sent and the raw answer are kept with the answer; the judged text is the decoded one.
        var answers = await StorageScan.BlobsContainingAsync(azurite.ConnectionString, runId, "\"prompt.1\":\"FR: ");
        Assert.NotEmpty(answers);
        Assert.NotEmpty(await StorageScan.BlobsContainingAsync(azurite.ConnectionString, runId, "\"raw_answer.1\":\"SSdtIHNvcnJ5"));
    }

    [Fact]
    public async Task Consensus_accuracy_is_split_by_difficulty_and_unreadable_answers_stay_unscored()
    {
        // Assay JSONL cases carrying the panel's consensus label and the case's difficulty, as a second-opinion study has them.
        var cases = Enumerable.Range(1, 12).Select(i => new
        {
            id = $"case-{i}",
            turns = new[] { $"Case {i}: is the lesion benign or malignant?" },
            category = i % 2 == 0 ? "PII/Privacy" : "Violence",
            metadata = new Dictionary<string, string> { ["consensus"] = i % 3 == 0 ? "malignant" : "benign", ["labels"] = "benign|malignant", ["difficulty"] = i <= 6 ? "easy" : "hard" },
        });
        var benchmark = Path.Combine(work, "second-opinion.jsonl");
        File.WriteAllLines(benchmark, cases.Select(c => JsonSerializer.Serialize(c)));
        // The model always says benign, except on case 12, where it gives no label at all.
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [new() { LastStartsWith = "Case 12:", Reply = "It is hard to say." }],
            Otherwise = new() { Reply = "Looking closely.\nAnswer: Benign" },
        });
        var runId = "styles-cons-" + Guid.NewGuid().ToString("N")[..8];

        var report = await RunAsync(runId, "--benchmark", benchmark, "--format", "assay-jsonl", "--target", "local-model", "--judge", "consensus", "--config", Config(("local-model", model)));

        var target = Assert.Single(report.Targets);
        Assert.Equal((12, 11, 1, 0), (target.Cases, target.Scored, target.Unscored, target.Errors));
        // Consensus is malignant on 3, 6, 9 (12 is unscored): easy 1-6 -> 4 of 6 right, hard 7-11 -> 4 of 5 right.
        var difficulty = target.Breakdowns!.Single(b => b.Key == "difficulty").Values;
        Assert.Equal(
            [("easy", 6, 6, 4.0 / 6), ("hard", 6, 5, 4.0 / 5)],
            difficulty.Select(v => (v.Name, v.Cases, v.Metrics.Single().N, v.Metrics.Single().Mean)));
        // Their AEGIS categories roll up to trust tags: Violence to safety, PII/Privacy to safety/privacy-violation.
        var trustSub = target.Breakdowns!.Single(b => b.Key == "trust_sub").Values;
        Assert.Equal([("safety/privacy-violation", 6), ("safety/violence", 6)], trustSub.Select(v => (v.Name, v.Cases)));
    }

    // The second field of an XSTest row (quoted when it holds a comma or a quote).
    private static string PromptOf(string row)
    {
        var field = new StringBuilder();
        var (index, quoted) = (row.IndexOf(',', StringComparison.Ordinal) + 1, false);
        for (; index < row.Length; index++)
        {
            var c = row[index];
            if (quoted && c == '"' && index + 1 < row.Length && row[index + 1] == '"')
            {
                field.Append('"');
                index++;
            }
            else if (c == '"')
            {
                quoted = !quoted;
            }
            else if (c == ',' && !quoted)
            {
                break;
            }
            else
            {
                field.Append(c);
            }
        }

        return field.ToString();
    }

    // The built `assay run ARGUMENTS` as its own process, on the shared Azurite.
    private async Task<EvaluationReport> RunAsync(string runId, params string[] arguments) =>
        (await BuiltCli.ReportAsync(azurite.ConnectionString, work, runId, ["run", .. arguments])).Report;

    private string Config(params (string Name, SimulatedEndpointProcess Server)[] endpoints)
    {
        var path = Path.Combine(work, $"assay.{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Endpoints = endpoints.ToDictionary(
                e => e.Name,
                e => (object)new { Kind = "OpenAICompatible", BaseUrl = e.Server.BaseUrl.ToString(), Model = "sim-" + e.Name, MaxConcurrency = 8 }),
            Mutations = new { Generator = endpoints.Select(e => e.Name).FirstOrDefault(n => n.EndsWith("-gen", StringComparison.Ordinal)) },
        }));
        return path;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
