using System.Text.Json;
using Assay.Durable.Contracts;
using Assay.Durable.Orchestrators;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Assay.Functions.Api;

/// <summary>
/// Turns orchestration state into the API's views. URLs are built from the configured public base URL and this API's
/// routes only: never from the request's Host header (a caller could point them anywhere), and never the Durable
/// extension's check-status URLs, which carry a system key.
/// </summary>
public sealed class RunViews(IOptions<ApiOptions> options, IConfiguration configuration)
{
    public const string OrchestrationName = nameof(RunEvaluationOrchestrator);

    public const string RoutePrefix = "api/runs";

    private const int MaxMessageLength = 1000;

    public static string StatusName(OrchestrationRuntimeStatus status) => JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    /// <summary>The base the URLs start with: configured, else App Service's own host name, else none (relative URLs).</summary>
    public string BaseUrl => options.Value.PublicBaseUrl?.ToString().TrimEnd('/')
        ?? (configuration["WEBSITE_HOSTNAME"] is { Length: > 0 } host ? $"https://{host}" : string.Empty);

    public string RunUrl(string runId) => $"{BaseUrl}/{RoutePrefix}/{Uri.EscapeDataString(runId)}";

    public RunAcceptedView Accepted(string runId, string status)
    {
        var url = RunUrl(runId);
        return new RunAcceptedView(runId, status, url, url + "/cancel");
    }

    /// <summary>Who started the run (null for runs the app started: uploads, the nightly schedule).</summary>
    public static string? Owner(OrchestrationMetadata state) =>
        Read(state.SerializedInput, state.ReadInputAs<RunRequest>)?.Owner;

    public RunStatusView Status(OrchestrationMetadata state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var input = Read(state.SerializedInput, state.ReadInputAs<RunRequest>);
        var view = new RunStatusView(
            state.InstanceId,
            StatusName(state.RuntimeStatus),
            state.CreatedAt,
            state.LastUpdatedAt,
            RunUrl(state.InstanceId),
            input?.BenchmarkBlob,
            input?.Targets.Select(t => t.Name).ToList(),
            Read(state.SerializedCustomStatus, state.ReadCustomStatusAs<RunProgress>),
            Owner: input?.Owner);

        // The orchestrator names the failed task in its status; its stack traces stay in the history and the logs.
        if (view.Progress?.Failure is { } recorded)
        {
            view = view with
            {
                Progress = view.Progress with { Failure = null },
                Error = new RunErrorView(recorded.ErrorType, FirstLine(recorded.Message), recorded.Task, DetailWhere(state.InstanceId)),
            };
        }
        else if (state.FailureDetails is { } failure)
        {
            view = view with { Error = new RunErrorView(failure.ErrorType, FirstLine(failure.ErrorMessage), state.Name, DetailWhere(state.InstanceId)) };
        }
        else if (state.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
        {
            view = view with { Error = new RunErrorView("Terminated", "the run was cancelled") };
        }

        if (state.RuntimeStatus == OrchestrationRuntimeStatus.Completed && Read(state.SerializedOutput, state.ReadOutputAs<RunResult>) is { } result)
        {
            view = view with
            {
                Report = new RunReportView(result.ReportJsonBlob, result.ReportMarkdownBlob),
                Totals = result.Targets,
                PreviousRunId = result.PreviousRunId,
                Regressions = result.Regressions,
            };
        }

        return view;
    }

    private static string DetailWhere(string instanceId) =>
        $"the stack traces are in the durable history of instance '{instanceId}' and in the app's logs (Application Insights: exceptions with that instance id)";

    private static string FirstLine(string message)
    {
        var line = message.ReplaceLineEndings("\n").Split('\n', 2)[0].Trim();
        return line.Length > MaxMessageLength ? line[..MaxMessageLength] + "…" : line;
    }

    // Read with the client's own data converter; a payload that does not read (an older shape) is left out.
    private static T? Read<T>(string? serialized, Func<T?> read)
        where T : class
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
