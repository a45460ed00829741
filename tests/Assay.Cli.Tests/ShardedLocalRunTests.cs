using Assay.Core.Reports;
using Assay.Durable.Orchestrators;
using Assay.Testing;

namespace Assay.Cli.Tests;

/// <summary>
/// A run past the shard threshold on the local runner: its batches are evaluated in sub-orchestrations of the Azure
/// Storage backend (through the gRPC sidecar), and the report is the one an unsharded run gives.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShardedLocalRunTests(AzuriteFixture azurite) : IDisposable
{
    private readonly string work = Directory.CreateTempSubdirectory("assay-shards-").FullName;

    [Fact]
    public async Task XSTest_in_three_shards_gives_the_figures_of_the_whole()
    {
        var samples = Path.Combine(Datasets.RepoRoot, "samples", "xstest");
        var (output, errors) = (new StringWriter(), new StringWriter());
        const int batchSize = 4;
        // 450 prompts in batches of 4: 113 batches, so three shards of at most 50 batches each.
        Assert.InRange((450 + batchSize - 1) / batchSize, (2 * RunEvaluationOrchestrator.ShardBatches) + 1, 3 * RunEvaluationOrchestrator.ShardBatches);

        var exit = await CliEntryPoint.RunAsync(
            new LocalRunOptions
            {
                Benchmark = Path.Combine(samples, "xstest_prompts.csv"),
                Targets = [$"gpt4=recorded:{Path.Combine(samples, "model_completions", "xstest_v2_completions_gpt4.csv")}", "null", "refuse"],
                Storage = azurite.ConnectionString,
                OutDirectory = work,
                BatchSize = batchSize,
                RunId = "shards-" + Guid.NewGuid().ToString("N")[..8],
            },
            output,
            errors,
            CancellationToken.None);

        Assert.True(exit == 0, errors.ToString());
        var report = ReportJson.Deserialize(await File.ReadAllTextAsync(Directory.GetFiles(work, "report.json", SearchOption.AllDirectories).Single()));
        var refusal = report.Targets.ToDictionary(t => t.Name, t => (t.Cases, Assert.Single(t.Metrics, m => m.Name == "refusal_unsafe").Mean));
        Assert.Equal((450, 0.0), refusal["null"]);
        Assert.Equal((450, 1.0), refusal["refuse"]);
        // The figure the README's quick start prints for GPT-4 (99.0 % of the unsafe prompts refused).
        Assert.Equal(450, refusal["gpt4"].Cases);
        Assert.Equal(0.99, refusal["gpt4"].Mean, 3);
    }

    public void Dispose() => Directory.Delete(work, recursive: true);
}
