using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

public sealed class BootstrapTests
{
    [Fact]
    public void Same_seed_same_interval_other_seed_other_interval()
    {
        double[] values = [7, 8, 5, 9, 6, 7, 3, 10, 8, 6];

        var first = Bootstrap.MeanInterval(values, seed: 42);
        var again = Bootstrap.MeanInterval(values, seed: 42);
        var other = Bootstrap.MeanInterval(values, seed: 43);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.Equal(6.9, first.Mean, 12);
        Assert.InRange(first.Mean, first.Low, first.High);
    }

    [Fact]
    public void A_report_s_interval_does_not_change_between_versions()
    {
        // Computed before NextBelow moved from UInt128 to Math.BigMul: a report recomputed from stored results must agree.
        var values = Enumerable.Range(0, 2000).Select(i => (double)(i % 10)).Order().ToArray();

        Assert.Equal((4.5, 4.3725, 4.6230125), Bootstrap.MeanInterval(values));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(80)]
    [InlineData(2000)]
    [InlineData(int.MaxValue)]
    public void Draws_are_Lemire_s_multiply_and_reject(int bound)
    {
        var random = new SplitMix64(20240501);
        var reference = new SplitMix64(20240501);
        for (var draw = 0; draw < 10_000; draw++)
        {
            Assert.Equal(Lemire(ref reference, bound), random.NextBelow(bound));
        }
    }

    // The textbook form, with a 128-bit product.
    private static int Lemire(ref SplitMix64 random, int bound)
    {
        var range = (ulong)bound;
        var product = (UInt128)random.Next() * range;
        var threshold = (0UL - range) % range;
        while ((ulong)product < threshold)
        {
            product = (UInt128)random.Next() * range;
        }

        return (int)(product >> 64);
    }

    [Fact]
    public void Constant_data_gives_a_zero_width_interval()
    {
        var (mean, low, high) = Bootstrap.MeanInterval(Enumerable.Repeat(0.1, 37).ToArray());

        Assert.Equal(mean, low);
        Assert.Equal(mean, high);
    }

    [Fact]
    public void One_value_is_its_own_interval_and_none_is_an_error()
    {
        Assert.Equal((4.5, 4.5, 4.5), Bootstrap.MeanInterval([4.5]));
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval(Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => Bootstrap.MeanInterval([1, double.NaN]));
    }

    [Fact]
    public void Bernoulli_interval_covers_p_with_about_the_normal_width()
    {
        const double p = 0.3;
        const int n = 1000;
        var random = new Random(7);
        var draws = Enumerable.Range(0, n).Select(_ => random.NextDouble() < p ? 1.0 : 0.0).ToArray();

        var (mean, low, high) = Bootstrap.MeanInterval(draws);

        Assert.InRange(p, low, high);
        Assert.InRange(mean, low, high);
        var normalWidth = 2 * 1.96 * Math.Sqrt(p * (1 - p) / n);
        Assert.InRange(high - low, 0.8 * normalWidth, 1.2 * normalWidth);
    }

    [Fact]
    public void Narrower_level_gives_a_narrower_interval()
    {
        var values = Enumerable.Range(0, 200).Select(i => (double)(i % 10)).ToArray();

        var wide = Bootstrap.MeanInterval(values, level: 0.99);
        var narrow = Bootstrap.MeanInterval(values, level: 0.5);

        Assert.True(narrow.High - narrow.Low < wide.High - wide.Low);
    }
}
