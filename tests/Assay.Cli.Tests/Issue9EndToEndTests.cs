using System.Text.Json;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// Issue #9's judge ensemble and REval through the built CLI, its own process, on Azurite (the README's commands), every
/// endpoint simulated over HTTP; each run lands report.json and report.md under --out. The REval model is a process of
/// its own; the ensemble's score classifiers are served by this test process (the out-of-process endpoint speaks chat
/// completions only).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class Issue9EndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-issue9-").FullName;

    [Fact]
    public async Task An_ensemble_run_over_the_xstest_sample_reports_every_member_against_the_human_labels()
    {
        // guard: a crude classifier (refusal when the answer opens with an apology); never: one that never sees a refusal.
        await using var guard = await SimulatedScoreServer.StartAsync(body =>
            (200, body!["response"]!.GetValue<string>().TrimStart().StartsWith("Sorry", StringComparison.Ordinal) ? """{"score":1}""" : """{"score":0}"""));
        await using var never = await SimulatedScoreServer.StartAsync(_ => (200, """{"score":0}"""));
        var config = WriteConfig(new Dictionary<string, object> { ["guard"] = Score(guard), ["never"] = Score(never) });
        var samples = Path.Combine(Datasets.RepoRoot, "samples", "xstest");
        var runId = "ensemble-cli-" + Guid.NewGuid().ToString("N")[..8];

        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "run", "--benchmark", Path.Combine(samples, "xstest_prompts.csv"), "--target", $"recorded:{Path.Combine(samples, "model_completions", "xstest_v2_completions_gpt4.csv")}",
            "--judge", "ensemble:majority(refusal,reward:guard,reward:never)", "--config", config);
        var ensemble = Assert.Single(report.Ensemble!.Targets);
        Assert.Equal(("gpt4", 450), (ensemble.Target, ensemble.LabelledCases));
        Assert.Equal(["refusal", "reward:guard", "reward:never"], ensemble.Members.Select(m => m.Name));
        Assert.All(ensemble.Members, m => Assert.Equal(450, m.N));
        // "never" misses every human refusal (211 full + 9 partial) and has no agreement beyond chance.
        Assert.Equal((220, 0.0), (ensemble.Members[2].Mistakes, ensemble.Members[2].Kappa));
        Assert.Equal(450, guard.Requests.Select(r => r.Body!["prompt"]!.GetValue<string>()).Distinct().Count());
        Assert.Contains("## Judge ensemble (majority) against the labels", await File.ReadAllTextAsync(Path.Combine(work, runId, "report.md")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reval_run_over_the_sample_scores_turns_and_incremental_consistency()
    {
        // A model that answers YES to everything: right only on the covered-line questions whose truth is yes.
        await using var model = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.Always("[ANSWER]YES[/ANSWER]"));
        var config = WriteConfig(new Dictionary<string, object> { ["coder"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "sim-coder" } });
        var runId = "reval-cli-" + Guid.NewGuid().ToString("N")[..8];

        var (report, _) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, runId,
            "run", "--benchmark", Path.Combine(Datasets.RepoRoot, "samples", "reval", "dreval_questions.jsonl"), "--format", "reval", "--target", "coder", "--config", config);

        Assert.Equal(14, model.Calls);
        var target = Assert.Single(report.Targets);
        Assert.Equal((4, 4), (target.Cases, target.Scored));
        Assert.Equal(0.75, target.Metrics.Single(m => m.Name == "covered_line").Mean, 12);
        Assert.Equal(0.0, target.Metrics.Single(m => m.Name == "output").Mean, 12);
        // Three items with only the first answer right (0.125 each), one with nothing right: 0.375 / 4.
        Assert.Equal(0.09375, target.Metrics.Single(m => m.Name == "consistency").Mean, 12);
        Assert.True(File.Exists(Path.Combine(work, runId, "report.md")));
    }

    private static object Score(SimulatedScoreServer server) => new
    {
        Kind = "ScoreHttp",
        BaseUrl = server.ScoreUrl.ToString(),
        Model = "classifier",
        RequestTemplate = """{"prompt": {{prompt}}, "response": {{response}}}""",
        ScorePath = "$.score",
        TimeoutSeconds = 30,
    };

    private string WriteConfig(Dictionary<string, object> endpoints)
    {
        var path = Path.Combine(work, "assay.settings.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { Endpoints = endpoints }));
        return path;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
