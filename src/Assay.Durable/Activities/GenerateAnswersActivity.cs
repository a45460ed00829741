using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Logging;
using Assay.Durable.Resolution;
using Assay.Durable.Storage;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Activities;

/// <summary>
/// Asks one target every case of one batch (each case <c>repeats</c> times) and writes the answers blob, each answer
/// with the endpoint calls it took. If the blob already exists (a re-executed activity, a resumed run) nothing is
/// called again; calls that completed before a crash in an unfinished batch are answered by the response cache.
/// </summary>
public sealed class GenerateAnswersActivity(RunStore store, BatchCases batches, TargetResolver targets, ILogger<GenerateAnswersActivity> logger)
    : TaskActivity<GenerateRequest, GenerateResult>
{
    public override async Task<GenerateResult> RunAsync(TaskActivityContext context, GenerateRequest input)
    {
        using var order = CallOrder.Begin(); // this activity's calls wait behind those of activities started before it
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var blob = BlobNames.Answers(input.RunId, input.Target.Name, input.Batch);
        if (await RunStore.ExistsAsync(results, blob, ct).ConfigureAwait(false))
        {
            var (cases, errors) = (0, 0);
            await foreach (var answer in RunStore.ReadLinesAsync<TargetAnswer>(results, blob, ct).ConfigureAwait(false))
            {
                cases += answer.Repeat == 0 ? 1 : 0;
                errors += answer.Error is null ? 0 : 1;
            }

            return new GenerateResult(input.Batch, blob, cases, errors, Reused: true);
        }

        if (await RunStore.ExistsAsync(results, BlobNames.Cancelled(input.RunId), ct).ConfigureAwait(false))
        {
            return new GenerateResult(input.Batch, blob, 0, 0, Reused: false); // cancelled: no endpoint is called
        }

        var repeats = input.Target.SampleCount();
        var samplers = new ITarget[repeats];
        for (var repeat = 0; repeat < repeats; repeat++)
        {
            samplers[repeat] = await targets.ResolveAsync(input.Target, ct, repeat, input.RunId).ConfigureAwait(false);
        }

        using var lease = await batches.AcquireAsync(results, BlobNames.Batch(input.RunId, input.Batch), ct).ConfigureAwait(false);
        var batch = lease.Cases;

        // All cases of the batch at once: the endpoint's own gate decides how many calls are really in flight.
        var work = batch.SelectMany(_ => Enumerable.Range(0, repeats), (evalCase, repeat) => (evalCase, repeat));
        var answers = await Task.WhenAll(work.Select(w => AnswerAsync(samplers[w.repeat], w.evalCase, w.repeat, input.Target.NoCache, ct)))
            .ConfigureAwait(false);
        await RunStore.WriteLinesAsync(results, blob, answers, ct).ConfigureAwait(false);

        var failed = answers.Count(a => a.Error is not null);
        if (failed > 0)
        {
            logger.AnswersErrored(input.RunId, input.Target.Name, input.Batch, failed, answers.Length, answers.First(a => a.Error is not null).Error);
        }

        return new GenerateResult(input.Batch, blob, batch.Count, failed, Reused: false);
    }

    private static async Task<TargetAnswer> AnswerAsync(ITarget target, EvalCase evalCase, int repeat, bool noCache, CancellationToken ct)
    {
        using var scope = CallScope.Begin(repeat, noCache);
        var answer = await target.AnswerAsync(evalCase, ct).ConfigureAwait(false);
        return answer with { Repeat = repeat, Calls = scope.Records };
    }
}
