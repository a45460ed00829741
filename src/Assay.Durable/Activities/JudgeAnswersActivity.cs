using Assay.Core.Benchmarks;
using Assay.Core.Integrity;
using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;
using Assay.Core.JudgeEval;
using Assay.Core.Taxonomies;
using Azure.Storage.Blobs;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Logging;
using Assay.Durable.Resolution;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI.Evaluation;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Activities;

/// <summary>
/// Judges one target's answers to one batch and writes one <see cref="CaseResult"/> per case and sample, with the
/// target's and the judge's endpoint calls. Every case comes out scored, unscored (judge output unparseable, raw text
/// kept) or errored (with its cause): none is dropped.
/// </summary>
public sealed class JudgeAnswersActivity(RunStore store, BatchCases batches, JudgeResolver judges, ILogger<JudgeAnswersActivity> logger)
    : TaskActivity<JudgeRequest, JudgeResult>
{
    public override async Task<JudgeResult> RunAsync(TaskActivityContext context, JudgeRequest input)
    {
        using var order = CallOrder.Begin(); // this activity's calls wait behind those of activities started before it
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var blob = input.Arena && input.Baseline is { } opponent
            ? BlobNames.ArenaJudgments(input.RunId, input.Target.Name, opponent, input.Judge.Name, input.Batch)
            : BlobNames.Judgments(input.RunId, input.Target.Name, input.Judge.Name, input.Batch);
        if (await RunStore.ExistsAsync(results, blob, ct).ConfigureAwait(false))
        {
            var existing = new List<CaseResult>();
            await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, blob, ct).ConfigureAwait(false))
            {
                existing.Add(result);
            }

            return Summarise(input.Batch, blob, existing, reused: true);
        }

        if (await RunStore.ExistsAsync(results, BlobNames.Cancelled(input.RunId), ct).ConfigureAwait(false))
        {
            return Summarise(input.Batch, blob, [], reused: false); // cancelled: no endpoint is called
        }

        var judge = await CaseJudgementAsync(results, input, ct).ConfigureAwait(false);
        using var lease = await batches.AcquireAsync(results, BlobNames.Batch(input.RunId, input.Batch), ct).ConfigureAwait(false);
        var cases = lease.Cases;
        var answers = new Dictionary<(string CaseId, int Repeat), TargetAnswer>();
        var answersBlob = BlobNames.Answers(input.RunId, input.Target.Name, input.Batch);
        await foreach (var answer in RunStore.ReadLinesAsync<TargetAnswer>(results, answersBlob, ct).ConfigureAwait(false))
        {
            answers[(answer.CaseId, answer.Repeat)] = answer;
        }

        var work = cases.SelectMany(_ => Enumerable.Range(0, input.Target.SampleCount()), (evalCase, repeat) => (evalCase, repeat));
        var judged = await Task.WhenAll(work.Select(w =>
        {
            var answer = answers.GetValueOrDefault((w.evalCase.Id, w.repeat)) ?? new TargetAnswer
            {
                CaseId = w.evalCase.Id,
                Target = input.Target.Name,
                Repeat = w.repeat,
                Error = $"no answer in {answersBlob}",
            };
            return JudgeAsync(judge, w.evalCase, answer, input.Target.NoCache, ct);
        })).ConfigureAwait(false);

        await RunStore.WriteLinesAsync(results, blob, judged, ct).ConfigureAwait(false);
        var summary = Summarise(input.Batch, blob, judged, reused: false);
        if (summary.Unscored > 0)
        {
            logger.JudgeOutputsUnparsed(input.RunId, input.Target.Name, input.Batch, summary.Unscored);
        }

        return summary;
    }

    /// <summary>
    /// How each case is judged: a pointwise judge sees the answer; a pairwise judge sees it beside the baseline's answer
    /// to the same case (read from the baseline's answers blob of the same batch, written before this activity runs).
    /// </summary>
    private async Task<CaseJudgement> CaseJudgementAsync(BlobContainerClient results, JudgeRequest input, CancellationToken ct)
    {
        if (!Assay.Core.Judges.Catalogue.JudgeCatalogue.IsPairwise(input.Judge.Name))
        {
            var (judge, model) = judges.Resolve(input.Judge);
            return new CaseJudgement(judge.Name, (c, a, token) => judge.JudgeAsync(c, a, model, token), _ => null);
        }

        var baselineName = input.Baseline ?? throw new InvalidOperationException($"judge '{input.Judge.Name}' needs a baseline target");
        var (pairwise, judgeModel) = judges.ResolvePairwise(input.Judge);
        var baselineBlob = BlobNames.Answers(input.RunId, baselineName, input.Batch);
        var baseline = new Dictionary<string, TargetAnswer>(StringComparer.Ordinal);
        await foreach (var answer in RunStore.ReadLinesAsync<TargetAnswer>(results, baselineBlob, ct).ConfigureAwait(false))
        {
            if (answer.Repeat == 0)
            {
                baseline[answer.CaseId] = answer;
            }
        }

        TargetAnswer Baseline(EvalCase c) => baseline.GetValueOrDefault(c.Id)
            ?? new TargetAnswer { CaseId = c.Id, Target = baselineName, Error = $"no answer in {baselineBlob}" };
        return new CaseJudgement(
            input.Judge.Name,
            (c, a, token) => pairwise.JudgeAsync(c, a, Baseline(c), judgeModel, token),
            c => Baseline(c).Turns.Sum(t => t.Length));
    }

    private static async Task<CaseResult> JudgeAsync(CaseJudgement judge, EvalCase evalCase, TargetAnswer answer, bool noCache, CancellationToken ct)
    {
        using var scope = CallScope.Begin(answer.Repeat, noCache);
        var scores = answer.Error is null
            ? await judge.Judge(evalCase, answer, ct).ConfigureAwait(false)
            : [];
        if (answer.Error is null && GoldAgreement.Score(evalCase, scores) is { } agreement)
        {
            scores = [.. scores, agreement];
        }

        var calls = (answer.Calls ?? []).Concat(scope.Records ?? []).ToList();
        var text = string.Join("\n", answer.Turns);
        return CaseResultFactory.Create(evalCase, answer, judge.Name, scores) with
        {
            Repeat = answer.Repeat,
            Calls = calls.Count == 0 ? null : calls,
            AnswerFingerprint = answer.Error is null ? AnswerSignals.Fingerprint(text) : null,
            JudgeDirected = answer.Error is null ? AnswerSignals.AddressesJudge(text) : null,
            BaselineLength = judge.BaselineLength(evalCase),
            Gold = GoldAgreement.GoldOf(evalCase)?.ToString().ToLowerInvariant(),
            Groups = CaseGroups.For(evalCase),
        };
    }

    // Counts are of results (cases times samples), as written.
    private static JudgeResult Summarise(int batch, string blob, IReadOnlyCollection<CaseResult> results, bool reused) => new(
        batch,
        blob,
        results.Count,
        results.Count(r => r.Status == CaseStatus.Scored),
        results.Count(r => r.Status == CaseStatus.Unscored),
        results.Count(r => r.Status == CaseStatus.Error),
        reused);
}
