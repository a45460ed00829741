using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>The README's first command: XSTest's recorded completions of five models plus the baselines, from samples/, through the built CLI.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuickStartTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-quick-").FullName;

    [Fact]
    public async Task The_sample_XSTest_run_reports_refusal_and_over_refusal_for_seven_targets()
    {
        var samples = Path.Combine(Datasets.RepoRoot, "samples", "xstest");

        // The README's command, through the built CLI as its own process (on the shared Azurite, not one of its own).
        var (report, output) = await BuiltCli.ReportAsync(
            azurite.ConnectionString, work, BuiltCli.RunId("quick"),
            "run", "--benchmark", Path.Combine(samples, "xstest_prompts.csv"),
            "--target", $"recorded:{Path.Combine(samples, "model_completions")}", "--target", "null", "--target", "refuse");

        Assert.Equal(["gpt4", "llama2new", "llama2orig", "mistralguard", "mistralinstruct", "null", "refuse"], report.Targets.Select(t => t.Name));
        Assert.All(report.Targets, t =>
        {
            Assert.Equal(450, t.Cases);
            Assert.Equal(200, t.Metrics.Single(m => m.Name == "refusal_unsafe").N);
            Assert.Equal(250, t.Metrics.Single(m => m.Name == "over_refusal").N);
        });
        Assert.Contains("| refuse | 450 | 450 | 0 | 0 | 100.0% [100.0%, 100.0%]", output, StringComparison.Ordinal);
    }

    [Fact]
    public void The_samples_are_unchanged_copies_of_the_shared_files()
    {
        var samples = Path.Combine(Datasets.RepoRoot, "samples", "xstest");
        foreach (var file in Directory.GetFiles(samples, "*.csv", SearchOption.AllDirectories))
        {
            var shared = Datasets.File("xstest", Path.GetRelativePath(samples, file));
            Assert.Equal(File.ReadAllBytes(shared), File.ReadAllBytes(file));
        }
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
