using Assay.Core.Debates;
using Assay.Durable.Contracts;
using Assay.Durable.Storage;
using Microsoft.DurableTask;

namespace Assay.Durable.Activities;

/// <summary>
/// Reads and validates the claims CSV (streamed), stores each claim as its own small blob for the rounds to read, and
/// returns the claim ids. Re-running it rewrites the same content.
/// </summary>
public sealed class PlanDebatesActivity(RunStore store) : TaskActivity<DebatePlanRequest, DebatePlanResult>
{
    public override async Task<DebatePlanResult> RunAsync(TaskActivityContext context, DebatePlanRequest input)
    {
        var ct = CancellationToken.None;
        var benchmarks = await store.BenchmarksAsync(ct).ConfigureAwait(false);
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var ids = new List<string>();
        await using (var stream = await benchmarks.GetBlobClient(input.ClaimsBlob).OpenReadAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            await foreach (var claim in LogicomClaims.ReadAsync(stream, Path.GetFileName(input.ClaimsBlob), input.Limit, ct).ConfigureAwait(false))
            {
                await RunStore.WriteJsonAsync(results, DebateBlobNames.Claim(input.RunId, claim.Id), claim, ct).ConfigureAwait(false);
                ids.Add(claim.Id);
            }
        }

        var plan = new DebatePlanResult(ids);
        await RunStore.WriteJsonAsync(results, DebateBlobNames.Plan(input.RunId), plan, ct).ConfigureAwait(false);
        return plan;
    }
}
