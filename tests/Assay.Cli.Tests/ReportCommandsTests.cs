using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary><c>assay report</c> and <c>assay compare</c> on runs made by <c>assay run</c> in the same storage.</summary>
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
        var (output, errors) = (new StringWriter(), new StringWriter());
        var commands = new ReportCommands(output, errors);

        var reported = await commands.ReportAsync(after, azurite.ConnectionString, null, null, work, open: false, CancellationToken.None);
        var summary = output.ToString();
        output.GetStringBuilder().Clear();
        var compared = await commands.CompareAsync(before, after, azurite.ConnectionString, null, null, CancellationToken.None);
        var sameRun = await commands.CompareAsync(after, after, azurite.ConnectionString, null, null, CancellationToken.None);

        Assert.Equal(0, reported);
        Assert.Contains("| model | 450 | 450 | 0 | 0 |", summary, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(work, after, "report.html")));
        Assert.Equal(3, compared); // refusal of unsafe prompts fell from 99 % to 30 %
        Assert.Contains("| model | refusal_unsafe | 0.99 [", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("⚠ regression", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, sameRun);
    }

    [Fact]
    public async Task An_unknown_run_is_a_one_line_error()
    {
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await CliEntryPoint.GuardAsync(
            () => new ReportCommands(output, errors).ReportAsync("no-such-run", azurite.ConnectionString, null, null, null, false, CancellationToken.None),
            errors,
            CancellationToken.None);

        Assert.Equal(2, exit);
        Assert.Contains("no report for run 'no-such-run'", errors.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> RunAsync(string target)
    {
        var runId = "cmp-" + Guid.NewGuid().ToString("N")[..8];
        var errors = new StringWriter();
        var exit = await CliEntryPoint.RunAsync(
            new LocalRunOptions { Benchmark = Datasets.File("xstest", "xstest_prompts.csv"), Targets = [target], Storage = azurite.ConnectionString, RunId = runId },
            new StringWriter(),
            errors,
            CancellationToken.None);
        Assert.True(exit == 0, errors.ToString());
        return runId;
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
