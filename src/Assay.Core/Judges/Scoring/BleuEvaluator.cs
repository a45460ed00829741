using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// <c>bleu</c>: sentence BLEU with all references at once (<see cref="SentenceBleu"/>), not the best single
/// reference: BLEU's own convention clips n-gram counts against every reference and picks the closest length.
/// </summary>
public sealed class BleuEvaluator : IEvaluator
{
    public const string MetricName = "bleu";

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [MetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        cancellationToken.ThrowIfCancellationRequested();
        var metric = new NumericMetric(MetricName);
        var references = additionalContext?.OfType<ReferenceAnswersContext>().FirstOrDefault()?.References;
        if (references is not { Count: > 0 })
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("the case has no reference answers"));
        }
        else
        {
            metric.Value = SentenceBleu.Score(modelResponse.Text, references);
        }

        return new(new EvaluationResult(metric));
    }
}
