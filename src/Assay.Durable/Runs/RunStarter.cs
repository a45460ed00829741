using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Assay.Durable.Runs;

/// <summary>
/// Starts a run under its own id at most once. Durable backends overwrite a finished instance that is scheduled again
/// under the same id, so a redelivered trigger must look first; a concurrent delivery that loses the race sees the
/// instance afterwards and reports it as already started.
/// </summary>
public static class RunStarter
{
    /// <returns>True when this call started the run; false when an instance with its id already existed.</returns>
    public static async Task<bool> StartOnceAsync(DurableTaskClient client, RunRequest request, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        if (await client.GetInstanceAsync(request.RunId, getInputsAndOutputs: false, ct).ConfigureAwait(false) is not null)
        {
            return false;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(RunEvaluationOrchestrator), request, new StartOrchestrationOptions(request.RunId), ct).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (await client.GetInstanceAsync(request.RunId, getInputsAndOutputs: false, CancellationToken.None).ConfigureAwait(false) is not null)
            {
                return false;
            }

            throw;
        }
    }
}
