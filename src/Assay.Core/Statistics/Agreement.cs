namespace Assay.Core.Statistics;

/// <summary>How well two labelings of the same items agree: raw agreement and Cohen's kappa.</summary>
public static class Agreement
{
    /// <summary>The share of items with the same label.</summary>
    public static double Observed<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : notnull
    {
        CheckPaired(a, b);
        var same = 0;
        for (var i = 0; i < a.Count; i++)
        {
            same += EqualityComparer<T>.Default.Equals(a[i], b[i]) ? 1 : 0;
        }

        return (double)same / a.Count;
    }

    /// <summary>
    /// Cohen's kappa, (p_o - p_e) / (1 - p_e), with p_e from each rater's own label frequencies. When both raters
    /// always give one and the same label, p_e = 1 and kappa is undefined: 1 is returned if they agree everywhere.
    /// </summary>
    public static double CohenKappa<T>(IReadOnlyList<T> a, IReadOnlyList<T> b)
        where T : notnull
    {
        var observed = Observed(a, b);
        var countsA = Count(a);
        var countsB = Count(b);
        var expected = 0.0;
        foreach (var (label, countA) in countsA)
        {
            expected += (double)countA / a.Count * (countsB.GetValueOrDefault(label) / (double)b.Count);
        }

        return expected >= 1.0 ? (observed >= 1.0 ? 1.0 : 0.0) : (observed - expected) / (1 - expected);
    }

    private static Dictionary<T, int> Count<T>(IReadOnlyList<T> labels)
        where T : notnull
    {
        var counts = new Dictionary<T, int>();
        foreach (var label in labels)
        {
            counts[label] = counts.GetValueOrDefault(label) + 1;
        }

        return counts;
    }

    internal static void CheckPaired<TA, TB>(IReadOnlyList<TA> a, IReadOnlyList<TB> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a.Count != b.Count)
        {
            throw new ArgumentException($"Paired samples differ in length: {a.Count} and {b.Count}.", nameof(b));
        }

        if (a.Count == 0)
        {
            throw new ArgumentException("At least one pair is required.", nameof(a));
        }
    }
}
