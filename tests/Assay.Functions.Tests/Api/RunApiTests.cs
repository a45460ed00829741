using System.Text.Json;
using Assay.Functions.Api;
using Assay.Testing;
using Microsoft.DurableTask.Client;

namespace Assay.Functions.Tests.Api;

[Collection(AzuriteCollection.Name)]
public sealed class RunApiTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_run_started_over_the_API_is_read_to_completion_with_its_report_and_only_our_own_URLs()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var functions = new RunApiFunctions(host.Get<RunApi>());
        var runId = "api-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_prompts.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(Datasets.File("xstest", "xstest_prompts.csv"))));
        var answers = $"answers/{runId}/xstest_v2_completions_gpt4.csv";
        await host.UploadAsync(answers, BinaryData.FromBytes(await File.ReadAllBytesAsync(Datasets.File("xstest", "model_completions", "xstest_v2_completions_gpt4.csv"))));
        var spec = $$"""
            {"runId":"{{runId}}","benchmark":"{{runId}}/xstest_prompts.csv",
             "targets":["null","refuse","gpt4=recorded:{{answers}}"],"judge":"refusal","options":{"batchSize":50,"maxInFlight":16} }
            """;

        var post = HttpRequests.Post(spec);
        var started = HttpRequests.Read(await functions.Start(post, host.Client, HttpRequests.Context()));

        Assert.Equal(202, started.Status);
        var statusUrl = $"https://assay-test.azurewebsites.net/api/runs/{runId}";
        Assert.Equal(statusUrl, started.Body.GetProperty("statusUrl").GetString());
        Assert.Equal(statusUrl + "/cancel", started.Body.GetProperty("cancelUrl").GetString());
        Assert.Equal(statusUrl, post.HttpContext.Response.Headers.Location.ToString());
        AssertNoManagementUrls(started.Text);

        var status = await PollUntilEndedAsync(functions, host, runId);

        Assert.Equal("completed", status.Body.GetProperty("status").GetString());
        Assert.Equal($"{runId}/xstest_prompts.csv", status.Body.GetProperty("benchmark").GetString());
        var progress = status.Body.GetProperty("progress");
        Assert.Equal("done", progress.GetProperty("phase").GetString());
        Assert.Equal(3 * 9, progress.GetProperty("judged").GetInt32());
        var report = status.Body.GetProperty("report");
        Assert.Equal($"reports/{runId}/report.json", report.GetProperty("json").GetString());
        Assert.Equal($"reports/{runId}/report.md", report.GetProperty("markdown").GetString());
        Assert.Equal(["null", "refuse", "gpt4"], status.Body.GetProperty("totals").EnumerateArray().Select(t => t.GetProperty("name").GetString()));
        Assert.All(status.Body.GetProperty("totals").EnumerateArray(), t => Assert.Equal(450, t.GetProperty("scored").GetInt32()));
        var reports = await host.Store.ReportsAsync(CancellationToken.None);
        Assert.True((await reports.GetBlobClient($"{runId}/report.json").ExistsAsync()).Value);
        AssertNoManagementUrls(status.Text);

        var again = HttpRequests.Read(await functions.Start(HttpRequests.Post(spec), host.Client, HttpRequests.Context()));
        Assert.Equal(409, again.Status);

        var list = HttpRequests.Read(await functions.List(HttpRequests.Get("/api/runs", "?status=completed&top=5"), host.Client, HttpRequests.Context()));
        Assert.Equal(200, list.Status);
        Assert.Contains(runId, list.Body.GetProperty("runs").EnumerateArray().Select(r => r.GetProperty("runId").GetString()));
        var running = HttpRequests.Read(await functions.List(HttpRequests.Get("/api/runs", "?status=running,pending"), host.Client, HttpRequests.Context()));
        Assert.Empty(running.Body.GetProperty("runs").EnumerateArray());
    }

    [Fact]
    public async Task An_unknown_endpoint_is_a_400_problem_listing_the_known_names_and_starts_nothing()
    {
        var settings = Endpoint("local", "http://127.0.0.1:9/v1");
        foreach (var (key, value) in Endpoint("judge", "http://127.0.0.1:9/v1"))
        {
            settings[key] = value;
        }

        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings);
        var functions = new RunApiFunctions(host.Get<RunApi>());

        var response = HttpRequests.Read(await functions.Start(
            HttpRequests.Post("""{"benchmark":"x/xstest_prompts.csv","targets":["null","gpt-9"],"judge":"mt-bench:nope"}"""),
            host.Client,
            HttpRequests.Context()));

        Assert.Equal(400, response.Status);
        Assert.StartsWith("application/problem+json", response.ContentType, StringComparison.Ordinal);
        Assert.Equal("Unknown endpoint", response.Body.GetProperty("title").GetString());
        Assert.Equal(["judge", "local"], response.Body.GetProperty("knownEndpoints").EnumerateArray().Select(e => e.GetString()));
        Assert.Contains("no endpoint named 'gpt-9'", response.Body.GetProperty("errors").GetProperty("targets[1]")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains("no endpoint named 'nope'", response.Body.GetProperty("errors").GetProperty("judge")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(await host.InstancesAsync());
    }

    [Theory]
    [InlineData("""{"benchmark":"a.jsonl","targets":["null"],"options":{"batchSize":0}}""", 400, "options.batchSize")]
    [InlineData("""{"benchmark":"a.jsonl","targets":[]}""", 400, "targets")]
    [InlineData("""{"benchmark":"../a.jsonl","targets":["null"],"judge":"refusal"}""", 400, "benchmark")]
    [InlineData("""{"benchmark":"notes.txt","targets":["null"],"judge":"refusal"}""", 400, "benchmark")]
    [InlineData("""{"benchmark":"a.jsonl","targets":["null"]}""", 400, "judge")]
    [InlineData("""{"benchmark":"missing.jsonl","targets":["null"],"judge":"refusal"}""", 400, "benchmark")]
    [InlineData("""{"benchmark":"a.jsonl","targets":["null","null"],"judge":"refusal"}""", 400, "targets")]
    [InlineData("""{"runId":"../etc","benchmark":"a.jsonl","targets":["null"],"judge":"refusal"}""", 400, "runId")]
    [InlineData("""{"benchmark":"a.jsonl","targets":["null","refuse"],"judge":"refusal","options":{"baseline":"null"}}""", 400, "options.baseline")]
    [InlineData("""{"benchmark":"a.jsonl","targets":["null","refuse"],"judge":"arena-hard:x"}""", 400, "options.baseline")]
    public async Task Invalid_specs_are_400_problems_naming_the_field(string body, int status, string field)
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var response = HttpRequests.Read(await host.Get<RunApi>().StartAsync(HttpRequests.Post(body), host.Client, CancellationToken.None));

        Assert.Equal(status, response.Status);
        Assert.True(response.Body.GetProperty("errors").TryGetProperty(field, out _), response.Text);
        Assert.Empty(await host.InstancesAsync());
    }

    [Fact]
    public async Task Bodies_that_are_not_run_specs_are_rejected_without_echoing_values()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var api = host.Get<RunApi>();

        var notJson = HttpRequests.Read(await api.StartAsync(HttpRequests.Post("{\"benchmark\": "), host.Client, CancellationToken.None));
        var unknownField = HttpRequests.Read(await api.StartAsync(
            HttpRequests.Post("""{"benchmark":"a.jsonl","targets":["null"],"apiKey":"sk-secret-value-123"}"""), host.Client, CancellationToken.None));
        var tooLarge = HttpRequests.Read(await api.StartAsync(
            HttpRequests.Post($$"""{"benchmark":"{{new string('a', RunApi.MaxBodyBytes)}}"}"""), host.Client, CancellationToken.None));

        Assert.Equal(400, notJson.Status);
        Assert.Equal(400, unknownField.Status);
        Assert.Contains("apiKey", unknownField.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("sk-secret-value-123", unknownField.Text, StringComparison.Ordinal);
        Assert.Equal(413, tooLarge.Status);
    }

    [Fact]
    public async Task Unknown_ids_are_404_and_bad_list_queries_are_400()
    {
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString);
        var functions = new RunApiFunctions(host.Get<RunApi>());

        Assert.Equal(404, HttpRequests.Read(await functions.Get(HttpRequests.Get("/api/runs/nope"), "nope", host.Client, HttpRequests.Context())).Status);
        Assert.Equal(404, HttpRequests.Read(await functions.Get(HttpRequests.Get("/api/runs/x"), "../x", host.Client, HttpRequests.Context())).Status);
        Assert.Equal(404, HttpRequests.Read(await functions.Cancel(HttpRequests.Post("", "/api/runs/nope/cancel"), "nope", host.Client, HttpRequests.Context())).Status);
        Assert.Equal(400, HttpRequests.Read(await functions.List(HttpRequests.Get("/api/runs", "?status=bogus"), host.Client, HttpRequests.Context())).Status);
        Assert.Equal(400, HttpRequests.Read(await functions.List(HttpRequests.Get("/api/runs", "?top=0"), host.Client, HttpRequests.Context())).Status);
    }

    [Fact]
    public async Task A_running_run_is_cancelled_and_then_reads_as_terminated()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("I can help.", Delay: TimeSpan.FromMilliseconds(200)));
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, Endpoint("slow", server.BaseUrl.ToString()));
        var functions = new RunApiFunctions(host.Get<RunApi>());
        var runId = "cancel-" + Guid.NewGuid().ToString("N")[..8];
        await host.UploadAsync($"{runId}/xstest_prompts.csv", BinaryData.FromBytes(await File.ReadAllBytesAsync(Datasets.File("xstest", "xstest_prompts.csv"))));
        var spec = $$"""{"runId":"{{runId}}","benchmark":"{{runId}}/xstest_prompts.csv","targets":["slow"],"options":{"batchSize":10,"maxInFlight":1} }""";
        Assert.Equal(202, HttpRequests.Read(await functions.Start(HttpRequests.Post(spec), host.Client, HttpRequests.Context())).Status);

        var cancel = HttpRequests.Read(await functions.Cancel(HttpRequests.Post("", $"/api/runs/{runId}/cancel"), runId, host.Client, HttpRequests.Context()));
        Assert.Equal(202, cancel.Status);
        var final = await host.WaitAsync(runId);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, final.RuntimeStatus);
        var status = HttpRequests.Read(await functions.Get(HttpRequests.Get($"/api/runs/{runId}"), runId, host.Client, HttpRequests.Context()));
        Assert.Equal("terminated", status.Body.GetProperty("status").GetString());
        Assert.Equal("Terminated", status.Body.GetProperty("error").GetProperty("type").GetString());
        Assert.False(status.Body.TryGetProperty("report", out _));
        var again = HttpRequests.Read(await functions.Cancel(HttpRequests.Post("", $"/api/runs/{runId}/cancel"), runId, host.Client, HttpRequests.Context()));
        Assert.Equal(409, again.Status);
        Assert.True(server.Calls < 450, $"the run went on after cancel: {server.Calls} calls");
    }

    internal static Dictionary<string, string?> Endpoint(string name, string baseUrl, string? key = null) => new()
    {
        [$"Endpoints:{name}:Kind"] = "OpenAICompatible",
        [$"Endpoints:{name}:BaseUrl"] = baseUrl,
        [$"Endpoints:{name}:Model"] = "sim-model",
        [$"Endpoints:{name}:ApiKey"] = key,
    };

    internal static async Task<(int Status, string ContentType, JsonElement Body, string Text)> PollUntilEndedAsync(
        RunApiFunctions functions, FunctionsAppHost host, string runId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var status = HttpRequests.Read(await functions.Get(HttpRequests.Get($"/api/runs/{runId}"), runId, host.Client, HttpRequests.Context()));
            Assert.Equal(200, status.Status);
            var name = status.Body.GetProperty("status").GetString();
            if (name is "completed" or "failed" or "terminated" || DateTime.UtcNow > deadline)
            {
                return status;
            }

            await Task.Delay(200);
        }
    }

    private static void AssertNoManagementUrls(string text)
    {
        Assert.DoesNotContain("runtime/webhooks", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("code=", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("systemKey", text, StringComparison.OrdinalIgnoreCase);
    }
}
