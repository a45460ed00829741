namespace Assay.Core.Judges;

/// <summary>
/// Folds the samples of one case (a run with <c>repeats</c> &gt; 1) into the one result the report counts, so that
/// every case counts once whatever the number of samples. Each metric is the mean over the samples that have a value,
/// with the variance between them; the status is the worst of the samples (error, then unscored), so a case with a
/// failed sample is never hidden behind its good ones.
/// </summary>
public static class RepeatCombiner
{
    public static CaseResult Combine(IReadOnlyList<CaseResult> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("a case has at least one sample", nameof(samples));
        }

        if (samples.Count == 1)
        {
            return samples[0];
        }

        var ordered = samples.OrderBy(s => s.Repeat).ToList();
        var failed = ordered.FirstOrDefault(s => s.Status == CaseStatus.Error);
        var status = failed is not null ? CaseStatus.Error
            : ordered.Any(s => s.Status == CaseStatus.Unscored) ? CaseStatus.Unscored
            : CaseStatus.Scored;
        var usable = ordered.Where(s => s.Status != CaseStatus.Error).ToList();
        var metricNames = usable.SelectMany(s => s.Scores.Select(m => m.Name)).Distinct(StringComparer.Ordinal).ToList();
        var scores = metricNames.Select(name => CombineMetric(name, usable.Select(s => s.Scores.FirstOrDefault(m => m.Name == name)))).ToList();
        var calls = ordered.SelectMany(s => s.Calls ?? []).ToList();
        return ordered[0] with
        {
            Status = status,
            Scores = scores,
            Error = failed is null ? null : $"repeat {failed.Repeat + 1} of {ordered.Count}: {failed.Error}",
            AnswerLength = (int)Math.Round(ordered.Average(s => s.AnswerLength)),
            Repeat = 0,
            Calls = calls.Count == 0 ? null : calls,
        };
    }

    private static MetricScore CombineMetric(string name, IEnumerable<MetricScore?> samples)
    {
        var present = samples.OfType<MetricScore>().ToList();
        var values = present.Where(s => s.Value is not null).Select(s => s.Value!.Value).ToList();
        var diagnostic = present.Select(s => s.Diagnostic).FirstOrDefault(d => d is not null);
        var raw = present.Select(s => s.Raw).FirstOrDefault(r => r is not null);
        // A categorical label has no mean: keep the most frequent one (ties: the earliest sample's).
        var label = present.Where(s => s.Label is not null).GroupBy(s => s.Label, StringComparer.Ordinal).OrderByDescending(g => g.Count()).FirstOrDefault()?.Key;
        if (values.Count == 0)
        {
            return new MetricScore(name, null, diagnostic ?? "no sample has a value", raw, Label: label);
        }

        var mean = values.Average();
        // Population variance of the samples: how much the model's answers disagree with each other on this case.
        double? variance = values.Count < 2 ? null : values.Sum(v => (v - mean) * (v - mean)) / values.Count;
        return new MetricScore(name, mean, diagnostic, raw, variance, label);
    }
}
