namespace Assay.Core.Statistics;

/// <summary>
/// One observation of a logistic regression, with a sparse feature row: pairwise-comparison models have only two or
/// three non-zero features per row among hundreds of columns.
/// </summary>
/// <param name="Columns">Indices of the non-zero features.</param>
/// <param name="Values">Their values, aligned with <paramref name="Columns"/>.</param>
/// <param name="Target">Outcome in [0, 1]; 0.5 encodes a tie.</param>
/// <param name="Weight">Sample weight (Arena-Hard counts a strong verdict three times).</param>
public sealed record LogisticRow(int[] Columns, double[] Values, double Target, double Weight = 1.0)
{
    public double Dot(ReadOnlySpan<double> coefficients)
    {
        var sum = 0.0;
        for (var k = 0; k < Columns.Length; k++)
        {
            sum += coefficients[Columns[k]] * Values[k];
        }

        return sum;
    }
}
