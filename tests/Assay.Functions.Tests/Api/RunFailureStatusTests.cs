using Assay.Functions.Api;
using Assay.Testing;

namespace Assay.Functions.Tests.Api;

/// <summary>
/// A run that passes the spec checks and fails inside shows, in <c>GET /api/runs/{id}</c>, the task that failed, the
/// error's type and message and where the full detail is; its stack traces are not served.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RunFailureStatusTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_failed_run_names_the_task_the_error_and_where_the_detail_is()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var functions = new RunApiFunctions(host.Get<RunApi>());
        var runId = "fails-" + Guid.NewGuid().ToString("N")[..8];
        // The API checks that the blob exists; what is in it is read by the plan, inside the run.
        await host.UploadAsync($"{runId}/cases.jsonl", BinaryData.FromString("{\"id\": \"1\", \"turns\": [\"a\"]}\n{\"id\": \"2\", \n"));
        var spec = $$"""{"runId":"{{runId}}","benchmark":"{{runId}}/cases.jsonl","targets":["null"],"judge":"refusal"}""";

        Assert.Equal(202, HttpRequests.Read(await functions.Start(HttpRequests.Post(spec), host.Client, HttpRequests.Context())).Status);
        var status = await RunApiTests.PollUntilEndedAsync(functions, host, runId);

        Assert.Equal("failed", status.Body.GetProperty("status").GetString());
        var error = status.Body.GetProperty("error");
        Assert.Equal("PlanRunActivity", error.GetProperty("task").GetString());
        Assert.EndsWith("BenchmarkFormatException", error.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("cases.jsonl:2: malformed JSON", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Contains(runId, error.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.False(status.Body.GetProperty("progress").TryGetProperty("failure", out var failure) && failure.ValueKind != System.Text.Json.JsonValueKind.Null);
        Assert.DoesNotContain(" at Assay.", status.Text, StringComparison.Ordinal);
    }
}
