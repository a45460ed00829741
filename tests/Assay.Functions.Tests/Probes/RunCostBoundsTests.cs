using Assay.Functions.Api;
using Assay.Functions.Tests.Api;
using Assay.Testing;

namespace Assay.Functions.Tests.Probes;

/// <summary>
/// Issue 17 finding 1: what one request may cost. Each probe was seen failing before the change (the API accepted
/// 200 targets, 20 variants, batchSize 5000 and maxInFlight 200, and ran a benchmark over the size cap).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunCostBoundsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Targets_variants_batch_size_and_window_past_the_caps_are_400_problems_naming_the_field()
    {
        var settings = RunApiTests.Endpoint("paid", "http://127.0.0.1:9/v1");
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var tag = "cost-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{tag}/cases.jsonl", BinaryData.FromString("""{"id":"c1","turns":["hi"]}"""));
        var api = host.Get<RunApi>();

        var manyTargets = string.Join(',', Enumerable.Range(0, 200).Select(i => $"\"t{i}=paid\""));
        var manyVariants = string.Join(',', Enumerable.Range(0, 20).Select(i => $"\"v{i}=paid+cot\""));
        var cases = new (string Body, string Field)[]
        {
            ($$"""{"benchmark":"{{tag}}/cases.jsonl","targets":[{{manyTargets}}],"judge":"refusal"}""", "targets"),
            ($$"""{"benchmark":"{{tag}}/cases.jsonl","targets":[{{manyVariants}}],"judge":"refusal"}""", "targets"),
            ($$"""{"benchmark":"{{tag}}/cases.jsonl","targets":["null"],"judge":"refusal","options":{"batchSize":5000} }""", "options.batchSize"),
            ($$"""{"benchmark":"{{tag}}/cases.jsonl","targets":["null"],"judge":"refusal","options":{"maxInFlight":200} }""", "options.maxInFlight"),
        };

        foreach (var (body, field) in cases)
        {
            var response = HttpRequests.Read(await api.StartAsync(HttpRequests.Post(body), host.Client, CancellationToken.None));
            Assert.True(response.Status == 400, $"{field}: {response.Status} {response.Text}");
            Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), response.Text);
        }

        Assert.Empty(await host.InstancesAsync());
    }

    [Fact]
    public async Task A_benchmark_or_recorded_answers_over_the_size_cap_are_refused_before_a_run_starts()
    {
        var settings = new Dictionary<string, string?> { ["Intake:MaxBenchmarkBytes"] = "1000" };
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var tag = "size-" + Guid.NewGuid().ToString("N")[..8];
        var big = string.Join('\n', Enumerable.Range(1, 40).Select(i => $$"""{"id":"c{{i}}","turns":["question number {{i}}"]}"""));
        await host.UploadAsync($"{tag}/big.jsonl", BinaryData.FromString(big));
        await host.UploadAsync($"{tag}/small.jsonl", BinaryData.FromString("""{"id":"c1","turns":["hi"]}"""));
        await host.UploadAsync($"answers/{tag}/answers.jsonl", BinaryData.FromString(
            string.Join('\n', Enumerable.Range(1, 40).Select(i => $$"""{"id":"c{{i}}","answer":"an answer that is long enough {{i}}"}"""))));
        var api = host.Get<RunApi>();

        var benchmark = HttpRequests.Read(await api.StartAsync(
            HttpRequests.Post($$"""{"benchmark":"{{tag}}/big.jsonl","targets":["null"],"judge":"refusal"}"""), host.Client, CancellationToken.None));
        var recorded = HttpRequests.Read(await api.StartAsync(
            HttpRequests.Post($$"""{"benchmark":"{{tag}}/small.jsonl","targets":["m=recorded:answers/{{tag}}/answers.jsonl"],"judge":"refusal"}"""), host.Client, CancellationToken.None));

        Assert.Equal(400, benchmark.Status);
        Assert.Contains("1000 bytes", benchmark.Body.GetProperty("errors").GetProperty("benchmark")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(400, recorded.Status);
        Assert.Contains("1000 bytes", recorded.Body.GetProperty("errors").GetProperty("targets[0]")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await host.InstancesAsync());
    }

    [Fact]
    public async Task A_megabyte_duplicate_id_is_not_echoed_whole_in_the_rejection_file()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var tag = "dupid-" + Guid.NewGuid().ToString("N")[..8];
        var id = new string('x', 1024 * 1024);
        var intake = host.Get<Assay.Functions.Intake.BlobIntakeService>();

        var outcome = await intake.ProcessAsync(
            await host.UploadAsync($"{tag}/cases.jsonl", BinaryData.FromString($$"""{"id":"{{id}}","turns":["a"]}""" + "\n" + $$"""{"id":"{{id}}","turns":["b"]}""")),
            host.Client,
            CancellationToken.None);

        Assert.Equal(Assay.Functions.Intake.IntakeDecision.Rejected, outcome.Decision);
        Assert.True(outcome.Problem!.Length < 1000, $"{outcome.Problem.Length} characters");
        var rejected = await host.Store.ContainerAsync("benchmarks-rejected", CancellationToken.None);
        var record = (await rejected.GetBlobClient($"{tag}/cases.jsonl.error.json").DownloadContentAsync()).Value.Content.ToString();
        Assert.True(record.Length < 4000, $"error.json has {record.Length} characters");
    }
}
