using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// Any <see cref="IPairwiseCaseJudge"/> as a Microsoft.Extensions.AI.Evaluation <see cref="IEvaluator"/>. The candidate's
/// answers are the assistant messages of <c>messages</c> followed by <c>modelResponse</c> (one per user turn); the case
/// and the baseline's answers come from a <see cref="BaselineAnswerContext"/>. Each score the judge writes (<c>win</c>,
/// <c>consistent</c>, <c>verdict1</c>, <c>verdict2</c>, and per-turn or judge-specific extras) becomes a
/// <see cref="NumericMetric"/>; a missing context, a failed call or an unparseable verdict is a diagnostic on a metric
/// without a value, never an exception.
/// </summary>
public sealed class PairwiseEvaluator(IPairwiseCaseJudge judge) : IEvaluator
{
    public const string CandidateName = "candidate";

    private readonly IPairwiseCaseJudge judge = judge ?? throw new ArgumentNullException(nameof(judge));

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } =
        [PairwiseMetrics.Win, PairwiseMetrics.Consistent, PairwiseMetrics.Verdict1, PairwiseMetrics.Verdict2];

    public async ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentNullException.ThrowIfNull(modelResponse);
        if (additionalContext?.OfType<BaselineAnswerContext>().FirstOrDefault() is not { } context)
        {
            return Unscored($"{nameof(BaselineAnswerContext)} is required.", callFailed: false);
        }

        if (chatConfiguration is null)
        {
            return Unscored("no judge model is configured", callFailed: true);
        }

        var candidate = new TargetAnswer
        {
            CaseId = context.EvalCase.Id,
            Target = CandidateName,
            Turns = [.. messages.Where(m => m.Role == ChatRole.Assistant).Select(m => m.Text), modelResponse.Text],
        };
        var scores = await judge.JudgeAsync(context.EvalCase, candidate, context.Baseline, chatConfiguration, cancellationToken).ConfigureAwait(false);
        return new EvaluationResult(scores.Select(ToMetric));
    }

    private static NumericMetric ToMetric(MetricScore score)
    {
        var metric = new NumericMetric(score.Name, score.Value, score.Raw);
        if (score.Diagnostic is { } diagnostic)
        {
            if (JudgeDiagnostics.IsJudgeCallFailure(score))
            {
                JudgeDiagnostics.MarkJudgeCallFailed(metric, diagnostic[JudgeDiagnostics.JudgeCallFailedPrefix.Length..]);
            }
            else
            {
                // A parsed value with a diagnostic is the other game's problem (win stays unscored); no value is an error.
                metric.AddDiagnostics(score.Value is null ? EvaluationDiagnostic.Error(diagnostic) : EvaluationDiagnostic.Warning(diagnostic));
            }
        }

        return metric;
    }

    private EvaluationResult Unscored(string message, bool callFailed)
    {
        var metrics = EvaluationMetricNames.Select(name =>
        {
            var metric = new NumericMetric(name);
            if (callFailed)
            {
                JudgeDiagnostics.MarkJudgeCallFailed(metric, message);
            }
            else
            {
                metric.AddDiagnostics(EvaluationDiagnostic.Error(message));
            }

            return metric;
        });
        return new EvaluationResult(metrics);
    }
}
