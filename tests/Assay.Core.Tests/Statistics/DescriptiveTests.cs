using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

public sealed class DescriptiveTests
{
    private static readonly double[] Values = [3, 1, 4, 1, 5, 9, 2, 6];

    [Fact]
    public void Mean_and_variance()
    {
        Assert.Equal(3.875, Descriptive.Mean(Values), 12);
        Assert.Equal(7.553571428571429, Descriptive.Variance(Values), 12);
        Assert.Equal(6.609375, Descriptive.Variance(Values, ddof: 0), 12);
    }

    // Type 7 = numpy.quantile's default "linear" = Python statistics.quantiles(method="inclusive"), which gave these.
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(0.25, 1.75)]
    [InlineData(0.5, 3.5)]
    [InlineData(0.9, 6.9)]
    [InlineData(1.0, 9.0)]
    public void Quantile_is_type_7(double p, double expected)
    {
        Assert.Equal(expected, Descriptive.Quantile(Values, p), 12);
    }

    [Fact]
    public void Empty_input_and_bad_probabilities_throw()
    {
        Assert.Throws<ArgumentException>(() => Descriptive.Mean(Array.Empty<double>()));
        Assert.Throws<ArgumentException>(() => Descriptive.Variance([1.0]));
        Assert.Throws<ArgumentOutOfRangeException>(() => Descriptive.Quantile(Values, 1.5));
    }
}
