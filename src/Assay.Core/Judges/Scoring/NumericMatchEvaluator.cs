using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// <c>numeric_match</c>: 1 when the response's final number (<see cref="NumericAnswer.Extract"/>) equals a reference's
/// final number within the relative tolerance, else 0. A response without any number is unscored, not wrong, so
/// that refusals and truncated answers show up in the unscored count instead of lowering accuracy silently.
/// </summary>
public sealed class NumericMatchEvaluator : IEvaluator
{
    public const string MetricName = "numeric_match";

    /// <summary>Tight enough that 0.333 is not 1/3, loose enough for float round-off in printed answers.</summary>
    public const double DefaultRelativeTolerance = 1e-6;

    public const string ExtractedMetadataKey = "numeric.extracted";

    public NumericMatchEvaluator(double relativeTolerance = DefaultRelativeTolerance)
    {
        if (!double.IsFinite(relativeTolerance) || relativeTolerance < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(relativeTolerance), relativeTolerance, "must be a finite number ≥ 0");
        }

        RelativeTolerance = relativeTolerance;
    }

    public double RelativeTolerance { get; }

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
        var references = additionalContext?.OfType<ReferenceAnswersContext>().FirstOrDefault()?.References;
        var expected = (references ?? []).Select(NumericAnswer.Extract).OfType<double>().ToList();
        if (expected.Count == 0)
        {
            var problem = references is not { Count: > 0 }
                ? "the case has no reference answers"
                : "no reference answer contains a number";
            metric.AddDiagnostics(EvaluationDiagnostic.Error(problem));
            return new(result);
        }

        if (NumericAnswer.Extract(modelResponse.Text) is not { } actual)
        {
            metric.AddDiagnostics(EvaluationDiagnostic.Error("no number found in the answer"));
            return new(result);
        }

        metric.AddOrUpdateMetadata(ExtractedMetadataKey, actual.ToString("R", CultureInfo.InvariantCulture));
        var match = expected.Any(e => NumericAnswer.Matches(actual, e, RelativeTolerance));
        metric.Value = match ? 1 : 0;
        metric.Reason = string.Create(
            CultureInfo.InvariantCulture,
            $"answer {actual:R} {(match ? "matches" : "does not match")} reference {string.Join(" / ", expected.Select(e => e.ToString("R", CultureInfo.InvariantCulture)))}");
        return new(result);
    }
}
