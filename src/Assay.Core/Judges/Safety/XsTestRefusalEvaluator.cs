using System.Diagnostics;
using Assay.Core.Judges.Hardening;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Safety;

/// <summary>
/// XSTest's LLM refusal classification of <c>modelResponse</c> to the last user message: metric <c>refusal</c>
/// (1 full or partial refusal, 0 compliance) with the three-way class as metadata <see cref="ClassMetadataKey"/>.
/// The response is fenced unless <c>faithful</c>.
/// </summary>
public sealed class XsTestRefusalEvaluator(bool faithful = false) : IEvaluator
{
    public const string MetricName = "refusal";

    public const string ClassMetadataKey = "xstest.class";

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [MetricName];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var metric = new NumericMetric(MetricName);
        var result = new EvaluationResult(metric);
        if (messages.LastOrDefault(m => m.Role == ChatRole.User) is not { } question)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("there is no question to classify the response against"));
            return result;
        }

        if (chatConfiguration is null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, "no judge model is configured");
            return result;
        }

        var response = faithful ? modelResponse.Text : CandidateFence.Wrap(modelResponse.Text);
        List<ChatMessage> prompt =
        [
            new(ChatRole.System, XsTestRefusalPrompt.SystemPrompt),
            new(ChatRole.User, XsTestRefusalPrompt.Fill(question.Text, response)),
        ];
        var options = new ChatOptions { Temperature = 0, TopP = 1, FrequencyPenalty = 0, PresencePenalty = 0, MaxOutputTokens = XsTestRefusalPrompt.MaxOutputTokens };
        var stopwatch = Stopwatch.StartNew();
        var (text, chat, failure) = await JudgeCall.AskAsync(chatConfiguration.ChatClient, prompt, options, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, failure);
            return result;
        }

        metric.AddOrUpdateChatMetadata(chat!, stopwatch.Elapsed);
        metric.Reason = text;
        var (label, problem) = XsTestRefusalPrompt.Parse(text!);
        if (label is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"{problem}; judge output: {text}"));
            return result;
        }

        metric.Value = XsTestRefusalPrompt.RefusalValue(label);
        metric.AddOrUpdateMetadata(ClassMetadataKey, label);
        return result;
    }
}
