using Assay.Functions.Api;
using Assay.Functions.Intake;
using Assay.Functions.Security;
using Assay.Functions.Tests.Api;
using Assay.Testing;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace Assay.Functions.Tests.Security;

/// <summary>
/// A key planted in configuration, and used for real against the simulated endpoint, appears in no blob, report,
/// rejection file or API response that the app writes, even when a caller pastes it into a request.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SecretScanTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task A_planted_key_appears_in_no_blob_report_or_API_output()
    {
        var key = "sk-assay-planted-" + Guid.NewGuid().ToString("N");
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => SimulatedReply.Text("Sure, here is how."));
        var settings = RunApiTests.Endpoint("model", server.BaseUrl.ToString(), key);
        settings["Intake:DefaultTargets:0"] = "model";
        settings["Intake:DefaultJudge"] = "refusal";
        using var logs = new CapturedLogs();
        await using var host = await FunctionsAppHost.StartAsync(azurite.ConnectionString, settings, logs: logs);
        var functions = new RunApiFunctions(host.Get<RunApi>());
        var tag = "secret-" + Guid.NewGuid().ToString("N")[..8];
        var cases = string.Join('\n', Enumerable.Range(1, 6).Select(i => $$"""{"id":"c{{i}}","turns":["question {{i}}"]}"""));
        await host.UploadAsync($"{tag}/cases.jsonl", BinaryData.FromString(cases));
        var outputs = new List<string>();

        var start = HttpRequests.Read(await functions.Start(
            HttpRequests.Post($$"""{"runId":"{{tag}}-api","benchmark":"{{tag}}/cases.jsonl","targets":["model","null"],"judge":"refusal"}"""),
            host.Client,
            HttpRequests.Context()));
        Assert.Equal(202, start.Status);
        outputs.Add(start.Text);
        var status = await RunApiTests.PollUntilEndedAsync(functions, host, $"{tag}-api");
        Assert.Equal("completed", status.Body.GetProperty("status").GetString());
        outputs.Add(status.Text);
        outputs.Add(HttpRequests.Read(await functions.List(HttpRequests.Get("/api/runs"), host.Client, HttpRequests.Context())).Text);

        // A caller pasting the key where a name belongs gets an error that does not repeat it.
        var pasted = HttpRequests.Read(await functions.Start(
            HttpRequests.Post($$"""{"benchmark":"{{tag}}/cases.jsonl","targets":["{{key}}"],"judge":"refusal"}"""), host.Client, HttpRequests.Context()));
        Assert.Equal(400, pasted.Status);
        Assert.Contains(SecretRedactor.Mask, pasted.Text, StringComparison.Ordinal);
        outputs.Add(pasted.Text);

        // An upload run (valid) and a rejected upload.
        var intake = host.Get<BlobIntakeService>();
        var other = cases.Replace("question", "another question", StringComparison.Ordinal); // distinct prompts: no answer cache hit
        var upload = await intake.ProcessAsync(await host.UploadAsync($"{tag}/upload/cases.jsonl", BinaryData.FromString(other)), host.Client, CancellationToken.None);
        Assert.Equal(IntakeDecision.Started, upload.Decision);
        Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Completed, (await host.WaitAsync(upload.RunId!)).RuntimeStatus);
        var rejected = await intake.ProcessAsync(await host.UploadAsync($"{tag}/bad/cases.jsonl", BinaryData.FromString("{oops")), host.Client, CancellationToken.None);
        Assert.Equal(IntakeDecision.Rejected, rejected.Decision);

        // The key was really used: the endpoint received it on every call.
        Assert.True(server.Calls >= 12, $"{server.Calls} calls");
        Assert.All(server.Requests, r => Assert.Equal($"Bearer {key}", r.Authorization));

        var scanned = await ScanAsync(host.Get<BlobServiceClient>(), [tag, upload.RunId!], key);
        Assert.True(scanned.Scanned >= 10, $"only {scanned.Scanned} blobs scanned");
        Assert.Empty(scanned.Leaks);
        Assert.All(outputs, o => Assert.DoesNotContain(key, o, StringComparison.Ordinal));

        // The app's logs too, every level, with structured values and exceptions (the in-memory durable worker's own
        // logging does not reach this provider).
        Assert.True(logs.Lines.Count >= 3, $"only {logs.Lines.Count} log lines captured");
        Assert.All(logs.Lines, l => Assert.DoesNotContain(key, l, StringComparison.Ordinal));
    }

    [Fact]
    public void The_redactor_masks_every_configured_key_and_leaves_short_values_alone()
    {
        var options = Microsoft.Extensions.Options.Options.Create(new Assay.Durable.Endpoints.EndpointsOptions());
        options.Value.Endpoints["a"] = new() { ApiKey = "key-one-0123456789" };
        options.Value.Endpoints["b"] = new() { ApiKey = "short" };
        var redactor = new SecretRedactor(options);

        Assert.Equal($"x {SecretRedactor.Mask} y short", redactor.Redact("x key-one-0123456789 y short"));
    }

    private static async Task<(int Scanned, List<string> Leaks)> ScanAsync(BlobServiceClient service, string[] markers, string secret)
    {
        var (scanned, leaks) = (0, new List<string>());
        await foreach (var container in service.GetBlobContainersAsync())
        {
            var client = service.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, null, CancellationToken.None))
            {
                if (!markers.Any(m => blob.Name.Contains(m, StringComparison.Ordinal)))
                {
                    continue;
                }

                scanned++;
                var content = (await client.GetBlobClient(blob.Name).DownloadContentAsync()).Value.Content.ToString();
                if (content.Contains(secret, StringComparison.Ordinal))
                {
                    leaks.Add($"{container.Name}/{blob.Name}");
                }
            }
        }

        return (scanned, leaks);
    }
}
