using System.Text;
using Assay.Core.Judges.Ensembles;
using Assay.Core.Reports;

namespace Assay.Core.Judges.Catalogue;

/// <summary>
/// The one list of judges (<see cref="All"/>, declared in <c>JudgeCatalogue.Entries.cs</c>) and the questions every
/// other part of Assay asks of it: is this name a judge, does it call a model, does it need a baseline, which metric
/// is it read by, in which direction, and how is its canary judged.
/// </summary>
public static partial class JudgeCatalogue
{
    public const string FaithfulSuffix = "-faithful";

    /// <summary>Every judge syntax, for messages: <c>mt-bench[-faithful]:ENDPOINT, …</c>.</summary>
    public static string Known => string.Join(", ", All.Select(d => d.Syntax));

    /// <summary>The pairwise judges' syntax, for messages.</summary>
    public static string KnownPairwise => string.Join(", ", All.Where(d => d.Family == JudgeFamily.Pairwise).Select(d => d.Syntax));

    /// <summary>The judges of one answer (what an ensemble may combine), for messages.</summary>
    public static string KnownCaseJudges => string.Join(", ", All.Where(d => d.Family is JudgeFamily.NoLlm or JudgeFamily.LlmCase).Select(d => d.Syntax));

    /// <summary>The entry for a bare name (<c>mt-bench</c>), or null.</summary>
    public static JudgeDescriptor? Get(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>Reads a judge name (no endpoint): <c>safety-label.llama-guard-2-faithful</c>, <c>rubric.helpful</c>.</summary>
    /// <returns>Null and a problem that lists the known judges when the name is not a judge.</returns>
    public static ResolvedJudge? TryResolve(string name, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(name);
        problem = null;
        if (name.EndsWith(FaithfulSuffix, StringComparison.Ordinal) && Match(name[..^FaithfulSuffix.Length], faithful: true, ref problem) is { } faithful)
        {
            return faithful;
        }

        if (Match(name, faithful: false, ref problem) is { } judge)
        {
            return judge;
        }

        problem ??= $"Unknown judge '{name}'. Known judges: {Known}.";
        return null;
    }

    /// <exception cref="ArgumentException">Not a judge; the message lists the known ones.</exception>
    public static ResolvedJudge Resolve(string name) =>
        TryResolve(name, out var problem) ?? throw new ArgumentException(problem, nameof(name));

    public static bool IsPairwise(string name) => TryResolve(name, out _)?.Descriptor.Family == JudgeFamily.Pairwise;

    /// <summary>True when the named judge calls a model (a chat or score endpoint). Unknown names do not.</summary>
    public static bool CallsModel(string name) => TryResolve(name, out _)?.Descriptor.CallsModel == true;

    /// <summary>A case judge by name (not pairwise, not an ensemble, not a rubric: those need the host).</summary>
    /// <exception cref="ArgumentException">Unknown name.</exception>
    public static ICaseJudge CreateCaseJudge(string name) => Resolve(name).CreateCase();

    /// <summary>The entry of a run's judge as report.json writes it: <c>mt-bench:E</c>, <c>ensemble:majority(…)</c>.</summary>
    public static JudgeDescriptor? ForRunJudge(string judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        return judge.StartsWith(EnsembleJudge.JudgeName + ":", StringComparison.Ordinal)
            ? Get(EnsembleJudge.JudgeName)
            : TryResolve(judge.Split(':', 2)[0], out _)?.Descriptor;
    }

    /// <summary>
    /// The metric a run's judge is read by. A judge whose primary metric is its own (<c>*</c>, a rubric) is read by the
    /// one metric the run has, when it has exactly one.
    /// </summary>
    public static string? PrimaryMetric(string judge, IEnumerable<string> metrics)
    {
        var primary = ForRunJudge(judge)?.PrimaryMetric;
        if (primary != "*")
        {
            return primary;
        }

        var seen = metrics.Distinct(StringComparer.Ordinal).Take(2).ToList();
        return seen.Count == 1 ? seen[0] : null;
    }

    /// <summary>The metrics of a report to chart and compare, the primary one first; raw verdicts are left out.</summary>
    public static IReadOnlyList<string> ChartedMetrics(string judge, IEnumerable<string> metrics)
    {
        var all = metrics.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var descriptor = ForRunJudge(judge);
        var primary = PrimaryMetric(judge, all);
        return all.Where(m => descriptor?.IsRaw(m) != true)
            .OrderBy(m => m == primary ? 0 : 1)
            .ToList();
    }

    /// <summary>The direction of a metric of a run's judge; neutral when the judge or metric is not declared.</summary>
    public static MetricDirection Direction(string judge, string metric) =>
        ForRunJudge(judge)?.Direction(metric) ?? MetricDirection.Neutral;

    /// <summary>The <c>--judge</c> help: every judge's syntax, grouped by family.</summary>
    public static string HelpText()
    {
        var text = new StringBuilder("Judge (default: the benchmark's own). ");
        foreach (var family in Enum.GetValues<JudgeFamily>())
        {
            text.Append(FamilyTitle(family)).Append(": ").Append(string.Join(", ", All.Where(d => d.Family == family).Select(d => d.Syntax))).Append(". ");
        }

        return text.Append("ENDPOINT is an endpoint named in configuration.").ToString();
    }

    /// <summary>The README's judge table, one row per catalogue entry.</summary>
    public static string MarkdownTable()
    {
        var md = new StringBuilder("| judge | kind | needs | metrics (primary first; ↑ higher is better, ↓ lower, · neither) | null canary | what it does |\n|---|---|---|---|---|---|\n");
        foreach (var d in All)
        {
            var needs = string.Join(", ", new[] { d.NeedsEndpoint ? "endpoint" : null, d.NeedsBaseline ? "`--baseline` or `--arena`" : null }.OfType<string>());
            var metrics = d.Metrics.Where(m => m.Role == MetricRole.Score).OrderBy(m => m.Name == d.PrimaryMetric ? 0 : 1)
                .Select(m => $"{CanaryRule.Shown(m.Name)} {Arrow(m.Direction)}");
            var raw = d.Metrics.Where(m => m.Role == MetricRole.Raw).Select(m => CanaryRule.Shown(m.Name)).ToList();
            md.Append($"| `{d.Syntax}` | {FamilyTitle(d.Family)} | {(needs.Length == 0 ? "—" : needs)} | {string.Join(", ", metrics)}{(raw.Count > 0 ? "; raw, not charted: " + string.Join(", ", raw) : string.Empty)} | {d.Canary.Describe()} | {d.Help} |\n");
        }

        return md.ToString();
    }

    private static ResolvedJudge? Match(string name, bool faithful, ref string? problem)
    {
        if (Get(name) is { } exact && exact.Family != JudgeFamily.Ensemble && exact.Parameter is not { Required: true })
        {
            return Variant(exact, name, null, faithful, ref problem);
        }

        var dot = name.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || dot == name.Length - 1 || Get(name[..dot]) is not { Parameter: { } parameter } descriptor)
        {
            return null;
        }

        var value = name[(dot + 1)..];
        if (parameter.Check?.Invoke(value) is { } bad)
        {
            problem = $"judge '{name}': {bad}";
            return null;
        }

        return Variant(descriptor, name, value, faithful, ref problem);
    }

    private static ResolvedJudge? Variant(JudgeDescriptor descriptor, string name, string? parameter, bool faithful, ref string? problem)
    {
        if (faithful && !descriptor.HasFaithfulVariant)
        {
            problem = $"judge '{descriptor.Name}' has no {FaithfulSuffix} variant";
            return null;
        }

        return new ResolvedJudge(descriptor, faithful ? name + FaithfulSuffix : name, parameter, faithful);
    }

    private static string FamilyTitle(JudgeFamily family) => family switch
    {
        JudgeFamily.NoLlm => "without an LLM",
        JudgeFamily.LlmCase => "model judges of one answer",
        JudgeFamily.Pairwise => "pairwise",
        _ => "ensembles",
    };

    private static string Arrow(MetricDirection direction) => direction switch
    {
        MetricDirection.HigherIsBetter => "↑",
        MetricDirection.LowerIsBetter => "↓",
        _ => "·",
    };
}
