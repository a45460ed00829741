using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// Turns evaluator metrics into <see cref="MetricScore"/>s and tells a failed judge call (the case is an error:
/// retry it) from a judge that answered without a usable verdict (the case is unscored: the output is kept).
/// </summary>
public static class JudgeDiagnostics
{
    /// <summary>Starts the diagnostic of a judge endpoint failure, on the metric and in <see cref="MetricScore.Diagnostic"/>.</summary>
    public const string JudgeCallFailedPrefix = "judge call failed: ";

    /// <summary>Metadata key set to <c>true</c> on a metric whose judge call failed.</summary>
    public const string JudgeCallFailedMetadataKey = "assay.judge-call-failed";

    public static void MarkJudgeCallFailed(EvaluationMetric metric, string message)
    {
        ArgumentNullException.ThrowIfNull(metric);
        metric.AddDiagnostics(EvaluationDiagnostic.Error(JudgeCallFailedPrefix + message));
        metric.AddOrUpdateMetadata(JudgeCallFailedMetadataKey, "true");
    }

    public static bool IsJudgeCallFailure(EvaluationMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return metric.Metadata?.TryGetValue(JudgeCallFailedMetadataKey, out var value) == true && value == "true";
    }

    public static bool IsJudgeCallFailure(MetricScore score)
    {
        ArgumentNullException.ThrowIfNull(score);
        return score.Diagnostic?.StartsWith(JudgeCallFailedPrefix, StringComparison.Ordinal) == true;
    }

    /// <summary>
    /// A score named <paramref name="name"/> from a numeric metric. Diagnostics are joined, errors first, so that a
    /// judge-call failure always leads and <see cref="IsJudgeCallFailure(MetricScore)"/> can see it.
    /// </summary>
    public static MetricScore ToMetricScore(NumericMetric metric, string name, string? raw)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new MetricScore(name, metric.Value, Render(metric), raw);
    }

    /// <summary>Diagnostics as one line each, failures first, then by severity; null when there are none.</summary>
    public static string? Render(EvaluationMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (metric.Diagnostics is not { Count: > 0 } diagnostics)
        {
            return null;
        }

        var ordered = diagnostics
            .OrderByDescending(d => d.Message.StartsWith(JudgeCallFailedPrefix, StringComparison.Ordinal))
            .ThenByDescending(d => d.Severity)
            .Select(d => d.Severity == EvaluationDiagnosticSeverity.Error || IsFailure(d)
                ? d.Message
                : $"{d.Severity.ToString().ToLowerInvariant()}: {d.Message}");
        return string.Join("\n", ordered);
    }

    private static bool IsFailure(EvaluationDiagnostic diagnostic) =>
        diagnostic.Message.StartsWith(JudgeCallFailedPrefix, StringComparison.Ordinal);
}
