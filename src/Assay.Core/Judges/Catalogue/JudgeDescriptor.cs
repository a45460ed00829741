using Assay.Core.Judges.Pairwise;
using Assay.Core.Reports;

namespace Assay.Core.Judges.Catalogue;

/// <summary>
/// Everything Assay knows about one judge, declared once in <see cref="JudgeCatalogue"/>: how it is named, what it
/// needs, what it writes and how its figures are read, and how it is built.
/// </summary>
public sealed record JudgeDescriptor
{
    /// <summary>The name on the command line and in run specs, without parameter or suffix: <c>mt-bench</c>.</summary>
    public required string Name { get; init; }

    public required JudgeFamily Family { get; init; }

    public JudgeEndpoint Endpoint { get; init; } = JudgeEndpoint.None;

    /// <summary>The <c>.PARAMETER</c> part of the name, if the judge has one.</summary>
    public JudgeParameter? Parameter { get; init; }

    /// <summary>True when a <c>NAME-faithful</c> variant inserts answers verbatim, as the published harness does.</summary>
    public bool HasFaithfulVariant { get; init; }

    /// <summary>Every metric the judge writes, with its direction and role.</summary>
    public required IReadOnlyList<JudgeMetric> Metrics { get; init; }

    /// <summary>The metric the judge is mainly read by: ranked first in charts, correlated with length. <c>*</c>: the judge's own single metric.</summary>
    public required string PrimaryMetric { get; init; }

    public required CanaryRule Canary { get; init; }

    /// <summary>One line for <c>--help</c> and the README's judge table.</summary>
    public required string Help { get; init; }

    /// <summary>Builds a judge of one answer (every family but <see cref="JudgeFamily.Pairwise"/>).</summary>
    public Func<JudgeBuild, ICaseJudge>? CreateCase { get; init; }

    /// <summary>Builds a pairwise judge (only <see cref="JudgeFamily.Pairwise"/>).</summary>
    public Func<JudgeBuild, IPairwiseCaseJudge>? CreatePairwise { get; init; }

    public bool NeedsEndpoint => Endpoint != JudgeEndpoint.None;

    public bool NeedsBaseline => Family == JudgeFamily.Pairwise;

    /// <summary>True for judges that call a model themselves (an ensemble calls models only through its members).</summary>
    public bool CallsModel => NeedsEndpoint;

    public string? FaithfulVariant => HasFaithfulVariant ? Name + JudgeCatalogue.FaithfulSuffix : null;

    /// <summary>How it is written: <c>safety-label[.TAXONOMY][-faithful]:ENDPOINT</c>.</summary>
    public string Syntax => Family == JudgeFamily.Ensemble
        ? $"{Name}:majority(J1,J2,…) or {Name}:hedge(J1,J2,…)"
        : Name
          + (Parameter is { } p ? (p.Required ? $".{p.Placeholder}" : $"[.{p.Placeholder}]") : string.Empty)
          + (HasFaithfulVariant ? $"[{JudgeCatalogue.FaithfulSuffix}]" : string.Empty)
          + Endpoint switch { JudgeEndpoint.Chat => ":ENDPOINT", JudgeEndpoint.Score => ":SCOREENDPOINT", _ => string.Empty };

    /// <summary>The declared metric (or pattern) for <paramref name="metric"/>; undeclared metrics are neutral scores.</summary>
    public JudgeMetric Metric(string metric) =>
        Metrics.FirstOrDefault(m => !m.IsPattern && m.Matches(metric))
        ?? Metrics.FirstOrDefault(m => m.IsPattern && m.Matches(metric))
        ?? JudgeMetric.Neutral(metric);

    public MetricDirection Direction(string metric) => Metric(metric).Direction;

    public bool IsRaw(string metric) => Metric(metric).Role == MetricRole.Raw;
}
