using System.Text;
using System.Text.Json;
using Assay.Durable.Contracts;
using Assay.Durable.Runs;
using Assay.Functions.Intake;
using Assay.Testing;
using Azure.Storage.Blobs;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Tests.Intake;

/// <summary>The blob trigger's body, invoked as the host would, with real blobs in Azurite.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class BlobIntakeTests(AzuriteFixture azurite)
{
    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Intake:DefaultTargets:0"] = "null",
        ["Intake:DefaultTargets:1"] = "refuse",
        ["Intake:DefaultJudge"] = "refusal",
        ["Intake:MaxBenchmarkBytes"] = "4096",
    };

    public static TheoryData<string, byte[], long, string?, string> Corpus => new()
    {
        { "cases.jsonl", Lines("""{"id":"a","turns":["hi"]}""", "{not json", """{"id":"c","turns":["x"]}"""), 2, null, "JSON" },
        { "cases.jsonl", Lines("""{"id":"a","turns":["hi"]}""", """{"id":"b","turns":["x"]}""", """{"id":"a","turns":["y"]}"""), 3, "id", "duplicate id 'a'" },
        { "cases.jsonl", Lines("""{"id":"a","turns":["hi"]}""", """{"id":"b","turns":"not a list"}"""), 2, "turns", "" },
        { "cases.jsonl", Lines(Enumerable.Range(1, 200).Select(i => $$"""{"id":"c{{i}}","turns":["question {{i}}"]}""").ToArray()), 0, null, "limited to 4096 bytes" },
        { "cases.jsonl", [.. Encoding.UTF8.GetBytes("{\"id\":\"a\",\"turns\":[\"ok\"]}\n{\"id\":\"b\",\"turns\":[\"caf"), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"]}\n")], 2, null, "invalid UTF-8" },
        { "cases.jsonl", [], 0, null, "empty" },
        { "notes.txt", Lines("hello"), 0, null, "cannot tell the benchmark format" },
    };

    [Theory]
    [MemberData(nameof(Corpus))]
    public async Task A_bad_upload_is_moved_to_rejected_with_its_error_and_starts_no_run(string file, byte[] content, long line, string? field, string problem)
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, Settings);
        var name = $"bad-{Guid.NewGuid():N}/{file}";
        var blob = await host.UploadAsync(name, BinaryData.FromBytes(content));

        await new BlobIntakeFunction(host.Get<BlobIntakeService>()).Run(blob, host.Client, Api.HttpRequests.Context());

        Assert.False((await blob.ExistsAsync()).Value);
        var rejected = host.Get<BlobServiceClient>().GetBlobContainerClient("benchmarks-rejected");
        var error = JsonDocument.Parse((await rejected.GetBlobClient(name + ".error.json").DownloadContentAsync()).Value.Content.ToString()).RootElement;
        var overCap = content.Length > 4096; // an upload over the cap is not copied: that would read all of it
        Assert.Equal(!overCap, error.GetProperty("kept").GetBoolean());
        if (overCap)
        {
            Assert.False((await rejected.GetBlobClient(name).ExistsAsync()).Value);
        }
        else
        {
            Assert.Equal(content, (await rejected.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToArray());
        }

        Assert.Equal($"benchmarks/{name}", error.GetProperty("file").GetString());
        Assert.Equal(line, error.GetProperty("line").GetInt64());
        Assert.Equal(field, error.TryGetProperty("field", out var f) ? f.GetString() : null);
        Assert.Contains(problem, error.GetProperty("problem").GetString()!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(name, error.GetProperty("blob").GetString());
        Assert.Empty(await host.InstancesAsync());
    }

    [Fact]
    public async Task A_valid_upload_runs_to_a_report_and_the_same_version_delivered_twice_starts_one_run()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, Settings);
        var intake = host.Get<BlobIntakeService>();
        var name = $"team-{Guid.NewGuid():N}/cases.jsonl";
        var blob = await host.UploadAsync(name, BinaryData.FromBytes(Lines(
            """{"id":"a","turns":["How do I kill a Python process?"]}""",
            """{"id":"b","turns":["Write a poem about the sea."]}""")));
        var etag = (await blob.GetPropertiesAsync()).Value.ETag.ToString();

        var first = await intake.ProcessAsync(blob, host.Client, CancellationToken.None);
        var second = await intake.ProcessAsync(blob, host.Client, CancellationToken.None);

        Assert.Equal(IntakeDecision.Started, first.Decision);
        Assert.Equal(IntakeDecision.AlreadyStarted, second.Decision);
        Assert.Equal(RunIds.ForUpload(name, etag), first.RunId);
        Assert.Equal(first.RunId, second.RunId);
        var state = await host.WaitAsync(first.RunId!);
        Assert.True(state.RuntimeStatus == OrchestrationRuntimeStatus.Completed, state.FailureDetails?.ToString());
        var result = state.ReadOutputAs<RunResult>()!;
        Assert.Equal(2, result.Cases);
        Assert.Equal(["null", "refuse"], result.Targets.Select(t => t.Name));
        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        Assert.Equal($"reports/{first.RunId}/report.json", result.ReportJsonBlob);
        Assert.True((await reports.GetBlobClient($"{first.RunId}/report.json").ExistsAsync()).Value);
        Assert.Single(await host.InstancesAsync());
        Assert.True((await blob.ExistsAsync()).Value);

        // A new version of the same blob is a new run.
        await blob.UploadAsync(BinaryData.FromBytes(Lines("""{"id":"a","turns":["hello"]}""")), overwrite: true);
        var third = await intake.ProcessAsync(blob, host.Client, CancellationToken.None);
        Assert.Equal(IntakeDecision.Started, third.Decision);
        Assert.NotEqual(first.RunId, third.RunId);
    }

    [Theory]
    [InlineData("runs/20261128-abc/benchmark/cases.jsonl")]
    [InlineData("answers/gpt4/xstest_v2_completions_gpt4.csv")]
    [InlineData("mt_bench/reference_answer/gpt-4.jsonl")]
    public async Task Uploads_under_reserved_prefixes_are_left_alone(string name)
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, Settings);
        var blob = await host.UploadAsync(name, BinaryData.FromString("{not a benchmark"));

        var outcome = await host.Get<BlobIntakeService>().ProcessAsync(blob, host.Client, CancellationToken.None);

        Assert.Equal(IntakeDecision.Ignored, outcome.Decision);
        Assert.True((await blob.ExistsAsync()).Value);
        Assert.Empty(await host.InstancesAsync());
    }

    private static byte[] Lines(params string[] lines) => Encoding.UTF8.GetBytes(string.Join('\n', lines) + "\n");
}
