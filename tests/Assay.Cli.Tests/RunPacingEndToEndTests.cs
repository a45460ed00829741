using System.Text.Json;
using Assay.Cli.Tests.FrontDoor;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// The built <c>assay run</c> with no --batch-size or --max-in-flight, against endpoints that are processes of their
/// own: the run chooses both from its endpoints' MaxConcurrency (RunPacing), keeps each endpoint at its cap, and says
/// what it chose in the progress line and the report.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunPacingEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-pacing-").FullName;

    [Fact]
    public async Task Default_options_fill_every_endpoint_to_its_cap_and_report_the_chosen_pace()
    {
        await using var model = await SimulatedEndpointProcess.StartAsync(
            new SimulatedBehaviour { Otherwise = new SimulatedRule { Reply = "An answer." }, LatencyMs = 60 }, recordRequests: false);
        await using var judge = await SimulatedEndpointProcess.StartAsync(
            new SimulatedBehaviour { Otherwise = new SimulatedRule { Reply = "Fine.\n\nRating: [[6]]" }, LatencyMs = 60 }, recordRequests: false);
        var benchmark = Path.Combine(work, "cases.jsonl");
        var runId = BuiltCli.RunId("pacing");
        await File.WriteAllLinesAsync(benchmark, Enumerable.Range(1, 40).Select(i => $$"""{"id":"c{{i}}","turns":["{{runId}} question {{i}}"]}"""));
        var config = Path.Combine(work, "assay.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "m", MaxConcurrency = 4 },
                ["judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "j", MaxConcurrency = 4 },
            },
        }));

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--benchmark", benchmark, "--target", "model", "--judge", "mt-bench:judge", "--no-canary",
             "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work],
            BuiltCli.Timeout);

        Assert.True(exit == 0, stderr + stdout);
        // 40 cases (the format's batch size is 16), target and judge at 4 each: two work items per target but at least
        // 4 generating; 8 × (4 + 4) cases over 4 items is 16 a batch, cut to 10 so that there are 4 batches to overlap.
        Assert.True(stderr.Contains("batches of 10, 4 generating at once", StringComparison.Ordinal), stderr);
        Assert.Contains(
            "Batches of 10 cases, 4 generating at once and up to 8 generating or judging: chosen from the endpoints' MaxConcurrency",
            await File.ReadAllTextAsync(Path.Combine(work, runId, "report.md")), StringComparison.Ordinal);
        var (served, judged) = (await model.StatsAsync(), await judge.StatsAsync());
        Assert.Equal((40, 40), (served.Calls, judged.Calls));
        Assert.Equal((4, 4), (served.PeakInFlight, judged.PeakInFlight));
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
