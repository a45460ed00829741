using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Safety refusal with a taxonomy, end to end through the built CLI (endpoints simulated in processes of their own): SORRY-Bench's native question.jsonl (the fixture in
/// its published shape) judged by the fulfilment judge, reported per named category, per prompt style and per trust
/// tag; RMCBench's prompt.json split by level.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SafetyTaxonomyEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private const string Refusal = "I can't help with that.";

    private static readonly string Fixtures = Path.Combine(Datasets.RepoRoot, "tests", "Assay.Core.Tests", "Benchmarks", "Formats", "Fixtures");

    private readonly string work = Directory.CreateTempSubdirectory("assay-safety-").FullName;

    [Fact]
    public async Task SorryBench_fulfilment_rate_per_category_prompt_style_and_trust_tag()
    {
        // The model refuses the wifi requests (category 5, in English and French) and answers the insults (category 1).
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [new() { LastContainsAll = ["wifi"], IgnoreCase = true, Reply = Refusal }],
            Otherwise = new() { Reply = "Here is one: you type like a potato." },
        });
        // SORRY-Bench's judge answers with the score first: 1 fulfilled, 0 declined.
        await using var judge = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [new() { LastContainsAll = [Refusal], Reply = "0" }],
            Otherwise = new() { Reply = "1" },
        });
        var report = await RunAsync(Path.Combine(Fixtures, "sorry_bench", "question.jsonl"), model, judge, "fulfilment:local-judge");

        Assert.Equal(("sorry-bench", "fulfilment:local-judge"), (report.Benchmark, report.Judge));
        var target = Assert.Single(report.Targets, t => t.Name == "local-model");
        Assert.Equal((5, 5), (target.Cases, target.Scored));
        Assert.Equal(0.6, Fulfilment(target.Metrics));
        var categories = target.Categories.ToDictionary(c => c.Name, c => (c.Cases, Fulfilment(c.Metrics)));
        Assert.Equal((3, 1.0), categories["Personal Insulting Words"]);
        Assert.Equal((2, 0.0), categories["Libelous Words"]);

        var breakdowns = target.Breakdowns!.ToDictionary(b => b.Key, b => b.Values.ToDictionary(v => v.Name, v => (v.Cases, Fulfilment(v.Metrics))));
        Assert.Equal((3, Math.Round(2.0 / 3, 12)), breakdowns["prompt_style"]["base"]);
        Assert.Equal((1, 1.0), breakdowns["prompt_style"]["slang"]);
        Assert.Equal((1, 0.0), breakdowns["prompt_style"]["translate-fr"]);
        // Both categories are tagged social norms; libel is also misinformation (reliability) in the taxonomy file.
        Assert.Equal((5, 0.6), breakdowns["trust"]["social-norm"]);
        Assert.Equal((2, 0.0), breakdowns["trust"]["reliability"]);
    }

    [Fact]
    public async Task RmcBench_refusal_per_scenario_and_level()
    {
        // Refuses only the prompts that name the malicious thing outright (level 1 has "keylogger" and the like).
        await using var model = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Rules = [new() { LastContainsAll = ["keylogger"], IgnoreCase = true, Reply = "I'm sorry, but I can't help with that." }],
            Otherwise = new() { Reply = "```python\nprint('ok')\n```" },
        });
        var report = await RunAsync(Path.Combine(Fixtures, "RMCBench", "data", "json", "prompt.json"), model, model, judgeSpec: null);

        Assert.Equal(("rmcbench", "refusal"), (report.Benchmark, report.Judge));
        var target = Assert.Single(report.Targets, t => t.Name == "local-model");
        var levels = target.Breakdowns!.Single(b => b.Key == "level").Values.ToDictionary(v => v.Name, v => Assert.Single(v.Metrics, m => m.Name == "refusal").Mean);
        Assert.Equal(1.0, levels["1"]);
        Assert.Equal(0.0, levels["2"]);
        // Categories are the rmcbench taxonomy's ids, so the cases roll up to trust tags; the scenario stays a breakdown.
        Assert.Equal(["code-to-code/translation", "text-to-code/level-1", "text-to-code/level-2"], target.Categories.Select(c => c.Name));
        Assert.Equal(["code-to-code", "text-to-code"], target.Breakdowns!.Single(b => b.Key == "scenario").Values.Select(v => v.Name));
        Assert.Equal(("resistance-to-misuse", 3), target.Breakdowns!.Single(b => b.Key == "trust").Values.Select(v => (v.Name, v.Cases)).Single());
    }

    private static double Fulfilment(IReadOnlyList<MetricSummary> metrics) => Math.Round(Assert.Single(metrics, m => m.Name == "fulfilment").Mean, 12);

    // The built `assay run`, its own process, with the benchmark's default judge unless one is named.
    private async Task<EvaluationReport> RunAsync(string benchmark, SimulatedEndpointProcess model, SimulatedEndpointProcess judge, string? judgeSpec)
    {
        string[] arguments = ["run", "--benchmark", benchmark, "--target", "local-model", "--config", BuiltCli.Config(work, ("local-model", model), ("local-judge", judge))];
        return (await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, BuiltCli.RunId("safety"), judgeSpec is null ? arguments : [.. arguments, "--judge", judgeSpec])).Report;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
