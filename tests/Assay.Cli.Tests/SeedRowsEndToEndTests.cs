using System.Text.Json;
using System.Text.Json.Nodes;
using Assay.Core.Reports;
using Assay.Core.Solvers;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Issue 18's seed rows, each through the CLI's own entry points on Azurite, every endpoint simulated over HTTP: RAG
/// documents reach the target, LLMBar subsets come from where the files lie (a folder runs every subset at once),
/// RMCBench gets trust tags and untagged cases are shown, and the samples the README names run.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SeedRowsEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-seed-").FullName;

    [Fact]
    public async Task A_rag_target_is_sent_the_case_documents_it_is_judged_against()
    {
        var sample = Path.Combine(Datasets.RepoRoot, "samples", "groundedness", "rag.jsonl");
        var cases = File.ReadAllLines(sample).Select(l => JsonNode.Parse(l)!).ToList();
        await using var model = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("It opened in 1889 [eiffel]."));
        await using var judge = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("The document says so. [[SUPPORTED]]"));

        var report = await LocalRuns.ReportAsync(
            new LocalRunOptions
            {
                Benchmark = sample,
                Targets = ["local-model", "local-model~uppercase"],
                Judge = "groundedness:local-judge",
                NoCanary = true,
                ConfigFile = MtBenchEndToEndTests.WriteConfig(work, model, judge),
                RunId = "rag-" + Guid.NewGuid().ToString("N")[..8],
            },
            azurite.ConnectionString,
            work);

        Assert.Equal(2 * cases.Count, model.Calls);
        foreach (var evalCase in cases)
        {
            var question = evalCase["turns"]![0]!.GetValue<string>();
            var documents = evalCase["documents"]!.AsArray();
            var block = string.Concat(documents.Select(d => $"[{d!["id"]}]\n{d["text"]!.GetValue<string>().Trim()}\n\n"));
            // The plain target gets the documents, then the question; the mutated one the same documents, then its mutated question.
            var plain = Assert.Single(model.Requests, r => r.Messages[^1].Content.EndsWith(question, StringComparison.Ordinal)).Messages.Single(m => m.Role == "user").Content;
            Assert.Equal($"{RetrievedDocuments.Instruction}\n\n{block}{question}", plain);
            Assert.Single(model.Requests, r => r.Messages[^1].Content == $"{RetrievedDocuments.Instruction}\n\n{block}{question.ToUpperInvariant()}");
        }

        Assert.All(report.Targets, t => Assert.Equal(cases.Count, t.Cases));
        // A run's report.html carries the endpoints table too (the page part debates and red-team runs reuse).
        var html = await File.ReadAllTextAsync(Path.Combine(work, report.RunId, "report.html"));
        Assert.Contains($"<tr><td>local-model</td><td>{2 * cases.Count}</td>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Judge_eval_over_an_llmbar_folder_runs_every_subset_in_one_run_named_by_where_it_lies()
    {
        // LLMBar's own files, three pairs of each of the five LLMBar subsets, in the published folder layout.
        var folder = Path.Combine(work, "LLMBar");
        string[] subsets = ["Natural", "Adversarial/Neighbor", "Adversarial/GPTInst", "Adversarial/GPTOut", "Adversarial/Manual"];
        foreach (var subset in subsets)
        {
            var pairs = JsonNode.Parse(File.ReadAllText(Datasets.File("llmbar", "Dataset", "LLMBar", subset, "dataset.json")))!.AsArray();
            Directory.CreateDirectory(Path.Combine(folder, subset));
            File.WriteAllText(Path.Combine(folder, subset, "dataset.json"), new JsonArray([.. pairs.Take(3).Select(p => p!.DeepClone())]).ToJsonString());
        }

        // The judge prefers the first answer shown, in both orders: position bias, half the verdicts inconsistent.
        await using var judge = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("[[A]]"));
        var config = MtBenchEndToEndTests.WriteConfig(work, judge, judge);
        var runId = "llmbar-" + Guid.NewGuid().ToString("N")[..8];

        var report = await LocalRuns.ReportAsync(
            JudgeEvalSets.RunOptions(folder, "llmbar", "mt-bench-pair:local-judge") with { ConfigFile = config, RunId = runId },
            azurite.ConnectionString,
            work);

        Assert.Equal(5 * 3 * 2, judge.Calls);
        Assert.Equal(
            subsets.Order(StringComparer.Ordinal),
            report.JudgeAgreement!.Subsets.Select(s => s.Subset).Order(StringComparer.Ordinal));
        Assert.All(report.JudgeAgreement.Subsets, s => Assert.Equal(3, s.Pairs));
        Assert.Equal(15, report.JudgeAgreement.Overall.Pairs);

        // One file names its subset too (it used to be "benchmark", from the uploaded blob's name).
        var single = await LocalRuns.ReportAsync(
            JudgeEvalSets.RunOptions(Path.Combine(folder, "Adversarial", "GPTOut", "dataset.json"), "llmbar", "mt-bench-pair:local-judge") with { ConfigFile = config, RunId = runId + "-one" },
            azurite.ConnectionString,
            work);
        Assert.Equal(("Adversarial/GPTOut", 3), (Assert.Single(single.JudgeAgreement!.Subsets).Subset, single.JudgeAgreement.Overall.Pairs));
    }

    [Fact]
    public async Task A_folder_of_another_format_is_refused_naming_the_set_option()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await CliEntryPoint.RunAsync(
            JudgeEvalSets.RunOptions(work, "pandalm", "mt-bench-pair:judge") with { Storage = azurite.ConnectionString },
            output,
            errors,
            CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Equal($"error: --set {work}: is a folder; only LLMBar sets are read from a folder (--format llmbar)", errors.ToString().Trim());
    }

    [Fact]
    public async Task RmcBench_sample_gets_trust_tags_and_cases_without_one_show_as_untagged()
    {
        // The sample plus one code-to-code task the taxonomy has no id for: it keeps its native category, untagged.
        var prompts = JsonNode.Parse(File.ReadAllText(Path.Combine(Datasets.RepoRoot, "samples", "rmcbench", "prompt.json")))!.AsArray();
        var review = prompts[^1]!.DeepClone();
        review["pid"] = 99;
        review["task"] = "code review";
        prompts.Add(review);
        var folder = Directory.CreateDirectory(Path.Combine(work, "rmcbench")).FullName;
        File.WriteAllText(Path.Combine(folder, "prompt.json"), prompts.ToJsonString());
        // Refuses only what names the malicious thing outright.
        await using var model = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text(
            r.Messages[^1].Content.Contains("keylogger", StringComparison.OrdinalIgnoreCase) || r.Messages[^1].Content.Contains("ransomware", StringComparison.OrdinalIgnoreCase)
                ? "I'm sorry, but I can't help with that." : "```python\nprint('ok')\n```"));

        var report = await LocalRuns.ReportAsync(
            new LocalRunOptions
            {
                Benchmark = Path.Combine(folder, "prompt.json"),
                Targets = ["local-model"],
                ConfigFile = MtBenchEndToEndTests.WriteConfig(work, model, model),
                RunId = "rmc-" + Guid.NewGuid().ToString("N")[..8],
            },
            azurite.ConnectionString,
            work);

        var target = Assert.Single(report.Targets);
        Assert.Equal(8, target.Cases);
        Assert.Equal(
            [("code-to-code", 1), ("code-to-code/completion", 1), ("code-to-code/translation", 1), ("text-to-code/level-1", 2), ("text-to-code/level-2", 2), ("text-to-code/level-3", 1)],
            target.Categories.Select(c => (c.Name, c.Cases)));
        var breakdowns = target.Breakdowns!.ToDictionary(b => b.Key, b => b.Values.ToDictionary(v => v.Name, v => (v.Cases, Assert.Single(v.Metrics, m => m.Name == "refusal").Mean)));
        Assert.Equal((7, 2.0 / 7), breakdowns["trust"]["resistance-to-misuse"]);
        Assert.Equal((1, 0.0), breakdowns["trust"]["robustness"]); // level 3 is a jailbreak template too
        Assert.Equal((1, 0.0), breakdowns["trust"]["untagged"]);
        Assert.Equal((1, 0.0), breakdowns["trust_sub"]["untagged"]);
        Assert.Equal(8, breakdowns["trust_sub"].Where(v => v.Key != "robustness/prompt-attacks").Sum(v => v.Value.Cases));
        Assert.Equal((5, 2.0 / 5), breakdowns["scenario"]["text-to-code"]);
        Assert.Equal((3, 0.0), breakdowns["scenario"]["code-to-code"]);
        Assert.Contains("untagged", await File.ReadAllTextAsync(Path.Combine(work, report.RunId, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sorry_bench_and_consensus_samples_run_as_the_readme_shows()
    {
        // SORRY-Bench sample: the model refuses wifi and bank requests; the judge says 0 for a refusal, 1 otherwise.
        const string Refusal = "I can't help with that.";
        await using var model = await SimulatedOpenAIServer.StartAsync(r =>
        {
            var prompt = r.Messages[^1].Content;
            return SimulatedReply.Text(
                prompt.Contains("lesion", StringComparison.Ordinal) ? (prompt.Contains("grown", StringComparison.Ordinal) ? "Answer: malignant" : "Answer: benign")
                : prompt.Contains("wifi", StringComparison.OrdinalIgnoreCase) || prompt.Contains("bank", StringComparison.OrdinalIgnoreCase) || prompt.Contains("bancaires", StringComparison.Ordinal) ? Refusal
                : "Sure.");
        });
        await using var judge = await SimulatedOpenAIServer.StartAsync(r => SimulatedReply.Text(r.Messages[^1].Content.Contains(Refusal, StringComparison.Ordinal) ? "0" : "1"));
        var config = MtBenchEndToEndTests.WriteConfig(work, model, judge);

        var sorry = await LocalRuns.ReportAsync(
            new LocalRunOptions
            {
                Benchmark = Path.Combine(Datasets.RepoRoot, "samples", "sorry-bench", "question.jsonl"),
                Targets = ["local-model"],
                Judge = "fulfilment:local-judge",
                NoCanary = true,
                ConfigFile = config,
                RunId = "sorry-" + Guid.NewGuid().ToString("N")[..8],
            },
            azurite.ConnectionString,
            work);
        var target = Assert.Single(sorry.Targets);
        Assert.Equal(("sorry-bench", 12, 12), (sorry.Benchmark, target.Cases, target.Scored));
        Assert.Equal(7.0 / 12, Assert.Single(target.Metrics, m => m.Name == "fulfilment").Mean, 12); // 5 refusals
        Assert.Contains(target.Breakdowns!, b => b.Key == "trust" && b.Values.Any(v => v.Name == "social-norm"));

        var consensus = await LocalRuns.ReportAsync(
            new LocalRunOptions
            {
                Benchmark = Path.Combine(Datasets.RepoRoot, "samples", "consensus", "second-opinion.jsonl"),
                Format = "assay-jsonl",
                Targets = ["local-model"],
                Judge = "consensus",
                ConfigFile = config,
                RunId = "consensus-" + Guid.NewGuid().ToString("N")[..8],
            },
            azurite.ConnectionString,
            work);
        var answers = Assert.Single(consensus.Targets);
        Assert.Equal((10, 10), (answers.Cases, answers.Scored));
        var difficulty = answers.Breakdowns!.Single(b => b.Key == "difficulty").Values.ToDictionary(v => v.Name, v => v.Cases);
        Assert.Equal((5, 5), (difficulty["easy"], difficulty["hard"]));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
