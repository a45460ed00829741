using System.Diagnostics;
using Assay.Core.Judges.Hardening;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Rubrics;

/// <summary>
/// A pointwise LLM judge built from a <see cref="RubricTemplate"/>: fills the template with the last user message, the
/// fenced response (see <see cref="CandidateFence"/>) and the reference from a <see cref="RubricReferenceContext"/>,
/// asks the judge at temperature 0, and reads the verdict with the rubric's regex. The metric is named by the rubric.
/// </summary>
public sealed class RubricEvaluator(RubricTemplate rubric) : IEvaluator
{
    public RubricTemplate Rubric { get; } = rubric ?? throw new ArgumentNullException(nameof(rubric));

    public IReadOnlyCollection<string> EvaluationMetricNames => [Rubric.Metric];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        var metric = new NumericMetric(Rubric.Metric);
        var result = new EvaluationResult(metric);
        var question = messages.LastOrDefault(m => m.Role == ChatRole.User)?.Text;
        var reference = additionalContext?.OfType<RubricReferenceContext>().FirstOrDefault()?.Reference;
        if (question is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("there is no question to judge the answer against"));
            return result;
        }

        if (Rubric.UsesReference && reference is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"the rubric {Rubric.Origin} shows a {{reference}} but the case has none"));
            return result;
        }

        if (chatConfiguration is null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, "no judge model is configured");
            return result;
        }

        var user = PythonFormat.Message(ChatRole.User, Rubric.Template, new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["question"] = question,
            ["answer"] = CandidateFence.Wrap(modelResponse.Text),
            ["reference"] = reference ?? string.Empty,
        });
        List<ChatMessage> prompt = Rubric.SystemPrompt is { } system
            ? [new(ChatRole.System, system), user]
            : [user];
        var stopwatch = Stopwatch.StartNew();
        var (text, response, failure) = await JudgeCall.AskAsync(
            chatConfiguration.ChatClient, prompt, new ChatOptions { Temperature = 0, MaxOutputTokens = Rubric.MaxOutputTokens }, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            JudgeDiagnostics.MarkJudgeCallFailed(metric, failure);
            return result;
        }

        metric.AddOrUpdateChatMetadata(response!, stopwatch.Elapsed);
        var (value, problem) = RubricVerdict.Parse(Rubric, text!);
        metric.Value = value;
        metric.Reason = text;
        if (problem is not null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"{problem}; judge output: {text}"));
        }

        return result;
    }
}
