using Assay.Core.Judges;
using Assay.Core.Statistics;

namespace Assay.Core.JudgeEval;

/// <summary>
/// Collects a judge's verdicts on labelled cases (case results carrying a <see cref="CaseResult.Gold"/> label: a pair
/// preference or a refusal label, see <see cref="GoldAgreement"/>) and computes agreement with the gold labels and
/// Cohen's kappa over the label's categories, overall and per subset (the case's category).
/// </summary>
public sealed class JudgeEvalAccumulator
{
    private readonly List<(string Subset, string Gold, string? Verdict)> items = [];

    public void Add(CaseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Gold is { } gold && GoldAgreement.Normalise(gold) is { } label)
        {
            items.Add((result.Category ?? "uncategorised", label, result.Status == CaseStatus.Error ? null : GoldAgreement.Verdict(label, result.Scores)));
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

    private static SubsetAgreement Summarize(string subset, List<(string Subset, string Gold, string? Verdict)> group)
    {
        var scored = group.Where(i => i.Verdict is not null).ToList();
        if (scored.Count == 0)
        {
            return new SubsetAgreement(subset, group.Count, 0, group.Count, null, null);
        }

        var gold = scored.Select(i => i.Gold).ToList();
        var verdicts = scored.Select(i => i.Verdict!).ToList();
        return new SubsetAgreement(subset, group.Count, scored.Count, group.Count - scored.Count, Agreement.Observed(verdicts, gold), Agreement.CohenKappa(verdicts, gold));
    }
}
