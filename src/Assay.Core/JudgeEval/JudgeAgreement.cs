using Assay.Core.Statistics;

namespace Assay.Core.JudgeEval;

/// <summary>
/// How well a pairwise judge agrees with a labelled set: raw agreement and Cohen's κ against the gold preference
/// (A/B/tie as three categories, so a judge's tie on a tie-free set is a disagreement), overall and per subset.
/// </summary>
public static class JudgeAgreement
{
    public const string OverallName = "all";

    /// <param name="pairs">The labelled pairs.</param>
    /// <param name="verdicts">The judge's verdict per pair, in the same order; null when it could not be parsed.</param>
    /// <param name="subsetOf">How pairs are grouped; by default <see cref="LabelledPair.Subset"/>.</param>
    public static JudgeAgreementResult Compute(
        IReadOnlyList<LabelledPair> pairs,
        IReadOnlyList<PairPreference?> verdicts,
        Func<LabelledPair, string>? subsetOf = null)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        ArgumentNullException.ThrowIfNull(verdicts);
        if (pairs.Count != verdicts.Count)
        {
            throw new ArgumentException($"{pairs.Count} pairs but {verdicts.Count} verdicts.", nameof(verdicts));
        }

        subsetOf ??= p => p.Subset;
        var items = pairs.Select((pair, i) => (Subset: subsetOf(pair), pair.Gold, Verdict: verdicts[i])).ToList();
        var overall = Summarize(OverallName, items);
        var subsets = items
            .GroupBy(item => item.Subset, StringComparer.Ordinal)
            .Select(group => Summarize(group.Key, [.. group]))
            .ToList();
        return new JudgeAgreementResult(overall, subsets);
    }

    /// <summary>
    /// Position consistency: the share of pairs, among those with a verdict in both orders, where the verdict with
    /// the outputs swapped names the same output (A↔B mapped back; a tie must stay a tie). Null when none has both.
    /// </summary>
    public static double? PositionConsistency(IReadOnlyList<PairPreference?> original, IReadOnlyList<PairPreference?> swapped)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(swapped);
        if (original.Count != swapped.Count)
        {
            throw new ArgumentException($"{original.Count} verdicts but {swapped.Count} swapped verdicts.", nameof(swapped));
        }

        var both = original.Zip(swapped).Where(p => p.First is not null && p.Second is not null).ToList();
        return both.Count == 0 ? null : (double)both.Count(p => p.First == SwapBack(p.Second!.Value)) / both.Count;
    }

    /// <summary>A verdict given with the outputs swapped, expressed in the original order.</summary>
    public static PairPreference SwapBack(PairPreference verdict) => verdict switch
    {
        PairPreference.A => PairPreference.B,
        PairPreference.B => PairPreference.A,
        _ => PairPreference.Tie,
    };

    private static SubsetAgreement Summarize(string name, List<(string Subset, PairPreference Gold, PairPreference? Verdict)> items)
    {
        var scored = items.Where(i => i.Verdict is not null).ToList();
        if (scored.Count == 0)
        {
            return new SubsetAgreement(name, items.Count, 0, items.Count, null, null);
        }

        PairPreference[] gold = [.. scored.Select(i => i.Gold)];
        PairPreference[] judged = [.. scored.Select(i => i.Verdict!.Value)];
        return new SubsetAgreement(
            name, items.Count, scored.Count, items.Count - scored.Count,
            Agreement.Observed(judged, gold), Agreement.CohenKappa(judged, gold));
    }
}
