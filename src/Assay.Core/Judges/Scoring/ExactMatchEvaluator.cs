using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// <c>exact_match</c>: 1 when the response equals a reference character for character (surrounding white space
/// aside); <c>normalized_match</c>: 1 when they are equal after <see cref="SquadText.Normalize"/> (SQuAD's EM).
/// Each is the best over the references in <see cref="ReferenceAnswersContext"/>.
/// </summary>
public sealed class ExactMatchEvaluator : IEvaluator
{
    public const string ExactMetricName = "exact_match";

    public const string NormalizedMetricName = "normalized_match";

    public IReadOnlyCollection<string> EvaluationMetricNames { get; } = [ExactMetricName, NormalizedMetricName];

    public ValueTask<EvaluationResult> EvaluateAsync(
        IEnumerable<ChatMessage> messages,
        ChatResponse modelResponse,
        ChatConfiguration? chatConfiguration = null,
        IEnumerable<EvaluationContext>? additionalContext = null,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ReferenceScoring.Evaluate(modelResponse, additionalContext, [ExactMetricName, NormalizedMetricName], Score));
    }

    public static double Exact(string prediction, string reference) =>
        string.Equals(prediction.Trim(), reference.Trim(), StringComparison.Ordinal) ? 1 : 0;

    public static double Normalized(string prediction, string reference) =>
        string.Equals(SquadText.Normalize(prediction), SquadText.Normalize(reference), StringComparison.Ordinal) ? 1 : 0;

    private static double?[] Score(string prediction, string reference) =>
        [Exact(prediction, reference), Normalized(prediction, reference)];
}
