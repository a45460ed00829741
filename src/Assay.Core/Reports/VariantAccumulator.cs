using Assay.Core.Judges;
using Assay.Core.Statistics;

namespace Assay.Core.Reports;

/// <summary>
/// Keeps, for the targets of variant pairs only, each case's metric values, so variant and base can be paired by case.
/// One double per (target, metric, case): the report's only per-case state, and only when variants were asked for.
/// </summary>
internal sealed class VariantAccumulator(IReadOnlyList<VariantPair> pairs)
{
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, double>>> values = pairs
        .SelectMany(p => new[] { p.Target, p.Base }).Distinct(StringComparer.Ordinal)
        .ToDictionary(t => t, _ => new Dictionary<string, Dictionary<string, double>>(StringComparer.Ordinal), StringComparer.Ordinal);

    public void Add(CaseResult result)
    {
        if (!values.TryGetValue(result.Target, out var metrics))
        {
            return;
        }

        foreach (var score in result.Scores)
        {
            if (score.Value is { } value)
            {
                if (!metrics.TryGetValue(score.Name, out var cases))
                {
                    metrics.Add(score.Name, cases = new Dictionary<string, double>(StringComparer.Ordinal));
                }

                cases[result.CaseId] = value;
            }
        }
    }

    public IReadOnlyList<VariantComparison>? Build(int rounds, int seed)
    {
        if (pairs.Count == 0)
        {
            return null;
        }

        return pairs.Select(pair =>
        {
            var target = values[pair.Target];
            var baseline = values[pair.Base];
            var metrics = target.Keys.Intersect(baseline.Keys).Order(StringComparer.Ordinal)
                .Select(metric => Compare(metric, target[metric], baseline[metric], rounds, seed))
                .OfType<PairedDifference>()
                .ToList();
            return new VariantComparison(pair.Target, pair.Base, pair.Strategy, pair.Mutation, metrics);
        }).ToList();
    }

    // Cases in ordinal id order, so the interval depends on the values only, not on the order results arrived in.
    private static PairedDifference? Compare(string metric, Dictionary<string, double> target, Dictionary<string, double> baseline, int rounds, int seed)
    {
        var ids = target.Keys.Where(baseline.ContainsKey).Order(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            return null;
        }

        var differences = ids.Select(id => target[id] - baseline[id]).ToArray();
        var (mean, low, high) = Bootstrap.MeanInterval(differences, rounds, Bootstrap.DefaultLevel, seed);
        return new PairedDifference(metric, ids.Count, ids.Average(id => target[id]), ids.Average(id => baseline[id]), mean, low, high);
    }
}
