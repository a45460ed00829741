using Assay.Core.Benchmarks;
using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Reads a pairwise judge's verdict on a labelled pair (candidate = output A, baseline = output B) and scores it
/// against the gold label: metric <c>agreement</c>, 1 when they match. An order-dependent verdict is a tie, as under
/// FastChat's swap rule, and so disagrees with a gold preference.
/// </summary>
public static class GoldAgreement
{
    public const string MetricName = "agreement";

    /// <summary>The judge's preference from its <c>win</c> metric, or null when it gave none.</summary>
    public static PairPreference? Verdict(IReadOnlyList<MetricScore> scores) =>
        scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Win)?.Value switch
        {
            1 => PairPreference.A,
            0 => PairPreference.B,
            0.5 => PairPreference.Tie,
            _ => null,
        };

    public static PairPreference? GoldOf(EvalCase evalCase) =>
        evalCase.Metadata.TryGetValue(LabelledPairFormat.Gold, out var gold) && Enum.TryParse<PairPreference>(gold, ignoreCase: true, out var parsed)
            ? parsed
            : null;

    /// <summary>The agreement metric for a case that carries a gold label, or null for any other case.</summary>
    public static MetricScore? Score(EvalCase evalCase, IReadOnlyList<MetricScore> scores)
    {
        if (GoldOf(evalCase) is not { } gold)
        {
            return null;
        }

        return Verdict(scores) is { } verdict
            ? new MetricScore(MetricName, verdict == gold ? 1 : 0)
            : new MetricScore(MetricName, null, "the judge gave no verdict to compare with the gold label");
    }
}
