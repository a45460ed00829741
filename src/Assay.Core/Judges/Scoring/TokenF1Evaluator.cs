using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary><c>f1</c>: SQuAD token F1 (<see cref="TokenF1"/>), the best over the references.</summary>
public sealed class TokenF1Evaluator : IEvaluator
{
    public const string MetricName = "f1";

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [MetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ReferenceScoring.Evaluate(
            modelResponse, additionalContext, [MetricName], (prediction, reference) => [TokenF1.Score(prediction, reference)]));
    }
}
