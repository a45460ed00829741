using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.Json;
using Assay.Testing;

namespace Assay.Functions.Tests.Infra;

/// <summary>
/// The Bicep CLI from the NuGet package, offline. Besides build and lint it runs <c>bicep snapshot</c>, which evaluates
/// a deployment locally (parameters, conditions, loops, modules, resource ids) into the resources it would create, so
/// tests can assert on what a deployment with given parameters produces rather than on template expressions.
/// </summary>
internal static class BicepCli
{
    public const string Subscription = "00000000-0000-0000-0000-000000000001";

    public static string Infra => Path.Combine(Datasets.RepoRoot, "infra");

    // One compile of main.bicep serves every test that reads it (the CLI takes seconds under a parallel test load).
    public static readonly Lazy<Task<(int Exit, string Stdout, string Stderr)>> MainBuild =
        new(() => RunAsync("build", Path.Combine(Infra, "main.bicep"), "--stdout"));

    /// <summary>
    /// The resources a deployment of main.bicep with these parameters (Bicep expressions by name) would create. Only
    /// parameters the template declares are passed, so the same probe runs against older templates and fails on
    /// what they lack rather than on an unknown parameter.
    /// </summary>
    public static async Task<IReadOnlyList<JsonElement>> SnapshotAsync(IReadOnlyDictionary<string, string> parameters)
    {
        var (_, template, error) = await MainBuild.Value;
        Assert.True(template.Length > 0, error);
        using var compiled = JsonDocument.Parse(template);
        var declared = compiled.RootElement.GetProperty("parameters").EnumerateObject().Select(p => p.Name).ToHashSet();

        var folder = Directory.CreateTempSubdirectory("assay-bicep-").FullName;
        try
        {
            var file = Path.Combine(folder, "probe.bicepparam");
            var text = new StringBuilder();
            // bicepparam files may only name their template by a relative path.
            text.AppendLine($"using '{Path.GetRelativePath(folder, Path.Combine(Infra, "main.bicep")).Replace('\\', '/')}'");
            foreach (var (name, value) in parameters.Where(p => declared.Contains(p.Key)))
            {
                text.AppendLine($"param {name} = {value}");
            }

            await File.WriteAllTextAsync(file, text.ToString());
            var (exit, _, stderr) = await RunAsync(
                "snapshot", file, "--subscription-id", Subscription, "--resource-group", "rg", "--location", "swedencentral",
                "--tenant-id", "00000000-0000-0000-0000-000000000002");
            Assert.True(exit == 0, $"bicep snapshot exited {exit}:\n{stderr}");
            using var snapshot = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(folder, "probe.snapshot.json")));
            return snapshot.RootElement.GetProperty("predictedResources").EnumerateArray().Select(r => r.Clone()).ToList();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(params string[] arguments)
    {
        var folder = typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "BicepPackageFolder").Value;
        var bicep = Path.Combine(folder!, "tools", "bicep");
        Assert.True(File.Exists(bicep), $"the Bicep CLI is missing at {bicep}");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(bicep, File.GetUnixFileMode(bicep) | UnixFileMode.UserExecute); // NuGet may drop the bit
        }

        var start = new ProcessStartInfo(bicep) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // Offline and quiet: no telemetry, no update check.
        start.Environment["BICEP_TRACING_ENABLED"] = "false";
        start.Environment["BICEP_TELEMETRY_ENABLED"] = "false";
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3)); // snapshots take ~20 s on a loaded machine
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout, await stderr);
    }
}
