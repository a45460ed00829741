using Assay.Core.Judges;
using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>
/// Streams every judged case of the run into the statistics and writes <c>report.json</c>. Everything it reads is in
/// <c>results/{runId}/</c>, so a report can be recomputed from the stored per-case results.
/// </summary>
public sealed class AggregateResultsActivity(RunStore store) : TaskActivity<AggregateRequest, AggregateResult>
{
    public override async Task<AggregateResult> RunAsync(TaskActivityContext context, AggregateRequest input)
    {
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var builder = new ReportBuilder(input.RunId, input.Benchmark, input.Judge.ToString(), input.CreatedAt);
        foreach (var target in input.Targets)
        {
            for (var batch = 0; batch < input.BatchCount; batch++)
            {
                var blob = BlobNames.Judgments(input.RunId, target, input.Judge.Name, batch);
                await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, blob, ct).ConfigureAwait(false))
                {
                    builder.Add(result);
                }
            }
        }

        var report = builder.Build();
        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var reportBlob = BlobNames.ReportJson(input.RunId);
        await RunStore.WriteTextAsync(reports, reportBlob, ReportJson.Serialize(report), "application/json", ct).ConfigureAwait(false);
        return new AggregateResult(
            $"{reports.Name}/{reportBlob}",
            report.Targets.Select(t => new TargetTotals(t.Name, t.Cases, t.Scored, t.Unscored, t.Errors)).ToList());
    }
}
