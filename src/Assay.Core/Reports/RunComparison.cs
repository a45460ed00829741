using Assay.Core.Judges.Catalogue;

namespace Assay.Core.Reports;

/// <summary>How a run compares with the previous run of the same benchmark and judge, target by target.</summary>
public sealed record RunComparison(string PreviousRunId, DateTimeOffset PreviousCreatedAt, IReadOnlyList<MetricChange> Changes)
{
    public IEnumerable<MetricChange> Regressions => Changes.Where(c => c.Regression);

    /// <summary>
    /// Compares every metric present, with values, in both runs for the same target, except the judge's raw verdicts
    /// (position verdicts, votes): those are not figures to read. A change is significant only when the two 95 %
    /// intervals do not overlap, the conservative reading a nightly alarm needs; its direction is the judge's
    /// declaration in the catalogue.
    /// </summary>
    public static RunComparison Compare(EvaluationReport previous, EvaluationReport current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var changes = new List<MetricChange>();
        var judge = JudgeCatalogue.ForRunJudge(current.Judge);
        foreach (var target in current.Targets)
        {
            var before = previous.Targets.FirstOrDefault(t => t.Name == target.Name);
            if (before is null)
            {
                continue;
            }

            foreach (var now in target.Metrics.Where(m => m.N > 0 && judge?.IsRaw(m.Name) != true))
            {
                var then = before.Metrics.FirstOrDefault(m => m.Name == now.Name && m.N > 0);
                if (then is null)
                {
                    continue;
                }

                var separated = now.CiHigh < then.CiLow || now.CiLow > then.CiHigh;
                var delta = now.Mean - then.Mean;
                var better = (judge?.Direction(now.Name) ?? MetricDirection.Neutral) switch
                {
                    MetricDirection.HigherIsBetter => delta > 0,
                    MetricDirection.LowerIsBetter => delta < 0,
                    _ => (bool?)null,
                };
                changes.Add(new MetricChange(target.Name, now.Name, then, now, delta, separated && better == false, separated && better == true));
            }
        }

        return new RunComparison(previous.RunId, previous.CreatedAt, changes);
    }
}
