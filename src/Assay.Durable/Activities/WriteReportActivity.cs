using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>
/// Renders the human-readable reports from <c>report.json</c>, the single source of every format: report.md, and
/// report.html with the per-case results (at most <see cref="HtmlReportRenderer.MaxCaseRows"/> read, to bound memory).
/// </summary>
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

        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var cases = await ReadCasesAsync(results, input.RunId, report, ct).ConfigureAwait(false);
        var htmlBlob = BlobNames.ReportHtml(input.RunId);
        await RunStore.WriteTextAsync(reports, htmlBlob, HtmlReportRenderer.Render(report, cases), "text/html; charset=utf-8", ct).ConfigureAwait(false);
        return new WriteReportResult($"{reports.Name}/{markdownBlob}", $"{reports.Name}/{htmlBlob}");
    }

    private static async Task<List<CaseResult>> ReadCasesAsync(BlobContainerClient results, string runId, EvaluationReport report, CancellationToken ct)
    {
        var cases = new List<CaseResult>();
        var plan = await RunStore.TryReadJsonAsync<PlanResult>(results, BlobNames.Plan(runId), ct).ConfigureAwait(false);
        if (plan is null)
        {
            return cases;
        }

        // Every target's first cases rather than all of the first target's: the page compares targets.
        var perTarget = HtmlReportRenderer.MaxCaseRows / Math.Max(1, report.Targets.Count);
        foreach (var target in report.Targets)
        {
            var taken = 0;
            for (var batch = 0; batch < plan.BatchCount && taken < perTarget; batch++)
            {
                // An arena run's rows are pairs, each judged into its own blob; the case rows are named after the pair.
                var pair = report.Arena?.PairOf(target.Name);
                var blob = pair is { } p
                    ? BlobNames.ArenaJudgments(runId, p.Target, p.Opponent, plan.Judge.Name, batch)
                    : BlobNames.Judgments(runId, target.Name, plan.Judge.Name, batch);
                await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, blob, ct).ConfigureAwait(false))
                {
                    if (taken++ >= perTarget)
                    {
                        break;
                    }

                    cases.Add(pair is null ? result : result with { Target = target.Name });
                }
            }
        }

        return cases;
    }
}
