using System.Globalization;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Scoring;

/// <summary>
/// The common shape of the reference-based evaluators: find the references, score the response against each, keep
/// the best, and turn a missing context or missing references into a diagnostic on a metric without a value.
/// </summary>
internal static class ReferenceScoring
{
    public const string BestReferenceMetadataKey = "scoring.best-reference";

    public static EvaluationResult Evaluate(
        ChatResponse modelResponse,
        IEnumerable<EvaluationContext>? additionalContext,
        IReadOnlyList<string> metricNames,
        Func<string, string, IReadOnlyList<double?>> score)
    {
        ArgumentNullException.ThrowIfNull(modelResponse);
        var metrics = metricNames.Select(name => new NumericMetric(name)).ToArray();
        var result = new EvaluationResult(metrics);
        var references = additionalContext?.OfType<ReferenceAnswersContext>().FirstOrDefault()?.References;
        if (references is not { Count: > 0 })
        {
            var problem = references is null
                ? $"{nameof(ReferenceAnswersContext)} is required: the case has no reference answers"
                : "the case has no reference answers";
            Array.ForEach(metrics, m => m.AddDiagnostics(EvaluationDiagnostic.Error(problem)));
            return result;
        }

        var perReference = references.Select(reference => score(modelResponse.Text, reference)).ToList();
        for (var m = 0; m < metrics.Length; m++)
        {
            var (best, bestIndex) = perReference
                .Select((values, index) => (Value: values[m], Index: index))
                .Where(s => s.Value is not null)
                .OrderByDescending(s => s.Value)
                .ThenBy(s => s.Index)
                .FirstOrDefault();
            metrics[m].Value = best;
            if (best is null)
            {
                metrics[m].AddDiagnostics(EvaluationDiagnostic.Error("no reference answer could be scored"));
            }
            else
            {
                metrics[m].AddOrUpdateMetadata(BestReferenceMetadataKey, bestIndex.ToString(CultureInfo.InvariantCulture));
            }
        }

        return result;
    }
}
