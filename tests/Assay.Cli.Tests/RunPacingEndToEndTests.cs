using System.Diagnostics;
using System.Text.Json;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// The built <c>assay run</c> with no --batch-size or --max-in-flight: the run chooses both from its endpoints'
/// MaxConcurrency (RunPacing), keeps each endpoint at its cap, and says what it chose in the progress line and the
/// report.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunPacingEndToEndTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-pacing-").FullName;

    [Fact]
    public async Task Default_options_fill_every_endpoint_to_its_cap_and_report_the_chosen_pace()
    {
        var latency = TimeSpan.FromMilliseconds(60);
        await using var model = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("An answer.", Delay: latency), recordRequests: false, maxConcurrency: 0);
        await using var judge = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("Fine.\n\nRating: [[6]]", Delay: latency), recordRequests: false, maxConcurrency: 0);
        var benchmark = Path.Combine(work, "cases.jsonl");
        var token = Guid.NewGuid().ToString("N")[..8];
        await File.WriteAllLinesAsync(benchmark, Enumerable.Range(1, 40).Select(i => $$"""{"id":"c{{i}}","turns":["pacing {{token}} question {{i}}"]}"""));
        var config = Path.Combine(work, "assay.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["model"] = new { Kind = "OpenAICompatible", BaseUrl = model.BaseUrl.ToString(), Model = "m", MaxConcurrency = 4 },
                ["judge"] = new { Kind = "OpenAICompatible", BaseUrl = judge.BaseUrl.ToString(), Model = "j", MaxConcurrency = 4 },
            },
        }));
        var runId = "pacing-" + token;

        var (exit, stdout, stderr) = await RunCliAsync(
            "run", "--benchmark", benchmark, "--target", "model", "--judge", "mt-bench:judge", "--no-canary",
            "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work);

        Assert.True(exit == 0, stderr + stdout);
        // 40 MT-Bench cases (format hint 8), target and judge at 4 each: two work items per target but at least 4
        // generating; 8 × (4 + 4) cases over 4 items is 16 a batch, cut to 10 so that there are 4 batches to overlap.
        Assert.True(stderr.Contains("batches of 10, 4 generating at once", StringComparison.Ordinal), stderr);
        Assert.Contains("Batches of 10 cases, 4 generating at once and up to 8 generating or judging: chosen from the endpoints' MaxConcurrency", await File.ReadAllTextAsync(Path.Combine(work, runId, "report.md")), StringComparison.Ordinal);
        Assert.Equal((40, 40), (model.Calls, judge.Calls));
        Assert.Equal((4, 4), (model.PeakInFlight, judge.PeakInFlight));
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunCliAsync(params string[] arguments)
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
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
