using System.Diagnostics;
using Assay.Core.Judges.Hardening;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// One judge call about the response to the last user message, read into one numeric metric. The response is fenced
/// (see <see cref="CandidateFence"/>) unless <c>faithful</c>; a failed call or output without a verdict leaves the metric
/// without a value, with a diagnostic and the judge's output as its reason, never an exception.
/// </summary>
public abstract class LastRequestEvaluator(string metricName, bool faithful) : IEvaluator
{
    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [metricName];

    /// <summary>The diagnostic when the conversation has no user message.</summary>
    protected abstract string NoRequest { get; }

    /// <summary>The judge's messages and options for <paramref name="request"/> and the (fenced) <paramref name="response"/>.</summary>
    protected abstract (List<ChatMessage> Prompt, ChatOptions Options) Build(string request, string response);

    /// <summary>Sets the metric's value (and metadata) from the judge's output; returns the problem when it holds no verdict.</summary>
    protected abstract string? Read(NumericMetric metric, string judgment);

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var metric = new NumericMetric(metricName);
        var result = new EvaluationResult(metric);
        if (messages.LastOrDefault(m => m.Role == ChatRole.User) is not { } request)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(NoRequest));
            return result;
        }

        if (chatConfiguration is null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, "no judge model is configured");
            return result;
        }

        var (prompt, options) = Build(request.Text, faithful ? modelResponse.Text : CandidateFence.Wrap(modelResponse.Text));
        var stopwatch = Stopwatch.StartNew();
        var (text, response, failure) = await JudgeCall.AskAsync(chatConfiguration.ChatClient, prompt, options, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, failure);
            return result;
        }

        metric.AddOrUpdateChatMetadata(response!, stopwatch.Elapsed);
        metric.Reason = text;
        if (Read(metric, text!) is { } problem)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"{problem}; judge output: {text}"));
        }

        return result;
    }
}
