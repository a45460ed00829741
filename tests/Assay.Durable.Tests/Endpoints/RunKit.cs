using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Durable.Storage;
using Assay.Durable.Tests.Orchestrators;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>Benchmarks, endpoint settings and result reading shared by the run-level endpoint tests.</summary>
internal static class RunKit
{
    /// <summary>Uploads <paramref name="count"/> single-turn Assay JSONL cases <c>c{i}</c> asking "{prefix} {i}".</summary>
    public static async Task<string> UploadCasesAsync(InMemoryRunHost host, string runId, int count, string prefix = "question")
    {
        var lines = Enumerable.Range(1, count).Select(i => $$"""{"id":"c{{i}}","turns":["{{prefix}} {{i}}"]}""");
        var blob = $"{runId}/cases.jsonl";
        await host.UploadTextAsync(blob, string.Join('\n', lines));
        return blob;
    }

    /// <summary>
    /// Configuration keys of one endpoint, with fast backoffs. Attempts get 30 s unless a test makes the endpoint hang:
    /// these tests count calls exactly, and a loaded machine stalled this process past a 0.5 s attempt timeout, whose
    /// retry was an extra call (SamplingTests: 46 calls for 30, with two busy loops beside the test run).
    /// </summary>
    public static Dictionary<string, string?> Endpoint(
        string name, Uri baseUrl, string model, int maxConcurrency = 16, int maxAttempts = 4, string kind = "OpenAICompatible", double timeoutSeconds = 30) => new()
    {
        [$"Endpoints:{name}:Kind"] = kind,
        [$"Endpoints:{name}:BaseUrl"] = baseUrl.ToString(),
        [$"Endpoints:{name}:Model"] = model,
        [$"Endpoints:{name}:MaxConcurrency"] = maxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Endpoints:{name}:MaxAttempts"] = maxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Endpoints:{name}:TimeoutSeconds"] = timeoutSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        [$"Endpoints:{name}:RetryBaseDelaySeconds"] = "0.02",
        [$"Endpoints:{name}:RetryMaxDelaySeconds"] = "1",
    };

    public static Dictionary<string, string?> Merge(params Dictionary<string, string?>[] parts) =>
        parts.SelectMany(p => p).ToDictionary(p => p.Key, p => p.Value);

    /// <summary>Every stored per-case (per-sample) result of one target of a run.</summary>
    public static async Task<List<CaseResult>> ResultsAsync(InMemoryRunHost host, string runId, string target, string judge)
    {
        var results = await host.Store.ResultsAsync(CancellationToken.None);
        var all = new List<CaseResult>();
        var prefix = $"{BlobNames.Safe(runId)}/judgments/{BlobNames.Safe(target)}/{BlobNames.Safe(judge)}/";
        await foreach (var blob in results.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, blob.Name, CancellationToken.None))
            {
                all.Add(result);
            }
        }

        return all;
    }

    public static Task<EvaluationReport> ReportAsync(InMemoryRunHost host, string runId) =>
        RunEvaluationOrchestratorTests.ReadReportAsync(host, runId);
}
