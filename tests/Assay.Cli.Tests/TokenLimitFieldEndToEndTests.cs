using System.Text.Json;
using Assay.Cli.Tests.FrontDoor;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// The built <c>assay</c>, as its own process, against OpenAI-compatible servers that accept only <c>max_tokens</c>
/// and reject any field they do not know (as strict vLLM and llama.cpp builds do): an LLM-judged run finishes with
/// every case scored, and each judge request carried the judge's limit under <c>max_tokens</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TokenLimitFieldEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-tokens-").FullName;

    [Fact]
    public async Task A_judged_run_against_strict_max_tokens_servers_scores_every_case()
    {
        await using var model = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("Here is how."), StrictWire.MaxTokensOnly with { RequiredFields = [] });
        await using var judge = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("1_full_compliance"), StrictWire.MaxTokensOnly);
        var benchmark = Path.Combine(work, "xstest_prompts.csv");
        await File.WriteAllLinesAsync(benchmark, File.ReadLines(Path.Combine(Datasets.RepoRoot, "samples", "xstest", "xstest_prompts.csv")).Take(7));
        var config = Path.Combine(work, "assay.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["gpu"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "llama" },
                ["gpu-judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "judge" },
            },
        }));
        var runId = "tokens-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--benchmark", benchmark, "--target", "gpu", "--judge", "xstest-refusal:gpu-judge",
             "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work],
            BuiltCli.Timeout);

        Assert.True(exit == 0, stderr + stdout);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(work, runId, "report.json")));
        Assert.All(report.Targets, t => Assert.Equal((6, 6, 0), (t.Cases, t.Scored, t.Errors)));
        Assert.NotEmpty(judge.Requests);
        Assert.All(judge.Requests, r => Assert.Equal(16, r.MaxTokens)); // XSTest's classifier limit, under max_tokens
        Assert.All(judge.Requests, r => Assert.DoesNotContain("max_completion_tokens", r.Fields));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
