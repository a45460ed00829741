using Assay.Testing;

namespace Assay.Cli.Tests.FrontDoor;

/// <summary>
/// A run that passes every check and then fails inside (here: its benchmark blob does not exist) tells the user which
/// task failed, the error's type and message, and where the full detail is, instead of "failed: Failed".
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunFailureTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_failure_inside_a_run_names_the_activity_the_error_and_the_detail_file()
    {
        using var cli = new CliProcess();
        var outDirectory = Path.Combine(cli.Work, "out");
        var runId = "failing-" + Guid.NewGuid().ToString("N")[..8];

        var (exit, output, errors, _) = await cli.RunAsync(
            ["run", "-b", "blob:nowhere/question.jsonl", "-t", "null", "--judge", "refusal", "--storage", azurite.ConnectionString, "--run-id", runId, "--out", outDirectory]);

        Assert.True(exit == 1, $"exit {exit}; stderr: {errors}; stdout: {output}");
        var line = Assert.Single(errors.Split('\n'), l => l.StartsWith($"run {runId} failed", StringComparison.Ordinal));
        Assert.Contains($"run {runId} failed in PlanRunActivity: BenchmarkFormatException: ", line, StringComparison.Ordinal);
        Assert.Contains("blob does not exist", line, StringComparison.OrdinalIgnoreCase);
        var detail = Path.Combine(outDirectory, runId, "failure.txt");
        Assert.Contains($"(full detail: {detail})", line, StringComparison.Ordinal);
        var text = await File.ReadAllTextAsync(detail);
        Assert.Contains("Assay.Core.Benchmarks.BenchmarkFormatException", text, StringComparison.Ordinal);
        Assert.Contains(" at ", text, StringComparison.Ordinal); // the stack trace
    }
}
