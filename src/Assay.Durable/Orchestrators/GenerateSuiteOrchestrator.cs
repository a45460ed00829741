using Assay.Durable.Activities;
using Assay.Durable.Contracts;
using Assay.Durable.Logging;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace Assay.Durable.Orchestrators;

/// <summary>
/// ASTRAL suite generation: plan (a pure function of the request, so replay-safe) → a sliding window of
/// <see cref="GenerateCellsActivity"/>, one per chunk of cells → <see cref="WriteSuiteActivity"/>. Only chunk numbers and
/// blob names pass through history; a resumed instance reuses every chunk already written.
/// </summary>
public sealed class GenerateSuiteOrchestrator : TaskOrchestrator<RedTeamSuiteRequest, RedTeamSuiteResult>
{
    private RedTeamProgress? status;

    /// <summary>Runs the steps; a failed task is named in the custom status before the instance fails (see <see cref="RunFailures"/>).</summary>
    public override async Task<RedTeamSuiteResult> RunAsync(TaskOrchestrationContext context, RedTeamSuiteRequest input)
    {
        try
        {
            return await RunStepsAsync(context, input);
        }
        catch (TaskFailedException ex)
        {
            context.SetCustomStatus((status ?? new RedTeamProgress("generate", 0, 0)) with { Failure = RunFailures.From(ex) });
            throw;
        }
    }

    private void SetStatus(TaskOrchestrationContext context, RedTeamProgress progress)
    {
        status = progress;
        context.SetCustomStatus(progress);
    }

    private async Task<RedTeamSuiteResult> RunStepsAsync(TaskOrchestrationContext context, RedTeamSuiteRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var logger = context.CreateReplaySafeLogger<GenerateSuiteOrchestrator>();
        var plan = input.Plan();
        var chunks = input.Chunks(plan);
        var finished = 0;
        SetStatus(context, new RedTeamProgress("generate", chunks, finished));
        logger.SuitePlanned(input.RunId, plan.Cells.Count, plan.PerCell, chunks);

        var inFlight = new List<Task<GenerateCellsResult>>();
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            if (inFlight.Count >= Math.Max(1, input.MaxInFlight))
            {
                inFlight.Remove(await Task.WhenAny(inFlight));
                SetStatus(context, new RedTeamProgress("generate", chunks, ++finished));
            }

            inFlight.Add(context.CallActivityAsync<GenerateCellsResult>(nameof(GenerateCellsActivity), new GenerateCellsRequest(input, chunk), TaskRetry.Any));
        }

        await Task.WhenAll(inFlight);
        SetStatus(context, new RedTeamProgress("write", chunks, chunks));
        var result = await context.CallActivityAsync<RedTeamSuiteResult>(nameof(WriteSuiteActivity), input, TaskRetry.Any);
        SetStatus(context, new RedTeamProgress("done", chunks, chunks));
        return result;
    }
}
