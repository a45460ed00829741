using Assay.Core.Reports;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>The README's first command: XSTest's recorded completions of five models plus the baselines, from samples/.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class QuickStartTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-quick-").FullName;

    [Fact]
    public async Task The_sample_XSTest_run_reports_refusal_and_over_refusal_for_seven_targets()
    {
        var samples = Path.Combine(Datasets.RepoRoot, "samples", "xstest");
        var (output, errors) = (new StringWriter(), new StringWriter());

        var exit = await CliEntryPoint.RunAsync(
            new LocalRunOptions
            {
                Benchmark = Path.Combine(samples, "xstest_prompts.csv"),
                Targets = [$"recorded:{Path.Combine(samples, "model_completions")}", "null", "refuse"],
                Storage = azurite.ConnectionString,
                OutDirectory = work,
                RunId = "quick-" + Guid.NewGuid().ToString("N")[..8],
            },
            output,
            errors,
            CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Directory.GetFiles(work, "report.json", SearchOption.AllDirectories).Single()));
        Assert.Equal(["gpt4", "llama2new", "llama2orig", "mistralguard", "mistralinstruct", "null", "refuse"], report.Targets.Select(t => t.Name));
        Assert.All(report.Targets, t =>
        {
            Assert.Equal(450, t.Cases);
            Assert.Equal(200, t.Metrics.Single(m => m.Name == "refusal_unsafe").N);
            Assert.Equal(250, t.Metrics.Single(m => m.Name == "over_refusal").N);
        });
        Assert.Contains("| refuse | 450 | 450 | 0 | 0 | 100.0% [100.0%, 100.0%]", output.ToString(), StringComparison.Ordinal);
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
