using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Logging;
using Assay.Durable.Storage;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Activities;

/// <summary>
/// Compares the run with the previous run of the same benchmark and judge (from <c>reports/index.json</c>), writes the
/// comparison into report.json, and adds the run to the index. Runs finishing together update the index with ETag
/// conditions, retrying on conflict, so none is lost; a re-executed activity replaces its own entry.
/// </summary>
public sealed class UpdateHistoryActivity(RunStore store, ILogger<UpdateHistoryActivity> logger) : TaskActivity<UpdateHistoryRequest, UpdateHistoryResult>
{
    public const string IndexBlob = "index.json";

    public override async Task<UpdateHistoryResult> RunAsync(TaskActivityContext context, UpdateHistoryRequest input)
    {
        var ct = CancellationToken.None;
        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var reportBlob = BlobNames.ReportJson(input.RunId);
        var report = ReportJson.Deserialize((await reports.GetBlobClient(reportBlob).DownloadContentAsync(ct).ConfigureAwait(false)).Value.Content.ToString());

        for (var attempt = 1; ; attempt++)
        {
            var (index, etag) = await ReadIndexAsync(reports, ct).ConfigureAwait(false);
            var previousEntry = index.Previous(report);
            RunComparison? comparison = null;
            if (previousEntry is not null && await RunStore.TryReadJsonAsync<EvaluationReport>(reports, BlobNames.ReportJson(previousEntry.RunId), ct).ConfigureAwait(false) is { } previous)
            {
                comparison = RunComparison.Compare(previous, report);
            }

            var regressions = comparison?.Regressions.Select(r => $"{r.Target}: {r.Metric}").ToList() ?? [];
            var entry = new ReportIndexEntry(
                report.RunId, report.Benchmark, report.Judge, report.CreatedAt, report.Targets.Select(t => t.Name).ToList(), previousEntry?.RunId, regressions);
            try
            {
                await WriteIndexAsync(reports, index.With(entry), etag, ct).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 && attempt < 10)
            {
                logger.ReportIndexChanged(input.RunId, attempt + 1);
                await Task.Delay(TimeSpan.FromMilliseconds(50 * attempt * Random.Shared.Next(1, 4)), ct).ConfigureAwait(false);
                continue;
            }

            await RunStore.WriteTextAsync(reports, reportBlob, ReportJson.Serialize(report with { Comparison = comparison }), "application/json", ct).ConfigureAwait(false);
            if (regressions.Count > 0)
            {
                logger.RegressionsFound(input.RunId, regressions.Count, previousEntry!.RunId, string.Join("; ", regressions));
            }

            return new UpdateHistoryResult(previousEntry?.RunId, regressions);
        }
    }

    private static async Task<(ReportIndex Index, ETag? ETag)> ReadIndexAsync(BlobContainerClient reports, CancellationToken ct)
    {
        try
        {
            var content = await reports.GetBlobClient(IndexBlob).DownloadContentAsync(ct).ConfigureAwait(false);
            return (content.Value.Content.ToObjectFromJson<ReportIndex>(Core.AssayJson.Options) ?? new ReportIndex(), content.Value.Details.ETag);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return (new ReportIndex(), null);
        }
    }

    private static Task<Response<BlobContentInfo>> WriteIndexAsync(BlobContainerClient reports, ReportIndex index, ETag? etag, CancellationToken ct)
    {
        var conditions = etag is { } tag ? new BlobRequestConditions { IfMatch = tag } : new BlobRequestConditions { IfNoneMatch = ETag.All };
        return reports.GetBlobClient(IndexBlob).UploadAsync(
            BinaryData.FromString(System.Text.Json.JsonSerializer.Serialize(index, Core.AssayJson.Indented)),
            new BlobUploadOptions { Conditions = conditions, HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } },
            ct);
    }
}
