using Assay.Core.Judges;

namespace Assay.Core.Reports;

/// <summary>Counts and metric values of one (target, category): all <see cref="ReportBuilder"/> keeps of a case.</summary>
internal sealed class GroupAccumulator
{
    public int Cases { get; private set; }

    public int Scored { get; private set; }

    public int Unscored { get; private set; }

    public int Errors { get; private set; }

    /// <summary>Values by metric name; a name seen only without values has an empty list.</summary>
    public SortedDictionary<string, List<double>> Metrics { get; } = new(StringComparer.Ordinal);

    /// <summary>Within-case variances between samples, by metric, for cases sampled more than once.</summary>
    public Dictionary<string, List<double>> RepeatVariances { get; } = new(StringComparer.Ordinal);

    public void Add(CaseResult result)
    {
        Cases++;
        switch (result.Status)
        {
            case CaseStatus.Scored:
                Scored++;
                break;
            case CaseStatus.Unscored:
                Unscored++;
                break;
            case CaseStatus.Error:
                Errors++;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(result), result.Status, "Unknown case status.");
        }

        foreach (var score in result.Scores)
        {
            if (!Metrics.TryGetValue(score.Name, out var values))
            {
                values = [];
                Metrics.Add(score.Name, values);
            }

            if (score.Value is { } value)
            {
                values.Add(value);
            }

            if (score.RepeatVariance is { } variance)
            {
                if (!RepeatVariances.TryGetValue(score.Name, out var variances))
                {
                    variances = [];
                    RepeatVariances.Add(score.Name, variances);
                }

                variances.Add(variance);
            }
        }
    }
}
