using Assay.Core.Benchmarks;
using Assay.Core.Integrity;
using Assay.Core.Judges;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
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
public sealed class JudgeAnswersActivity(RunStore store, JudgeResolver judges, ILogger<JudgeAnswersActivity> logger)
    : TaskActivity<JudgeRequest, JudgeResult>
{
    public override async Task<JudgeResult> RunAsync(TaskActivityContext context, JudgeRequest input)
    {
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var blob = BlobNames.Judgments(input.RunId, input.Target.Name, input.Judge.Name, input.Batch);
        if (await RunStore.ExistsAsync(results, blob, ct).ConfigureAwait(false))
        {
            var existing = new List<CaseResult>();
            await foreach (var result in RunStore.ReadLinesAsync<CaseResult>(results, blob, ct).ConfigureAwait(false))
            {
                existing.Add(result);
            }

            return Summarise(input.Batch, blob, existing, reused: true);
        }

        var (judge, model) = judges.Resolve(input.Judge);
        var cases = await GenerateAnswersActivity.ReadBatchAsync(results, BlobNames.Batch(input.RunId, input.Batch), ct).ConfigureAwait(false);
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
            return JudgeAsync(judge, model, w.evalCase, answer, input.Target.NoCache, ct);
        })).ConfigureAwait(false);

        await RunStore.WriteLinesAsync(results, blob, judged, ct).ConfigureAwait(false);
        var summary = Summarise(input.Batch, blob, judged, reused: false);
        if (summary.Unscored > 0)
        {
            logger.LogWarning(
                "Run {RunId} target {Target} batch {Batch}: {Unscored} judge outputs could not be parsed",
                input.RunId, input.Target.Name, input.Batch, summary.Unscored);
        }

        return summary;
    }

    private static async Task<CaseResult> JudgeAsync(
        ICaseJudge judge, ChatConfiguration? model, EvalCase evalCase, TargetAnswer answer, bool noCache, CancellationToken ct)
    {
        using var scope = CallScope.Begin(answer.Repeat, noCache);
        var scores = answer.Error is null
            ? await judge.JudgeAsync(evalCase, answer, model, ct).ConfigureAwait(false)
            : [];
        var calls = (answer.Calls ?? []).Concat(scope.Records ?? []).ToList();
        var text = string.Join("\n", answer.Turns);
        return CaseResultFactory.Create(evalCase, answer, judge.Name, scores) with
        {
            Repeat = answer.Repeat,
            Calls = calls.Count == 0 ? null : calls,
            AnswerFingerprint = answer.Error is null ? AnswerSignals.Fingerprint(text) : null,
            JudgeDirected = answer.Error is null ? AnswerSignals.AddressesJudge(text) : null,
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
