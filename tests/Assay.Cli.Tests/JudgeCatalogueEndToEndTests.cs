using System.Diagnostics;
using System.Text.Json;
using Assay.Core.Judges.Catalogue;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Every judge of the catalogue, run through the built <c>assay</c> binary as its own process against simulated
/// OpenAI-compatible endpoints in processes of their own (and a score endpoint served by the test): the run succeeds, the judge scores the model's answers, and the null canary
/// gets a verdict or the report says why it has none. A judge added to the catalogue is run here without a new test;
/// it only needs a line in <see cref="Scenarios"/> (what the simulated judge answers). The catalogue is split over
/// <see cref="Parts"/> test classes (judge i in part i mod <see cref="Parts"/>), which xUnit runs in parallel: one run
/// takes seconds, mostly waiting, and the whole catalogue one after another was the longest class of the suite.
/// </summary>
public abstract class JudgeCatalogueEndToEndTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private const int Parts = 4;

    /// <summary>The simulated judge's reply, and anything the judge needs beyond the shared two-case benchmark.</summary>
    private sealed record Scenario(string Reply, string? Judge = null, string? Benchmark = null, string? Format = null, bool LogProbs = false);

    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["refusal"] = new(string.Empty),
        ["multiple-choice"] = new(string.Empty),
        ["exact-match"] = new(string.Empty),
        ["text-overlap"] = new(string.Empty),
        ["numeric-match"] = new(string.Empty),
        ["consensus"] = new(string.Empty),
        ["reval"] = new(string.Empty, Benchmark: Path.Combine(Datasets.RepoRoot, "samples", "reval", "dreval_questions.jsonl"), Format: "reval"),
        ["mt-bench"] = new("The answer is correct. Rating: [[7]]"),
        ["reward"] = new("0.5"),
        ["fulfilment"] = new("0"),
        ["safety-label"] = new("safe"),
        ["xstest-refusal"] = new("1_full_compliance"),
        ["astral-oracle"] = new("safe"),
        ["groundedness"] = new("The claim follows from the document. [[SUPPORTED]]"),
        ["rubric"] = new("Correct. Rating: [[4]]"),
        ["arena-hard"] = new("Both are fine. My final verdict is: [[A=B]]"),
        ["mt-bench-pair"] = new("Both are fine. [[C]]"),
        ["reward-pair"] = new("0.5"),
        // The weighted judge reads the verdict token's log-probabilities: an even split is a tie in both orders.
        ["alpaca-eval-weighted"] = new("m", LogProbs: true),
        ["ensemble"] = new("1_full_compliance", Judge: "ensemble:majority(refusal,xstest-refusal:judge,fulfilment:judge)"),
    };

    private readonly string work = Directory.CreateTempSubdirectory("assay-judges-").FullName;

    /// <summary>The judges of one part: every judge of the catalogue is in exactly one.</summary>
    protected static TheoryData<string> Part(int part) => [.. PartNames(part)];

    protected static void Every_judge_has_a_scenario_and_a_part()
    {
        Assert.DoesNotContain(JudgeCatalogue.All, d => !Scenarios.ContainsKey(d.Name));
        Assert.Equal(
            JudgeCatalogue.All.Select(d => d.Name).Order(StringComparer.Ordinal),
            Enumerable.Range(0, Parts).SelectMany(PartNames).Order(StringComparer.Ordinal));
    }

    private static IEnumerable<string> PartNames(int part) => JudgeCatalogue.All.Where((_, i) => i % Parts == part).Select(d => d.Name);

    protected async Task RunJudgeAsync(string name)
    {
        var descriptor = JudgeCatalogue.Get(name)!;
        var scenario = Scenarios[name];
        // The model cites its document, so the groundedness judge has a claim to check; the reward model scores any body.
        // Model and judge are processes of their own; the score endpoint (not chat) is served by this test process.
        await using var model = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("Six times seven is 42 [1].\nAnswer: B"));
        await using var judge = await SimulatedEndpointProcess.StartAsync(new SimulatedBehaviour
        {
            Otherwise = scenario.LogProbs
                ? new() { TopLogProbs = [new("m", Math.Log(0.5)), new("M", Math.Log(0.5))] }
                : new() { Reply = scenario.Reply },
        });
        await using var scorer = await SimulatedScoreServer.StartAsync(_ => (200, """{"score": 0.5}"""));
        var endpoint = descriptor.Endpoint == JudgeEndpoint.Score ? "scorer" : "judge";
        var judgeSpec = scenario.Judge ?? Spec(descriptor) + (descriptor.NeedsEndpoint ? ":" + endpoint : string.Empty);
        var runId = "judge-" + name + "-" + Guid.NewGuid().ToString("N")[..6];
        List<string> arguments =
        [
            "run", "--benchmark", scenario.Benchmark ?? WriteBenchmark(), "--format", scenario.Format ?? "assay-jsonl",
            "--target", "local-model", "--judge", judgeSpec,
            "--storage", azurite.ConnectionString, "--config", WriteConfig(model, judge, scorer), "--run-id", runId, "--out", work,
        ];
        if (descriptor.NeedsBaseline)
        {
            arguments.AddRange(["--target", "base=local-model", "--baseline", "base"]);
        }

        var clock = Stopwatch.StartNew();
        var (exit, stdout, stderr) = await RunCliAsync(arguments);
        log.WriteLine($"{judgeSpec}: exit {exit} in {clock.Elapsed.TotalSeconds:F1} s; judge calls {judge.Calls}, score calls {scorer.Requests.Count}");

        Assert.True(exit == 0, $"exit {exit}\n{stderr}\n{stdout}");
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json")));
        var target = report.Targets.Single(t => t.Name == "local-model");
        Assert.Equal(0, target.Errors);
        Assert.True(target.Scored > 0, $"{name}: no case of the model was scored");
        // An ensemble calls models through its members (here two chat judges); any other judge as its entry says.
        Assert.True((descriptor.CallsModel || scenario.Judge is not null) == (judge.Calls + scorer.Requests.Count > 0), $"{name}: calls a model = {descriptor.CallsModel}");
        var integrity = report.Integrity!;
        var said = integrity.Canary?.Message ?? integrity.CanaryNote;
        Assert.False(string.IsNullOrEmpty(said), $"{name}: the canary has neither a verdict nor a reason");
        Assert.Equal(descriptor.Canary.HasCanary, report.Targets.Any(t => t.Name == "null"));
        Assert.Contains(said, await File.ReadAllTextAsync(Path.Combine(work, runId, "report.md")), StringComparison.Ordinal);
        log.WriteLine($"canary: {said}");
    }

    /// <summary>The judge's name as a run writes it: a rubric with the one the config names.</summary>
    private static string Spec(JudgeDescriptor descriptor) =>
        descriptor.Parameter is { Required: true } p ? $"{descriptor.Name}.{p.Example}" : descriptor.Name;

    private string WriteBenchmark()
    {
        var path = Path.Combine(work, "cases.jsonl");
        var cases = new[] { ("c1", "What is 6 * 7?", "42"), ("c2", "What is 5 + 3?", "8") }.Select(c => JsonSerializer.Serialize(new
        {
            id = c.Item1,
            turns = new[] { c.Item2 },
            references = new[] { c.Item3 },
            choices = new[] { c.Item3, "41" },
            metadata = new Dictionary<string, string> { ["label"] = "safe", ["consensus"] = "b", ["labels"] = "b|c" },
            documents = new[] { new { id = "1", text = $"The answer to '{c.Item2}' is {c.Item3}." } },
        }));
        File.WriteAllLines(path, cases);
        return path;
    }

    private string WriteConfig(SimulatedEndpointProcess model, SimulatedEndpointProcess judge, SimulatedScoreServer scorer)
    {
        var rubric = Path.Combine(work, "helpful.md");
        File.WriteAllText(rubric, "---\nmetric: helpfulness\nverdict: Rating: \\[\\[(\\d+)\\]\\]\nscale: 1-5\n---\nQuestion: {question}\nAnswer: {answer}\nRate from 1 to 5 as \"Rating: [[N]]\".\n");
        var path = Path.Combine(work, "assay.settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["local-model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-model" },
                ["judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "sim-judge" },
                ["scorer"] = new { Kind = "ScoreHttp", BaseUrl = scorer.ScoreUrl.ToString(), Model = "rm", RequestTemplate = """{"prompt": {{prompt}}, "response": {{response}}}""", ScorePath = "$.score" },
            },
            Rubrics = new Dictionary<string, object> { ["helpful"] = new { File = rubric } },
        }));
        return path;
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(typeof(LocalRunner).Assembly.Location);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose()
    {
        Directory.Delete(work, recursive: true);
        GC.SuppressFinalize(this);
    }
}

[Collection(AzuriteCollection.Name)]
public sealed class JudgeCatalogueEndToEndTests0(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : JudgeCatalogueEndToEndTests(azurite, log)
{
    public static TheoryData<string> Judges => Part(0);

    [Fact]
    public void Every_judge_has_a_scenario() => Every_judge_has_a_scenario_and_a_part();

    [Theory]
    [MemberData(nameof(Judges))]
    public Task The_built_cli_runs_the_judge_and_the_canary_has_a_verdict_or_a_reason(string name) => RunJudgeAsync(name);
}

[Collection(AzuriteCollection.Name)]
public sealed class JudgeCatalogueEndToEndTests1(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : JudgeCatalogueEndToEndTests(azurite, log)
{
    public static TheoryData<string> Judges => Part(1);

    [Theory]
    [MemberData(nameof(Judges))]
    public Task The_built_cli_runs_the_judge_and_the_canary_has_a_verdict_or_a_reason(string name) => RunJudgeAsync(name);
}

[Collection(AzuriteCollection.Name)]
public sealed class JudgeCatalogueEndToEndTests2(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : JudgeCatalogueEndToEndTests(azurite, log)
{
    public static TheoryData<string> Judges => Part(2);

    [Theory]
    [MemberData(nameof(Judges))]
    public Task The_built_cli_runs_the_judge_and_the_canary_has_a_verdict_or_a_reason(string name) => RunJudgeAsync(name);
}

[Collection(AzuriteCollection.Name)]
public sealed class JudgeCatalogueEndToEndTests3(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : JudgeCatalogueEndToEndTests(azurite, log)
{
    public static TheoryData<string> Judges => Part(3);

    [Theory]
    [MemberData(nameof(Judges))]
    public Task The_built_cli_runs_the_judge_and_the_canary_has_a_verdict_or_a_reason(string name) => RunJudgeAsync(name);
}
