using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// A run where every case errored must say why, in report.json, report.md and report.html: one endpoint is down
/// (nothing listens on its port), the other (a simulated endpoint, its own process) answers every call with HTTP 500.
/// Through the built CLI, its own process.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ErrorCausesEndToEndTests(AzuriteFixture azurite, Xunit.Abstractions.ITestOutputHelper log) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-causes-").FullName;

    [Fact]
    public async Task An_all_errored_run_shows_its_causes_grouped_in_every_report_format()
    {
        await using var broken = await SimulatedEndpointProcess.StartAsync(SimulatedBehaviour.ServerError());
        var config = Path.Combine(work, "assay.settings.json");
        await File.WriteAllTextAsync(config, JsonSerializer.Serialize(new
        {
            Endpoints = new Dictionary<string, object>
            {
                ["down"] = new { Kind = "OpenAICompatible", BaseUrl = $"http://127.0.0.1:{ClosedPort()}/v1", Model = "m", MaxAttempts = 1 },
                ["broken"] = new { Kind = "OpenAICompatible", BaseUrl = broken.BaseUrl.ToString(), Model = "m", MaxAttempts = 1 },
            },
        }));
        var runId = "causes-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            [
                "run", "--benchmark", Datasets.File("advbench", "harmful_behaviors.csv"), "--target", "down", "--target", "broken",
                "--storage", azurite.ConnectionString, "--config", config, "--run-id", runId, "--out", work,
            ],
            TimeSpan.FromMinutes(4));
        log.WriteLine(stderr);
        Assert.True(exit == 0, stderr + stdout);

        var folder = Path.Combine(work, runId);
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(folder, "report.json")));
        Assert.All(report.Targets, t => Assert.Equal(t.Cases, t.Errors));
        var causes = report.ErrorCauses!;
        foreach (var c in causes)
        {
            log.WriteLine($"{c.Target} | {c.Type} | {c.Message} | {c.Count} | {string.Join(", ", c.FirstCaseIds)}");
        }

        var down = Assert.Single(causes, c => c.Target == "down");
        Assert.Equal("target connection failed", down.Type);
        Assert.Contains("Connection refused", down.Message, StringComparison.Ordinal);
        Assert.Equal(report.Targets.Single(t => t.Name == "down").Cases, down.Count);
        Assert.Equal(ErrorCauseAccumulator.CaseIdsKept, down.FirstCaseIds.Count);
        var failing = Assert.Single(causes, c => c.Target == "broken");
        Assert.Equal("target HTTP 500", failing.Type);
        Assert.Contains("HTTP 500: (server_error) internal error", failing.Message, StringComparison.Ordinal);

        var markdown = await File.ReadAllTextAsync(Path.Combine(folder, "report.md"));
        var html = await File.ReadAllTextAsync(Path.Combine(folder, "report.html"));
        foreach (var text in new[] { markdown, html })
        {
            Assert.Contains("Errored cases by cause", text, StringComparison.Ordinal);
            Assert.Contains("Connection refused", text, StringComparison.Ordinal);
            Assert.Contains("HTTP 500: (server_error) internal error", text, StringComparison.Ordinal);
            Assert.DoesNotContain("(: )", text, StringComparison.Ordinal);
        }

        // The HTML has the causes as a table of its own, one row per target and cause, with the count of cases.
        Assert.Contains("<h2>Errored cases by cause</h2><table class=\"causes\">", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>down</td><td>target connection failed</td>", html, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when disposed: nothing listens there
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
