using Assay.Functions.Api;
using Assay.Functions.Tests.Api;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Tests.Probes;

/// <summary>
/// Issue 17 finding 2: run ids no caller can squat. Both probes were seen failing before the change (202 for a
/// nightly- id; 202 for a reused id after a purge, which then reused the old plan and overwrote the old report).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunIdSafetyTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("nightly-suite-20261207")]
    [InlineData("NIGHTLY-suite-20261207")]
    [InlineData("upload-cases-0123456789abcdef0123")]
    public async Task Reserved_prefixes_are_refused_over_the_API(string runId)
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var tag = "ids-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{tag}/cases.jsonl", BinaryData.FromString("""{"id":"c1","turns":["hi"]}"""));

        var response = HttpRequests.Read(await host.Get<RunApi>().StartAsync(
            HttpRequests.Post($$"""{"runId":"{{runId}}","benchmark":"{{tag}}/cases.jsonl","targets":["null"],"judge":"refusal"}"""), host.Client, CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.Contains("reserved", response.Body.GetProperty("errors").GetProperty("runId")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await host.InstancesAsync());
    }

    [Fact]
    public async Task An_id_whose_results_outlived_its_history_is_refused_and_the_old_report_is_kept()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var api = host.Get<RunApi>();
        var runId = "reuse-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/first.jsonl", BinaryData.FromString("""{"id":"c1","turns":["first"]}"""));
        await host.UploadAsync($"{runId}/second.jsonl", BinaryData.FromString("""{"id":"d1","turns":["second"]}""" + "\n" + """{"id":"d2","turns":["x"]}"""));
        Assert.Equal(202, HttpRequests.Read(await api.StartAsync(
            HttpRequests.Post($$"""{"runId":"{{runId}}","benchmark":"{{runId}}/first.jsonl","targets":["null"],"judge":"refusal"}"""), host.Client, CancellationToken.None)).Status);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(runId)).RuntimeStatus);
        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        var before = (await reports.GetBlobClient($"{runId}/report.json").DownloadContentAsync()).Value.Content.ToString();
        await host.Client.PurgeInstanceAsync(runId);

        var again = HttpRequests.Read(await api.StartAsync(
            HttpRequests.Post($$"""{"runId":"{{runId}}","benchmark":"{{runId}}/second.jsonl","targets":["null"],"judge":"refusal"}"""), host.Client, CancellationToken.None));

        Assert.Equal(409, again.Status);
        Assert.Contains("results", again.Body.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(await host.InstancesAsync());
        Assert.Equal(before, (await reports.GetBlobClient($"{runId}/report.json").DownloadContentAsync()).Value.Content.ToString());
    }
}
