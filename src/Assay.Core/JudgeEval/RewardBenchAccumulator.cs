using Assay.Core.Judges;
using Assay.Core.Judges.Pairwise;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Collects a pairwise judge's (or reward model's) verdicts on RewardBench pairs — case results whose category is a
/// RewardBench subset, gold <c>a</c> (the chosen completion as output A) — and builds the <see cref="RewardBenchResult"/>.
/// The verdict is the <c>win</c> metric: 1 chosen preferred, 0 rejected preferred, 0.5 a tie or an order-dependent verdict.
/// </summary>
public sealed class RewardBenchAccumulator
{
    private readonly Dictionary<string, (int Pairs, int Scored, double Sum)> subsets = new(StringComparer.Ordinal);

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Gold != "a" || result.Category is not { } subset || !RewardBenchSections.IsSubset(subset))
        {
            return;
        }

        var win = result.Status == CaseStatus.Error ? null : result.Scores.FirstOrDefault(s => s.Name == PairwiseMetrics.Win)?.Value;
        var (pairs, scored, sum) = subsets.GetValueOrDefault(subset);
        subsets[subset] = win is { } w ? (pairs + 1, scored + 1, sum + w) : (pairs + 1, scored, sum);
    }

    public RewardBenchResult? Build()
    {
        if (subsets.Count == 0)
        {
            return null;
        }

        var rows = subsets.OrderBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new RewardBenchSubset(s.Key, s.Value.Pairs, s.Value.Scored, s.Value.Scored == 0 ? null : s.Value.Sum / s.Value.Scored))
            .ToList();
        var sections = RewardBenchSections.Sections(rows.Where(r => r.Accuracy is not null).ToDictionary(r => r.Subset, r => r.Accuracy!.Value, StringComparer.Ordinal));
        return new RewardBenchResult(rows, sections, sections.Count == 0 ? null : sections.Values.Average());
    }
}
