namespace Assay.Core.Statistics;

/// <summary>Rank correlations between two paired samples, with ties handled as scipy.stats does.</summary>
public static class RankCorrelation
{
    /// <summary>Spearman's rho: Pearson's correlation of the average ranks (ties share their mean rank).</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Agreement.CheckPaired(x, y);
        return Pearson(Ranks(x), Ranks(y));
    }

    /// <summary>
    /// Kendall's tau-b: (concordant - discordant) / sqrt((n0 - n1)(n0 - n2)), where n1 and n2 count pairs tied in x and
    /// in y. O(n²), which is fine for rankings of models or judges.
    /// </summary>
    public static double KendallTauB(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        Agreement.CheckPaired(x, y);
        long concordant = 0, discordant = 0, tiedX = 0, tiedY = 0;
        for (var i = 0; i < x.Count; i++)
        {
            for (var j = i + 1; j < x.Count; j++)
            {
                var dx = Math.Sign(x[i] - x[j]);
                var dy = Math.Sign(y[i] - y[j]);
                if (dx == 0 && dy == 0)
                {
                    continue; // tied in both: in neither n0 - n1 nor n0 - n2
                }

                if (dx == 0)
                {
                    tiedX++;
                }
                else if (dy == 0)
                {
                    tiedY++;
                }
                else if (dx == dy)
                {
                    concordant++;
                }
                else
                {
                    discordant++;
                }
            }
        }

        var denominator = Math.Sqrt((double)(concordant + discordant + tiedX) * (concordant + discordant + tiedY));
        return denominator == 0 ? double.NaN : (concordant - discordant) / denominator;
    }

    /// <summary>1-based average ranks.</summary>
    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var order = Enumerable.Range(0, values.Count).OrderBy(i => values[i]).ToArray();
        var ranks = new double[values.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && values[order[end + 1]] == values[order[start]])
            {
                end++;
            }

            var rank = (start + end) / 2.0 + 1;
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (meanX, meanY) = (x.Average(), y.Average());
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Length; i++)
        {
            sxy += (x[i] - meanX) * (y[i] - meanY);
            sxx += (x[i] - meanX) * (x[i] - meanX);
            syy += (y[i] - meanY) * (y[i] - meanY);
        }

        return sxx == 0 || syy == 0 ? double.NaN : sxy / Math.Sqrt(sxx * syy);
    }
}
