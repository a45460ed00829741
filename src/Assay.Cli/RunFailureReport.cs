using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Microsoft.DurableTask.Client;

namespace Assay.Cli;

/// <summary>
/// Says why an instance did not complete: the task that failed, the error's type and message on one line, and a file
/// with the whole chain of failures and their stack traces. The orchestrator records its failure in its custom status
/// (<see cref="RunProgress.Failure"/>), because the local backend does not keep an orchestration's failure details.
/// </summary>
internal static class RunFailureReport
{
    public static async Task WriteAsync(OrchestrationMetadata state, string label, string detailFile, TextWriter progress, CancellationToken ct)
    {
        var failure = Read(state);
        if (failure is null)
        {
            await progress.WriteLineAsync($"{label} ended as {state.RuntimeStatus}, with no failure recorded").ConfigureAwait(false);
            return;
        }

        var where = string.Empty;
        if (failure.Detail is { Length: > 0 } detail)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(detailFile)!);
            await File.WriteAllTextAsync(detailFile, $"{label} failed in {failure.Task}\n{detail}", ct).ConfigureAwait(false);
            where = $" (full detail: {detailFile})";
        }

        await progress.WriteLineAsync(
            $"{label} failed in {failure.Task}: {ShortType(failure.ErrorType)}: {LocalRunner.OneLine(failure.Message)}{where}").ConfigureAwait(false);
    }

    /// <summary>The failure the orchestrator recorded, else the backend's failure details, else the output as text.</summary>
    public static RunFailure? Read(OrchestrationMetadata state)
    {
        if (state.SerializedCustomStatus is { Length: > 0 })
        {
            try
            {
                // Every Assay orchestrator's status record has an optional Failure; the rest is ignored here.
                if (state.ReadCustomStatusAs<FailedStatus>()?.Failure is { } recorded)
                {
                    return recorded;
                }
            }
            catch (System.Text.Json.JsonException)
            {
                // A status of another shape: fall through to the backend's details.
            }
        }

        if (state.FailureDetails is { } details)
        {
            return new RunFailure(state.Name, details.ErrorType, RunFailures.FirstLine(details.ErrorMessage), $"{details.ErrorType}: {details.ErrorMessage}\n{details.StackTrace}");
        }

        return state.SerializedOutput is { Length: > 0 } output ? new RunFailure(state.Name, "error", RunFailures.FirstLine(output)) : null;
    }

    private sealed record FailedStatus(RunFailure? Failure);

    private static string ShortType(string type) => type.Contains('.', StringComparison.Ordinal) ? type[(type.LastIndexOf('.') + 1)..] : type;
}
