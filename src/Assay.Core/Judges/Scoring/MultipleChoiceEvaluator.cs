using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// <c>accuracy</c>: 1 when the option the response picked (<see cref="ChoiceExtractor"/>) is the gold option of the
/// <see cref="MultipleChoiceContext"/>, else 0. An answer from which no option can be read has no value and says why
/// in its diagnostic (the case is unscored); a bad gold answer is a diagnostic as well.
/// </summary>
public sealed class MultipleChoiceEvaluator : IEvaluator
{
    public const string MetricName = "accuracy";

    public const string ExtractedMetadataKey = "mcq.extracted";

    public const string GoldMetadataKey = "mcq.gold";

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
        var result = new EvaluationResult(metric);
        if (additionalContext?.OfType<MultipleChoiceContext>().FirstOrDefault() is not { } question)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"{nameof(MultipleChoiceContext)} is required: the case has no options"));
            return new(result);
        }

        var gold = ChoiceTextMatcher.ResolveGold(question.Gold, question.Choices);
        if (gold.Index is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error(gold.Explanation));
            return new(result);
        }

        metric.AddOrUpdateMetadata(GoldMetadataKey, gold.Letter!);
        var picked = ChoiceExtractor.Extract(modelResponse.Text, question.Choices);
        if (picked.Index is null)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error($"unparseable answer: {picked.Explanation}"));
            return new(result);
        }

        metric.AddOrUpdateMetadata(ExtractedMetadataKey, picked.Letter!);
        metric.Value = picked.Index == gold.Index ? 1 : 0;
        metric.Reason = $"{picked.Explanation}; gold {gold.Letter}";
        return new(result);
    }
}
