namespace Assay.Core.Statistics;

/// <summary>Descriptive statistics on spans, so callers can pass arrays or slices without copying.</summary>
public static class Descriptive
{
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Mean(ReadOnlySpan<double> values)
    {
        RequireValues(values.Length, nameof(values));
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        return sum / values.Length;
    }

    public static double Mean(IReadOnlyList<double> values) => Mean(AsSpan(values));

    /// <summary>
    /// Variance with <paramref name="ddof"/> delta degrees of freedom, as numpy's <c>var</c>; the default 1 is the
    /// unbiased sample variance (numpy's default is 0). Two-pass, so large means do not cancel the digits.
    /// </summary>
    public static double Variance(ReadOnlySpan<double> values, int ddof = 1)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ddof);
        if (values.Length <= ddof)
        {
            throw new ArgumentException($"Variance with ddof={ddof} needs more than {ddof} values.", nameof(values));
        }

        var mean = Mean(values);
        var sum = 0.0;
        foreach (var value in values)
        {
            var d = value - mean;
            sum += d * d;
        }

        return sum / (values.Length - ddof);
    }

    public static double Variance(IReadOnlyList<double> values, int ddof = 1) => Variance(AsSpan(values), ddof);

    /// <summary>Quantile by linear interpolation (Hyndman-Fan type 7, numpy's default); copies and sorts.</summary>
    public static double Quantile(IReadOnlyList<double> values, double p)
    {
        ArgumentNullException.ThrowIfNull(values);
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return QuantileOfSorted(sorted, p);
    }

    /// <summary>Type-7 quantile of values already sorted ascending: h = (n - 1)p, interpolated between neighbours.</summary>
    public static double QuantileOfSorted(ReadOnlySpan<double> sorted, double p)
    {
        RequireValues(sorted.Length, nameof(sorted));
        if (double.IsNaN(p) || p < 0 || p > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "Probability must be within [0, 1].");
        }

        var h = (sorted.Length - 1) * p;
        var lower = (int)Math.Floor(h);
        if (lower >= sorted.Length - 1)
        {
            return sorted[^1];
        }

        var fraction = h - lower;
        return sorted[lower] + (fraction * (sorted[lower + 1] - sorted[lower]));
    }

    private static ReadOnlySpan<double> AsSpan(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values switch
        {
            double[] array => array,
            List<double> list => System.Runtime.InteropServices.CollectionsMarshal.AsSpan(list),
            _ => values.ToArray(),
        };
    }

    private static void RequireValues(int count, string paramName)
    {
        if (count == 0)
        {
            throw new ArgumentException("At least one value is required.", paramName);
        }
    }
}
