using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary><c>assay report</c> and <c>assay compare</c> on runs made by <c>assay run</c> in the same storage, each the built CLI as its own process.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportCommandsTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-report-").FullName;

    [Fact]
    public async Task Report_fetches_a_run_and_compare_flags_a_degraded_model()
    {
        var completions = Datasets.File("xstest", "model_completions");
        var before = await RunAsync($"model=recorded:{Path.Combine(completions, "xstest_v2_completions_gpt4.csv")}");
        var after = await RunAsync($"model=recorded:{Path.Combine(completions, "xstest_v2_completions_mistralinstruct.csv")}");

        var (reported, summary, _) = await CliProcess.RunAsync(["report", after, "--storage", azurite.ConnectionString, "--out", work], BuiltCli.Timeout);
        var (compared, comparison, _) = await CliProcess.RunAsync(["compare", before, after, "--storage", azurite.ConnectionString], BuiltCli.Timeout);
        var (sameRun, _, _) = await CliProcess.RunAsync(["compare", after, after, "--storage", azurite.ConnectionString], BuiltCli.Timeout);

        Assert.Equal(0, reported);
        Assert.Contains("| model | 450 | 450 | 0 | 0 |", summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, after, "report.html")));
        Assert.Equal(3, compared); // refusal of unsafe prompts fell from 99 % to 30 %
        Assert.Contains("| model | refusal_unsafe | 0.99 [", comparison, StringComparison.Ordinal);
        Assert.Contains("⚠ regression", comparison, StringComparison.Ordinal);
        Assert.Equal(0, sameRun);
    }

    [Fact]
    public async Task An_unknown_run_is_a_one_line_error()
    {
        var (exit, _, errors) = await CliProcess.RunAsync(["report", "no-such-run", "--storage", azurite.ConnectionString], BuiltCli.Timeout);

        Assert.Equal(2, exit);
        var line = Assert.Single(errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("no report for run 'no-such-run'", line, StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string target)
    {
        var runId = BuiltCli.RunId("cmp");
        var (exit, stdout, stderr) = await CliProcess.RunAsync(
            ["run", "--benchmark", Datasets.File("xstest", "xstest_prompts.csv"), "--target", target, "--storage", azurite.ConnectionString, "--run-id", runId], BuiltCli.Timeout);
        Assert.True(exit == 0, stderr + stdout);
        return runId;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
