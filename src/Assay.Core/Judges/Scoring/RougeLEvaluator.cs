using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary><c>rouge_l</c>: the ROUGE-L F-measure (<see cref="RougeL"/>), the best over the references.</summary>
public sealed class RougeLEvaluator : IEvaluator
{
    public const string MetricName = "rouge_l";

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
            modelResponse, additionalContext, [MetricName], (prediction, reference) => [RougeL.Score(prediction, reference).FMeasure]));
    }
}
