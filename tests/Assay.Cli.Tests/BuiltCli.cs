using System.Text.Json;
using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// The built <c>assay</c> as its own process (<see cref="CliProcess"/>), as a user types it, against endpoints that are
/// processes of their own (<see cref="SimulatedEndpointProcess"/>): the front door end-to-end tests go through.
/// </summary>
internal static class BuiltCli
{
    public static readonly TimeSpan Timeout = TimeSpan.FromMinutes(4);

    /// <summary>Runs <c>assay ARGUMENTS --storage S --run-id R --out O</c>, which must succeed; its report.json, read back.</summary>
    public static async Task<(EvaluationReport Report, string Stdout)> ReportAsync(string storage, string outDirectory, string runId, params string[] arguments)
    {
        var (exit, stdout, stderr) = await CliProcess.RunAsync([.. arguments, "--storage", storage, "--run-id", runId, "--out", outDirectory], Timeout);
        Assert.True(exit == 0, $"assay {arguments[0]} exited {exit}\n{stderr}\n{stdout}");
        return (ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDirectory, runId, "report.json"))), stdout);
    }

    /// <summary>A configuration file naming each endpoint (OpenAI-compatible) at its simulated process.</summary>
    public static string Config(string folder, params (string Name, SimulatedEndpointProcess Server)[] endpoints) =>
        Config(folder, cacheEnabled: true, endpoints);

    public static string Config(string folder, bool cacheEnabled, params (string Name, SimulatedEndpointProcess Server)[] endpoints)
    {
        var path = Path.Combine(folder, $"assay.{Guid.NewGuid():N}.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new
        {
            Cache = new { Enabled = cacheEnabled },
            Endpoints = endpoints.ToDictionary(
                e => e.Name,
                e => (object)new { Kind = "OpenAICompatible", BaseUrl = e.Server.BaseUrl.ToString(), Model = e.Name, MaxConcurrency = 8 }),
        }));
        return path;
    }

    public static string RunId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
