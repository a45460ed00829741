using Assay.Core.Statistics;

namespace Assay.Core.JudgeEval;

/// <summary>Agreement among several annotators who each labelled every item (PandaLM: three).</summary>
public static class InterAnnotatorAgreement
{
    /// <param name="labels">Per item, each annotator's label in annotator order; every item has the same count (≥ 2).</param>
    public static InterAnnotatorResult Compute(IReadOnlyList<IReadOnlyList<PairPreference>> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0)
        {
            throw new ArgumentException("At least one item is required.", nameof(labels));
        }

        var raters = labels[0].Count;
        if (raters < 2 || labels.Any(item => item.Count != raters))
        {
            throw new ArgumentException("Every item needs the same number (at least two) of labels.", nameof(labels));
        }

        var pairs = new List<AnnotatorPairAgreement>();
        for (var a = 0; a < raters; a++)
        {
            for (var b = a + 1; b < raters; b++)
            {
                PairPreference[] first = [.. labels.Select(item => item[a])];
                PairPreference[] second = [.. labels.Select(item => item[b])];
                pairs.Add(new AnnotatorPairAgreement(a, b, Agreement.Observed(first, second), Agreement.CohenKappa(first, second)));
            }
        }

        var categories = Enum.GetValues<PairPreference>();
        IReadOnlyList<int>[] counts = [.. labels.Select(item => (IReadOnlyList<int>)[.. categories.Select(c => item.Count(l => l == c))])];
        return new InterAnnotatorResult(
            labels.Count, raters, pairs.Average(p => p.Agreement), pairs.Average(p => p.CohenKappa), FleissKappa(counts), pairs);
    }

    /// <summary>
    /// Fleiss' κ from per-item category counts (each row sums to the same number of raters n ≥ 2):
    /// κ = (P̄ − P̄e) / (1 − P̄e), with P̄ the mean per-item agreement Σ n_ij(n_ij − 1) / (n(n − 1)) and P̄e = Σ p_j²
    /// over the overall category shares. When every rating falls in one category P̄e = 1 and κ is undefined: 1 is
    /// returned, as <see cref="Agreement.CohenKappa{T}"/> does.
    /// </summary>
    public static double FleissKappa(IReadOnlyList<IReadOnlyList<int>> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        if (counts.Count == 0)
        {
            throw new ArgumentException("At least one item is required.", nameof(counts));
        }

        var raters = counts[0].Sum();
        var categories = counts[0].Count;
        if (raters < 2 || counts.Any(row => row.Count != categories || row.Sum() != raters || row.Any(n => n < 0)))
        {
            throw new ArgumentException("Every row needs the same categories and the same number (at least two) of ratings.", nameof(counts));
        }

        var meanAgreement = counts.Average(row => row.Sum(n => (double)n * (n - 1)) / (raters * (raters - 1.0)));
        var total = (double)counts.Count * raters;
        var expected = Enumerable.Range(0, categories).Sum(j => Math.Pow(counts.Sum(row => row[j]) / total, 2));
        return expected >= 1.0 ? 1.0 : (meanAgreement - expected) / (1 - expected);
    }
}
