using System.Text.Json.Nodes;
using Assay.Core.Solvers;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Issue 18's seed rows, each through the built <c>assay</c> as its own process on Azurite, every endpoint a simulated
/// OpenAI-compatible server in a process of its own: RAG documents reach the target, LLMBar subsets come from where the
/// files lie (a folder runs every subset at once), RMCBench gets trust tags and untagged cases are shown, and the
/// samples the README names run.
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
        await using var model = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("It opened in 1889 [eiffel]."));
        await using var judge = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("The document says so. [[SUPPORTED]]"));
        var runId = BuiltCli.RunId("rag");

        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "run", "--benchmark", sample, "--target", "local-model", "--target", "local-model~uppercase",
            "--judge", "groundedness:local-judge", "--no-canary", "--config", BuiltCli.Config(work, ("local-model", model), ("local-judge", judge)));

        var requests = model.Requests;
        Assert.Equal(2 * cases.Count, requests.Count);
        foreach (var evalCase in cases)
        {
            var question = evalCase["turns"]![0]!.GetValue<string>();
            var documents = evalCase["documents"]!.AsArray();
            var block = string.Concat(documents.Select(d => $"[{d!["id"]}]\n{d["text"]!.GetValue<string>().Trim()}\n\n"));
            // The plain target gets the documents, then the question; the mutated one the same documents, then its mutated question.
            var plain = Assert.Single(requests, r => r.Messages[^1].Content.EndsWith(question, StringComparison.Ordinal)).Messages.Single(m => m.Role == "user").Content;
            Assert.Equal($"{RetrievedDocuments.Instruction}\n\n{block}{question}", plain);
            Assert.Single(requests, r => r.Messages[^1].Content == $"{RetrievedDocuments.Instruction}\n\n{block}{question.ToUpperInvariant()}");
        }

        Assert.All(report.Targets, t => Assert.Equal((cases.Count, cases.Count), (t.Cases, t.Scored)));
        // The judge was asked about each answer's claim against the case's documents.
        Assert.NotEmpty(judge.Requests);
        // A run's report.html carries the endpoints table too (the page part debates and red-team runs reuse).
        var html = await File.ReadAllTextAsync(Path.Combine(work, runId, "report.html"));
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
        await using var judge = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("[[A]]"));
        var config = BuiltCli.Config(work, ("local-judge", judge));
        var runId = BuiltCli.RunId("llmbar");

        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "judge-eval", "--set", folder, "--format", "llmbar", "--judge", "mt-bench-pair:local-judge", "--config", config);

        Assert.Equal(5 * 3 * 2, judge.Calls);
        Assert.Equal(
            subsets.Order(StringComparer.Ordinal),
            report.JudgeAgreement!.Subsets.Select(s => s.Subset).Order(StringComparer.Ordinal));
        Assert.All(report.JudgeAgreement.Subsets, s => Assert.Equal(3, s.Pairs));
        Assert.Equal(15, report.JudgeAgreement.Overall.Pairs);

        // One file names its subset too (it used to be "benchmark", from the uploaded blob's name).
        var (single, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId + "-one",
            "judge-eval", "--set", Path.Combine(folder, "Adversarial", "GPTOut", "dataset.json"), "--format", "llmbar", "--judge", "mt-bench-pair:local-judge", "--config", config);
        Assert.Equal(("Adversarial/GPTOut", 3), (Assert.Single(single.JudgeAgreement!.Subsets).Subset, single.JudgeAgreement.Overall.Pairs));
    }

    [Fact]
    public async Task A_folder_of_another_format_is_refused_naming_the_set_option()
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["judge-eval", "--set", work, "--format", "pandalm", "--judge", "mt-bench-pair:judge", "--storage", azurite.ConnectionString], BuiltCli.Timeout);

        Assert.True(exit == 2, $"exit {exit}\n{stderr}\n{stdout}");
        Assert.Equal($"error: --set {work}: is a folder; only LLMBar sets are read from a folder (--format llmbar)", stderr.Trim());
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
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [new() { LastContainsAny = ["keylogger", "ransomware"], IgnoreCase = true, Reply = "I'm sorry, but I can't help with that." }],
            Otherwise = new() { Reply = "```python\nprint('ok')\n```" },
        });
        var runId = BuiltCli.RunId("rmc");

        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "run", "--benchmark", Path.Combine(folder, "prompt.json"), "--target", "local-model", "--config", BuiltCli.Config(work, ("local-model", model)));

        // The added case asks the last one's prompt again: an identical call, made once in the run.
        Assert.Equal(7, model.Calls);
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
        Assert.Contains("untagged", await File.ReadAllTextAsync(Path.Combine(work, runId, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sorry_bench_and_consensus_samples_run_as_the_readme_shows()
    {
        // SORRY-Bench sample: the model refuses wifi and bank requests; the judge says 0 for a refusal, 1 otherwise.
        // Consensus sample: the model says malignant for a lesion that has grown, benign for any other.
        const string Refusal = "I can't help with that.";
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules =
            [
                new() { LastContainsAll = ["lesion", "grown"], Reply = "Answer: malignant" },
                new() { LastContainsAll = ["lesion"], Reply = "Answer: benign" },
                new() { LastContainsAny = ["wifi", "bank"], IgnoreCase = true, Reply = Refusal },
                new() { LastContainsAny = ["bancaires"], Reply = Refusal },
            ],
            Otherwise = new() { Reply = "Sure." },
        });
        await using var judge = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [new() { LastContainsAll = [Refusal], Reply = "0" }],
            Otherwise = new() { Reply = "1" },
        });
        var config = BuiltCli.Config(work, ("mymodel", model), ("judge", judge));

        // The README's commands, with its endpoint names.
        var (sorry, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, BuiltCli.RunId("sorry"),
            "run", "--benchmark", Path.Combine(Datasets.RepoRoot, "samples", "sorry-bench", "question.jsonl"), "--target", "mymodel", "--judge", "fulfilment:judge",
            "--no-canary", "--config", config);
        var target = Assert.Single(sorry.Targets);
        Assert.Equal(("sorry-bench", 12, 12), (sorry.Benchmark, target.Cases, target.Scored));
        Assert.Equal(7.0 / 12, Assert.Single(target.Metrics, m => m.Name == "fulfilment").Mean, 12); // 5 refusals
        Assert.Contains(target.Breakdowns!, b => b.Key == "trust" && b.Values.Any(v => v.Name == "social-norm"));
        Assert.Equal(12, judge.Calls);

        var (consensus, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, BuiltCli.RunId("consensus"),
            "run", "--benchmark", Path.Combine(Datasets.RepoRoot, "samples", "consensus", "second-opinion.jsonl"), "--format", "assay-jsonl",
            "--target", "mymodel", "--judge", "consensus", "--config", config);
        var answers = Assert.Single(consensus.Targets);
        Assert.Equal((10, 10), (answers.Cases, answers.Scored));
        // Only the second case says the lesion has grown: easy 4 of 5 agree with the consensus, hard 2 of 5.
        var difficulty = answers.Breakdowns!.Single(b => b.Key == "difficulty").Values.ToDictionary(v => v.Name, v => (v.Cases, v.Metrics.Single().Mean));
        Assert.Equal(((5, 4.0 / 5), (5, 2.0 / 5)), (difficulty["easy"], difficulty["hard"]));
        Assert.Equal(12 + 10, model.Calls);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
