using Assay.Core.Judges;
using Assay.Core.Statistics;

namespace Assay.Core.Reports;

/// <summary>
/// Aggregates streamed <see cref="CaseResult"/>s into an <see cref="EvaluationReport"/>. Keeps counts and one double
/// per metric value per (target, category), never the results themselves, so a run of any size fits in memory.
/// Each result must be added once.
/// </summary>
public sealed class ReportBuilder
{
    /// <summary>Category of cases that have none.</summary>
    public const string Uncategorised = "uncategorised";

    private readonly string runId;
    private readonly string benchmark;
    private readonly string judge;
    private readonly DateTimeOffset createdAt;
    private readonly int bootstrapRounds;
    private readonly int seed;

    // Targets keep the order in which they first appear; categories are sorted by name.
    private readonly List<(string Name, SortedDictionary<string, GroupAccumulator> Categories)> targets = [];
    private readonly Dictionary<string, int> targetIndex = new(StringComparer.Ordinal);

    public ReportBuilder(
        string runId,
        string benchmark,
        string judge,
        DateTimeOffset createdAt,
        int bootstrapRounds = Bootstrap.DefaultRounds,
        int seed = Bootstrap.DefaultSeed)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentException.ThrowIfNullOrEmpty(benchmark);
        ArgumentException.ThrowIfNullOrEmpty(judge);
        ArgumentOutOfRangeException.ThrowIfLessThan(bootstrapRounds, 1);
        this.runId = runId;
        this.benchmark = benchmark;
        this.judge = judge;
        this.createdAt = createdAt;
        this.bootstrapRounds = bootstrapRounds;
        this.seed = seed;
    }

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (!targetIndex.TryGetValue(result.Target, out var index))
        {
            index = targets.Count;
            targetIndex.Add(result.Target, index);
            targets.Add((result.Target, new SortedDictionary<string, GroupAccumulator>(StringComparer.Ordinal)));
        }

        var categories = targets[index].Categories;
        var category = string.IsNullOrEmpty(result.Category) ? Uncategorised : result.Category;
        if (!categories.TryGetValue(category, out var group))
        {
            group = new GroupAccumulator();
            categories.Add(category, group);
        }

        group.Add(result);
    }

    /// <summary>The report of everything added so far; may be called again after more results.</summary>
    public EvaluationReport Build() => new()
    {
        RunId = runId,
        Benchmark = benchmark,
        Judge = judge,
        CreatedAt = createdAt,
        Targets = targets.Select(t => BuildTarget(t.Name, t.Categories)).ToList(),
    };

    private TargetReport BuildTarget(string name, SortedDictionary<string, GroupAccumulator> categories)
    {
        var groups = categories.Values;
        var metricNames = groups.SelectMany(g => g.Metrics.Keys).Distinct().Order(StringComparer.Ordinal);
        var metrics = metricNames
            .Select(metric => Summarise(
                metric,
                groups.SelectMany(g => g.Metrics.GetValueOrDefault(metric) ?? []),
                groups.SelectMany(g => g.RepeatVariances.GetValueOrDefault(metric) ?? [])))
            .ToList();
        var categoryReports = categories
            .Select(c => new CategoryReport(
                c.Key, c.Value.Cases, c.Value.Scored, c.Value.Unscored, c.Value.Errors,
                c.Value.Metrics.Select(m => Summarise(m.Key, m.Value, c.Value.RepeatVariances.GetValueOrDefault(m.Key) ?? [])).ToList()))
            .ToList();
        return new TargetReport(
            name,
            groups.Sum(g => g.Cases),
            groups.Sum(g => g.Scored),
            groups.Sum(g => g.Unscored),
            groups.Sum(g => g.Errors),
            metrics,
            categoryReports);
    }

    /// <summary>
    /// Mean and bootstrap interval of the values. They are sorted first so that the interval depends only on the
    /// values, not on the order in which parallel workers delivered them. No value: N = 0 with zeros.
    /// </summary>
    private MetricSummary Summarise(string metric, IEnumerable<double> values, IEnumerable<double> repeatVariances)
    {
        var variances = repeatVariances.ToArray();
        double? repeatVariance = variances.Length == 0 ? null : variances.Average();
        var sorted = values.ToArray();
        if (sorted.Length == 0)
        {
            return new MetricSummary(metric, 0, 0, 0, 0, repeatVariance);
        }

        Array.Sort(sorted);
        var (mean, low, high) = Bootstrap.MeanInterval(sorted, bootstrapRounds, Bootstrap.DefaultLevel, seed);
        return new MetricSummary(metric, mean, low, high, sorted.Length, repeatVariance);
    }
}
