using Assay.Core.Judges;
using Assay.Core.Statistics;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Collects a judge's verdicts on labelled pairs (case results carrying a <see cref="CaseResult.Gold"/> label) and
/// computes agreement with the gold labels and Cohen's kappa, overall and per subset (the case's category).
/// </summary>
public sealed class JudgeEvalAccumulator
{
    private readonly List<(string Subset, PairPreference Gold, PairPreference? Verdict)> items = [];

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Gold is { } gold && Enum.TryParse<PairPreference>(gold, ignoreCase: true, out var label))
        {
            items.Add((result.Category ?? "uncategorised", label, result.Status == CaseStatus.Error ? null : GoldAgreement.Verdict(result.Scores)));
        }
    }

    public JudgeAgreementResult? Build()
    {
        if (items.Count == 0)
        {
            return null;
        }

        var subsets = items.GroupBy(i => i.Subset, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Summarize(g.Key, [.. g])).ToList();
        return new JudgeAgreementResult(Summarize(JudgeAgreement.OverallName, items), subsets);
    }

    private static SubsetAgreement Summarize(string subset, IReadOnlyList<(string Subset, PairPreference Gold, PairPreference? Verdict)> group)
    {
        var scored = group.Where(i => i.Verdict is not null).ToList();
        if (scored.Count == 0)
        {
            return new SubsetAgreement(subset, group.Count, 0, group.Count, null, null);
        }

        var gold = scored.Select(i => i.Gold).ToList();
        var verdicts = scored.Select(i => i.Verdict!.Value).ToList();
        return new SubsetAgreement(subset, group.Count, scored.Count, group.Count - scored.Count, Agreement.Observed(verdicts, gold), Agreement.CohenKappa(verdicts, gold));
    }
}
