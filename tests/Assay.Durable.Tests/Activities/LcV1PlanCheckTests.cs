using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Assay.Testing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Moq;

namespace Assay.Durable.Tests.Activities;

/// <summary>
/// A run started over the HTTP API names its LC v1 files as blobs; the plan step reads them and checks every instruction
/// has a difficulty before it writes any batch, so a bad file fails the run at once, not after every judge call.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LcV1PlanCheckTests(AzuriteFixture azurite)
{
    private const string Benchmark = """
        [{"instruction": "first", "output": "a"}, {"instruction": "second", "output": "b"}, {"instruction": "third", "output": "c"}]
        """;

    [Theory]
    [InlineData("index,instruction_difficulty\n0,1\n1,0.5\n", "difficulty.csv: no instruction_difficulty for instruction index 2")]
    [InlineData("index,instruction_difficulty\n0,1\n1,x\n2,0\n", "difficulty.csv:3: field 'instruction_difficulty': 'x' is not a finite number")]
    public async Task A_bad_difficulty_blob_fails_the_plan_before_any_batch_naming_blob_line_and_field(string difficulty, string expected)
    {
        await using var host = await InMemoryRunHost.StartAsync(azurite.ConnectionString);
        var runId = "lcv1-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadTextAsync($"{runId}/alpaca_eval.json", Benchmark);
        await host.UploadTextAsync($"{runId}/difficulty.csv", difficulty);
        var plan = ActivatorUtilities.CreateInstance<PlanRunActivity>(host.Services);
        var request = new PlanRequest(
            runId, $"{runId}/alpaca_eval.json", "alpaca-eval", 2, [TargetSpec.Null], new JudgeSpec("refusal"), null, LcV1: new LcV1Files($"{runId}/difficulty.csv"));

        var error = await Assert.ThrowsAnyAsync<Exception>(() => plan.RunAsync(new Mock<TaskActivityContext>().Object, request));

        Assert.True(error is InvalidOperationException or BenchmarkFormatException, error.ToString());
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        Assert.False(await results.GetBlobClient(BlobNames.Batch(runId, 0)).ExistsAsync());
        Assert.False(await results.GetBlobClient(BlobNames.Plan(runId)).ExistsAsync());
    }
}
