using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>Renders the human-readable report from <c>report.json</c>, the single source of every format.</summary>
public sealed class WriteReportActivity(RunStore store) : TaskActivity<WriteReportRequest, WriteReportResult>
{
    public override async Task<WriteReportResult> RunAsync(TaskActivityContext context, WriteReportRequest input)
    {
        var ct = CancellationToken.None;
        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var json = await reports.GetBlobClient(BlobNames.ReportJson(input.RunId)).DownloadContentAsync(ct).ConfigureAwait(false);
        var report = ReportJson.Deserialize(json.Value.Content.ToString());
        var markdownBlob = BlobNames.ReportMarkdown(input.RunId);
        await RunStore.WriteTextAsync(reports, markdownBlob, MarkdownReportRenderer.Render(report), "text/markdown", ct).ConfigureAwait(false);
        return new WriteReportResult($"{reports.Name}/{markdownBlob}");
    }
}
