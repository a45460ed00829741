using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Logging;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// plan → one <see cref="DebateOrchestrator"/> sub-orchestration per claim × mode, a bounded number in flight →
/// aggregate and report. Sub-orchestration instance ids derive from the run id, claim and mode, so a replay or a
/// resumed run addresses the same debates.
/// </summary>
public sealed class DebateRunOrchestrator : TaskOrchestrator<DebateRunRequest, DebateRunResult>
{
    private DebateProgress? status;

    /// <summary>Runs the steps; a failed task is named in the custom status before the instance fails (see <see cref="RunFailures"/>).</summary>
    public override async Task<DebateRunResult> RunAsync(TaskOrchestrationContext context, DebateRunRequest input)
    {
        try
        {
            return await RunStepsAsync(context, input);
        }
        catch (TaskFailedException ex)
        {
            context.SetCustomStatus((status ?? new DebateProgress("plan", 0, 0)) with { Failure = RunFailures.From(ex) });
            throw;
        }
    }

    private void SetStatus(TaskOrchestrationContext context, DebateProgress progress)
    {
        status = progress;
        context.SetCustomStatus(progress);
    }

    private async Task<DebateRunResult> RunStepsAsync(TaskOrchestrationContext context, DebateRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<DebateRunOrchestrator>();
        SetStatus(context, new DebateProgress("plan", 0, 0));
        var plan = await context.CallActivityAsync<DebatePlanResult>(
            nameof(PlanDebatesActivity), new DebatePlanRequest(input.RunId, input.ClaimsBlob, input.Limit), TaskRetry.Any);

        var debates = plan.ClaimIds.SelectMany(_ => input.Modes, (claim, mode) => (claim, mode)).ToList();
        var finished = 0;
        SetStatus(context, new DebateProgress("debate", debates.Count, finished));
        logger.DebatesPlanned(input.RunId, debates.Count, input.MaxInFlight);

        var inFlight = new List<Task<DebateSummary>>();
        foreach (var (claim, mode) in debates)
        {
            if (inFlight.Count >= Math.Max(1, input.MaxInFlight))
            {
                inFlight.Remove(await Task.WhenAny(inFlight));
                SetStatus(context, new DebateProgress("debate", debates.Count, ++finished));
            }

            var debate = new DebateRequest(input.RunId, claim, mode, input.MaxRounds, input.Endpoints, input.NoCache);
            inFlight.Add(context.CallSubOrchestratorAsync<DebateSummary>(
                nameof(DebateOrchestrator), debate, new SubOrchestrationOptions(TaskRetry.Any, DebateInstanceId(input.RunId, claim, mode))));
        }

        await Task.WhenAll(inFlight);
        SetStatus(context, new DebateProgress("report", debates.Count, debates.Count));
        var result = await context.CallActivityAsync<DebateRunResult>(
            nameof(AggregateDebatesActivity),
            new DebateAggregateRequest(input.RunId, input.ClaimsFile, input.Modes, input.MaxRounds, input.Endpoints, context.CurrentUtcDateTime),
            TaskRetry.Any);
        SetStatus(context, new DebateProgress("done", debates.Count, debates.Count));
        return result;
    }

    /// <summary>A debate's sub-orchestration instance id.</summary>
    public static string DebateInstanceId(string runId, string claim, string mode) => $"{claim}~{mode}~{runId}";
}
