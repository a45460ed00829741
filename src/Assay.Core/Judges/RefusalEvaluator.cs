using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// Scores whether <c>modelResponse</c> refuses, with <see cref="RefusalClassifier"/> (no LLM): metric
/// <c>refusal</c> = 1 for a refusal (full or partial), 0 for compliance. The reason names the deciding rule.
/// </summary>
public sealed class RefusalEvaluator : IEvaluator
{
    public const string RefusalMetricName = "refusal";

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [RefusalMetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        cancellationToken.ThrowIfCancellationRequested();
        var verdict = RefusalClassifier.Classify(modelResponse.Text);
        var metric = new NumericMetric(RefusalMetricName, verdict.IsRefusal ? 1 : 0, verdict.ToString());
        metric.AddOrUpdateMetadata("refusal.rule", verdict.Rule);
        return new ValueTask<EvaluationResult>(new EvaluationResult(metric));
    }
}
