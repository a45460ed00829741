using Assay.Core.Accounting;
using Assay.Core.Integrity;
using Assay.Core.Judges;
using Assay.Core.Judges.Catalogue;
using Assay.Core.JudgeEval;
using Assay.Core.Reports;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Storage;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>
/// Streams every judged case of the run into the statistics and the endpoint accounting and writes
/// <c>report.json</c>. The samples of a case (repeats) are folded into one result first, so each case counts once.
/// Everything it reads is in <c>results/{runId}/</c>, so a report can be recomputed from the stored per-case results.
/// </summary>
public sealed class AggregateResultsActivity(RunStore store, ChatClientFactory endpoints) : TaskActivity<AggregateRequest, AggregateResult>
{
    public override async Task<AggregateResult> RunAsync(TaskActivityContext context, AggregateRequest input)
    {
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var builder = new ReportBuilder(input.RunId, input.Benchmark, input.Judge.ToString(), input.CreatedAt);
        builder.CompareVariants(input.Variants ?? []);
        var usage = new UsageAccumulator(endpoints.Price);
        var judge = JudgeCatalogue.ForRunJudge(input.Judge.ToString());
        var integrityOptions = new IntegrityOptions();
        var integrity = new IntegrityAnalyzer(integrityOptions);
        var lcV1 = input.LcV1 is { } files ? await LcV1Loader.LoadAsync(store, input.RunId, input.BatchCount, files, ct).ConfigureAwait(false) : null;
        var pairwise = input.Baseline is { } baseline ? new PairwiseAccumulator(baseline, lcV1: lcV1) : null;
        var judgeEval = new JudgeEvalAccumulator();
        var rewardBench = new RewardBenchAccumulator();
        var ensemble = input.Judge.Ensemble is { } e ? new EnsembleAccumulator(e.Rule, e.Keys, e.LearningRate) : null;
        var arena = input.Arena ? new ArenaAccumulator(input.Targets) : null;
        // An arena run's judgments are per pair (the earlier target is the candidate): each pair is a row of the report.
        var sources = input.Arena
            ? input.Targets.SelectMany((t, i) => input.Targets.Skip(i + 1), (target, opponent) => (target, opponent: (string?)opponent)).ToList()
            : input.Targets.Select(target => (target, opponent: (string?)null)).ToList();
        foreach (var (target, opponent) in sources)
        {
            for (var batch = 0; batch < input.BatchCount; batch++)
            {
                // A batch holds every sample of its cases, so folding per batch keeps memory at one batch.
                var samples = new Dictionary<string, List<CaseResult>>(StringComparer.Ordinal);
                var order = new List<string>();
                var blob = opponent is null
                    ? BlobNames.Judgments(input.RunId, target, input.Judge.Name, batch)
                    : BlobNames.ArenaJudgments(input.RunId, target, opponent, input.Judge.Name, batch);
                await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, blob, ct).ConfigureAwait(false))
                {
                    foreach (var call in result.Calls ?? [])
                    {
                        usage.Add(call);
                    }

                    if (!samples.TryGetValue(result.CaseId, out var list))
                    {
                        samples.Add(result.CaseId, list = []);
                        order.Add(result.CaseId);
                    }

                    list.Add(result);
                }

                foreach (var caseId in order)
                {
                    var combined = RepeatCombiner.Combine(samples[caseId]);
                    if (opponent is not null)
                    {
                        arena!.Add(combined, opponent);
                        combined = combined with { Target = ArenaSection.PairName(target, opponent) };
                    }

                    builder.Add(combined);
                    AddSignals(integrity, combined, judge);
                    pairwise?.Add(combined);
                    judgeEval.Add(combined);
                    if (pairwise is not null && target != input.Baseline)
                    {
                        rewardBench.Add(combined);
                    }
                    ensemble?.Add(combined);
                }
            }
        }

        var report = builder.Build() with { Endpoints = usage.Build(), Pace = input.Pace };
        report = report with { Integrity = integrity.Build(report), Pairwise = pairwise?.Build(), JudgeAgreement = judgeEval.Build(), RewardBench = rewardBench.Build(), Ensemble = ensemble?.Build(), Arena = arena?.Build() };
        if (report.Arena is not null && report.Integrity is { Canary: null } checks && judge is not null
            && ArenaCanary.Check(report.Arena, integrityOptions, judge.Canary) is { } arenaCanary)
        {
            report = report with { Integrity = checks with { Canary = arenaCanary, CanaryNote = null } };
        }

        var reports = await store.ReportsAsync(ct).ConfigureAwait(false);
        var reportBlob = BlobNames.ReportJson(input.RunId);
        await RunStore.WriteTextAsync(reports, reportBlob, ReportJson.Serialize(report), "application/json", ct).ConfigureAwait(false);
        return new AggregateResult(
            $"{reports.Name}/{reportBlob}",
            report.Targets.Select(t => new TargetTotals(t.Name, t.Cases, t.Scored, t.Unscored, t.Errors)).ToList());
    }

    private static void AddSignals(IntegrityAnalyzer integrity, CaseResult result, JudgeDescriptor? judge)
    {
        if (result.AnswerFingerprint is null)
        {
            return; // no answer (target error): nothing to fingerprint
        }

        // The primary metric feeds the verbosity check and the pairwise canary; "*" is a judge's own single metric
        // (a rubric's). Only a metric where higher is better can be inflated by length.
        var primary = judge?.PrimaryMetric == "*" ? (result.Scores.Count == 1 ? result.Scores[0].Name : null) : judge?.PrimaryMetric;
        var score = primary is null || result.Status != CaseStatus.Scored || judge!.Direction(primary) != MetricDirection.HigherIsBetter
            ? null
            : result.Scores.FirstOrDefault(s => s.Name == primary)?.Value;
        var consistent = result.Scores.FirstOrDefault(s => s.Name == "consistent")?.Value is { } c ? c >= 0.5 : (bool?)null;
        integrity.Add(result.Target, result.CaseId, result.AnswerFingerprint, result.JudgeDirected, result.AnswerLength, score, consistent);
    }
}
