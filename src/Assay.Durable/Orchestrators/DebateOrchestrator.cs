using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Microsoft.DurableTask;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// One debate (claim × mode): one <see cref="DebateRoundActivity"/> per round until the moderator finds the debater
/// convinced, the terminator ends it, a round fails, or the rounds run out. Deterministic; rounds pass only small results.
/// </summary>
public sealed class DebateOrchestrator : TaskOrchestrator<DebateRequest, DebateSummary>
{
    public override async Task<DebateSummary> RunAsync(TaskOrchestrationContext context, DebateRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var maxRounds = Math.Max(1, input.MaxRounds);
        DebateRoundResult result;
        var round = 0;
        do
        {
            round++;
            result = await context.CallActivityAsync<DebateRoundResult>(
                nameof(DebateRoundActivity), new DebateRoundRequest(input.RunId, input.ClaimId, input.Mode, round, input.Endpoints, input.NoCache), TaskRetry.Any);
        }
        while (Continues(result, maxRounds));

        return new DebateSummary(input.ClaimId, input.Mode, result.Round, result.Verdict);
    }

    // The same rule as DebateRound.Continues, on the activity's small result.
    private static bool Continues(DebateRoundResult result, int maxRounds) =>
        result.Round < maxRounds && result.Verdict is Core.Debates.RoundVerdict.NotConvinced or Core.Debates.RoundVerdict.Unparseable && !result.Terminate;
}
