using Assay.Core.Debates;
using Assay.Durable.Contracts;
using Assay.Durable.Endpoints;
using Assay.Durable.Logging;
using Assay.Durable.Storage;
using Azure.Storage.Blobs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Activities;

/// <summary>
/// One round of one debate: persuader turn, debater turn, moderator verdict, written to
/// <c>debates/{runId}/{claim}/{mode}/round-{n}.json</c>. If that blob exists (a re-executed activity, a resumed run),
/// it is returned and nothing is called: a crash resumes at the last finished round.
/// </summary>
public sealed class DebateRoundActivity(RunStore store, ChatClientFactory endpoints, ILogger<DebateRoundActivity> logger)
    : TaskActivity<DebateRoundRequest, DebateRoundResult>
{
    public override async Task<DebateRoundResult> RunAsync(TaskActivityContext context, DebateRoundRequest input)
    {
        using var order = CallOrder.Begin(); // this activity's calls wait behind those of activities started before it
        var ct = CancellationToken.None;
        var results = await store.ResultsAsync(ct).ConfigureAwait(false);
        var blob = DebateBlobNames.Round(input.RunId, input.ClaimId, input.Mode, input.Round);
        if (await RunStore.TryReadJsonAsync<DebateRound>(results, blob, ct).ConfigureAwait(false) is { } done)
        {
            return Result(done, blob, reused: true);
        }

        var claim = await RunStore.TryReadJsonAsync<DebateClaim>(results, DebateBlobNames.Claim(input.RunId, input.ClaimId), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"claim {input.ClaimId} of run {input.RunId} was never planned");
        var previous = await PreviousRoundsAsync(results, input, ct).ConfigureAwait(false);
        var models = new DebateParticipants(
            endpoints.Get(input.Endpoints.Persuader), endpoints.Get(input.Endpoints.Helper), endpoints.Get(input.Endpoints.Debater), endpoints.Get(input.Endpoints.Moderator));

        DebateRound round;
        using (var scope = CallScope.Begin(0, input.NoCache))
        {
            round = await new DebateRoundRunner(models).RunAsync(claim, input.Mode, previous, ct).ConfigureAwait(false);
            round = round with { Calls = scope.Records };
        }

        if (round.Verdict == RoundVerdict.Error)
        {
            logger.DebateRoundFailed(input.RunId, input.ClaimId, input.Mode, input.Round, round.Error);
        }

        await RunStore.WriteJsonAsync(results, blob, round, ct).ConfigureAwait(false);
        return Result(round, blob, reused: false);
    }

    private static DebateRoundResult Result(DebateRound round, string blob, bool reused) =>
        new(round.Round, blob, round.Verdict, round.Terminate?.Value == true, reused);

    private static async Task<List<DebateRound>> PreviousRoundsAsync(BlobContainerClient results, DebateRoundRequest input, CancellationToken ct)
    {
        var rounds = new List<DebateRound>(input.Round - 1);
        for (var n = 1; n < input.Round; n++)
        {
            var name = DebateBlobNames.Round(input.RunId, input.ClaimId, input.Mode, n);
            rounds.Add(await RunStore.TryReadJsonAsync<DebateRound>(results, name, ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"round {input.Round} needs round {n}, but {name} does not exist"));
        }

        return rounds;
    }
}
