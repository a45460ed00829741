using System.Runtime.CompilerServices;

namespace Assay.Core.Statistics;

/// <summary>Percentile bootstrap confidence intervals.</summary>
public static class Bootstrap
{
    public const int DefaultRounds = 2000;

    public const double DefaultLevel = 0.95;

    public const int DefaultSeed = 20240501;

    /// <summary>
    /// The sample mean and a percentile-bootstrap interval: <paramref name="rounds"/> resamples with replacement, the
    /// interval's ends are the type-7 quantiles (1 - level)/2 and (1 + level)/2 of the resampled means. The same
    /// values, in the same order, and seed give the same interval on any machine.
    /// </summary>
    /// <exception cref="ArgumentException">No values, or a NaN or infinite value.</exception>
    // Optimised at once: a run calls it a few times with millions of draws each, too few calls for tiering to reach
    // the optimised code (first-tier code took 85-98 ms per 2,000-case metric in a run's aggregation; now 6-16 ms).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static (double Mean, double Low, double High) MeanInterval(
        IReadOnlyList<double> values, int rounds = DefaultRounds, double level = DefaultLevel, int seed = DefaultSeed)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(rounds, 1);
        if (!(level > 0 && level < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(level), level, "Level must be within (0, 1).");
        }

        var data = values as double[] ?? values.ToArray();
        if (data.Length == 0)
        {
            throw new ArgumentException("At least one value is required.", nameof(values));
        }

        foreach (var value in data)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"Values must be finite; found {value}.", nameof(values));
            }
        }

        var mean = Descriptive.Mean(data);
        if (data.Length == 1)
        {
            return (mean, mean, mean);
        }

        // One buffer for all rounds; each round only draws indices and sums.
        var means = new double[rounds];
        var random = new SplitMix64(unchecked((ulong)seed));
        for (var round = 0; round < rounds; round++)
        {
            var sum = 0.0;
            for (var i = 0; i < data.Length; i++)
            {
                sum += data[random.NextBelow(data.Length)];
            }

            means[round] = sum / data.Length;
        }

        Array.Sort(means);
        var tail = (1 - level) / 2;
        return (mean, Descriptive.QuantileOfSorted(means, tail), Descriptive.QuantileOfSorted(means, 1 - tail));
    }
}
