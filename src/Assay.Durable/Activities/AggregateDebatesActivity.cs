using Assay.Core.Accounting;
using Assay.Core.Debates;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>
/// Reads every debate's round transcripts, decides each outcome, sums the calls of every round per endpoint, and
/// writes <c>debate-report.json</c>, <c>debate-report.md</c> and <c>debate-report.html</c> to the reports container
/// (overwritten whole: re-execution is harmless).
/// </summary>
public sealed class AggregateDebatesActivity(RunStore store, ChatClientFactory endpoints) : TaskActivity<DebateAggregateRequest, DebateRunResult>
{
    public override async Task<DebateRunResult> RunAsync(TaskActivityContext context, DebateAggregateRequest input)
    {
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var plan = await RunStore.TryReadJsonAsync<DebatePlanResult>(results, DebateBlobNames.Plan(input.RunId), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"debate run {input.RunId} has no plan");

        var outcomes = new List<DebateOutcome>();
        var usage = new UsageAccumulator(endpoints.Price);
        foreach (var claim in plan.ClaimIds)
        {
            foreach (var mode in input.Modes)
            {
                var rounds = await RoundsAsync(results, input.RunId, claim, mode, input.MaxRounds, ct).ConfigureAwait(false);
                foreach (var call in rounds.SelectMany(r => r.Calls ?? []))
                {
                    usage.Add(call);
                }

                var folder = $"{results.Name}/{DebateBlobNames.Debate(input.RunId, claim, mode)}/";
                outcomes.Add(DebateOutcome.Decide(rounds, input.MaxRounds, folder));
            }
        }

        var report = DebateReportBuilder.Build(input.RunId, input.CreatedAt, input.ClaimsFile, input.MaxRounds, input.Endpoints, input.Modes, outcomes)
            with { Usage = usage.Build() };
        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var json = DebateBlobNames.ReportJson(input.RunId);
        var markdown = DebateBlobNames.ReportMarkdown(input.RunId);
        await RunStore.WriteJsonAsync(reports, json, report, ct).ConfigureAwait(false);
        await RunStore.WriteTextAsync(reports, markdown, DebateMarkdown.Render(report), "text/markdown", ct).ConfigureAwait(false);
        await RunStore.WriteTextAsync(reports, DebateBlobNames.ReportHtml(input.RunId), DebateHtml.Render(report), "text/html", ct).ConfigureAwait(false);
        return new DebateRunResult(input.RunId, outcomes.Count, $"{reports.Name}/{json}", $"{reports.Name}/{markdown}", report.Modes);
    }


    private static async Task<List<DebateRound>> RoundsAsync(BlobContainerClient results, string runId, string claim, string mode, int maxRounds, CancellationToken ct)
    {
        var rounds = new List<DebateRound>();
        for (var n = 1; n <= maxRounds; n++)
        {
            if (await RunStore.TryReadJsonAsync<DebateRound>(results, DebateBlobNames.Round(runId, claim, mode, n), ct).ConfigureAwait(false) is not { } round)
            {
                break;
            }

            rounds.Add(round);
        }

        return rounds.Count > 0 ? rounds : throw new InvalidOperationException($"debate {claim}/{mode} of run {runId} has no rounds");
    }
}
