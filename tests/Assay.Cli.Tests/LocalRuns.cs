using Assay.Core.Reports;

namespace Assay.Cli.Tests;

/// <summary>
/// An <c>assay run</c> that must succeed, on the given storage, with its report read back from the out directory, run
/// IN-PROCESS through <see cref="CliEntryPoint"/>: for diagnosis only (a debugger steps into the runner). End-to-end
/// tests go through the front door instead, <see cref="BuiltCli"/> (the built binary as its own process). Kept because
/// branches being merged beside this one may still call it; no test on this branch does.
/// </summary>
internal static class LocalRuns
{
    /// <summary>Runs <paramref name="options"/> (its <c>RunId</c> required) with the storage and out directory set.</summary>
    public static async Task<EvaluationReport> ReportAsync(LocalRunOptions options, string storage, string outDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.RunId);
        var (output, errors) = (new StringWriter(), new StringWriter());
        var exit = await CliEntryPoint.RunAsync(
            options with { Storage = storage, OutDirectory = outDirectory }, output, errors, CancellationToken.None);
        Assert.True(exit == 0, errors.ToString() + output);
        return ReportJson.Deserialize(await File.ReadAllTextAsync(Path.Combine(outDirectory, options.RunId, "report.json")));
    }
}
