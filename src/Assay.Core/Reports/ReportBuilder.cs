using Assay.Core.Judges;
using Assay.Core.Statistics;
using Assay.Core.Taxonomies;

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

    // Per target: breakdown key -> value -> counts and metric values, like categories.
    private readonly Dictionary<string, SortedDictionary<string, SortedDictionary<string, GroupAccumulator>>> breakdowns = new(StringComparer.Ordinal);
    private readonly UntaggedAccumulator untagged = new();
    private VariantAccumulator variants = new([]);
    private readonly ErrorCauseAccumulator errorCauses = new();

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
        errorCauses.Add(result);
        AddBreakdowns(result);
        variants.Add(result);
    }

    /// <summary>Compares each variant target with its base target in <see cref="EvaluationReport.Variants"/>; call before adding results.</summary>
    public void CompareVariants(IReadOnlyList<VariantPair> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        variants = new VariantAccumulator(pairs);
    }

    private void AddBreakdowns(CaseResult result)
    {
        untagged.Add(result);
        if (result.Groups is not { Count: > 0 } groups)
        {
            return;
        }

        if (!breakdowns.TryGetValue(result.Target, out var keys))
        {
            breakdowns.Add(result.Target, keys = new(StringComparer.Ordinal));
        }

        // A case counts once per distinct (key, value), even if a tag was listed twice.
        foreach (var (key, value) in groups.Select(g => (g.Key, g.Value)).Distinct())
        {
            if (!keys.TryGetValue(key, out var values))
            {
                keys.Add(key, values = new(StringComparer.Ordinal));
            }

            if (!values.TryGetValue(value, out var group))
            {
                values.Add(value, group = new GroupAccumulator());
            }

            group.Add(result);
        }
    }

    /// <summary>The report of everything added so far; may be called again after more results.</summary>
    public EvaluationReport Build() => new()
    {
        RunId = runId,
        Benchmark = benchmark,
        Judge = judge,
        CreatedAt = createdAt,
        Targets = targets.Select(t => BuildTarget(t.Name, t.Categories)).ToList(),
        Variants = variants.Build(bootstrapRounds, seed),
        ErrorCauses = errorCauses.Build(),
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
        var categoryReports = categories.Select(c => Group(c.Key, c.Value)).ToList();
        var breakdownReports = breakdowns.TryGetValue(name, out var keys)
            ? keys.Select(k => new BreakdownReport(k.Key, [
                .. k.Value.Select(v => Group(v.Key, v.Value)),
                .. untagged.For(name, k.Key) is { } none ? [Group(CaseGroups.Untagged, none)] : Array.Empty<CategoryReport>()])).ToList()
            : null;
        return new TargetReport(
            name,
            groups.Sum(g => g.Cases),
            groups.Sum(g => g.Scored),
            groups.Sum(g => g.Unscored),
            groups.Sum(g => g.Errors),
            metrics,
            categoryReports,
            breakdownReports);
    }

    private CategoryReport Group(string name, GroupAccumulator group) => new(
        name, group.Cases, group.Scored, group.Unscored, group.Errors,
        group.Metrics.Select(m => Summarise(m.Key, m.Value, group.RepeatVariances.GetValueOrDefault(m.Key) ?? [])).ToList());

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
