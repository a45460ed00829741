using Assay.Core.Judges.Pairwise;

namespace Assay.Core.Tests.Statistics;

/// <summary>
/// A from-scratch reimplementation, for tests only, of Arena-Hard-Auto v0.1's leaderboard statistics (its
/// <c>show_result.py</c>): battles with <c>model_a</c> the baseline and <c>model_b</c> the candidate, a strong verdict
/// repeated 3 times; <c>compute_mle_elo</c> duplicates the rows, codes a win of A as 1 in both copies and a tie as 1 in
/// the first copy only, fits a logistic regression without intercept on ±ln 10, and shifts so the baseline is 1000;
/// the bootstrap resamples rows with replacement and reads the 2.5 and 97.5 percentiles (linear) of each rating.
/// It shares no code with Assay's fit: its own Newton solver (the baseline column held at 0, which the anchor shift
/// makes equivalent) and its own generator.
/// </summary>
internal static class ArenaHardReference
{
    public sealed record Row(string ModelA, string ModelB, string Winner, int Unit);

    public static List<Row> Rows(IEnumerable<(string Model, PairwiseOutcome Outcome)> judgments)
    {
        var rows = new List<Row>();
        var unit = 0;
        foreach (var (model, outcome) in judgments)
        {
            foreach (var game in new[] { outcome.Game1, outcome.Game2 })
            {
                if (game is not { } v)
                {
                    continue;
                }

                var winner = v > 0 ? "model_b" : v < 0 ? "model_a" : "tie";
                for (var copy = 0; copy < (Math.Abs(v) == 2 ? 3 : 1); copy++)
                {
                    rows.Add(new Row("gpt-4-0314", model, winner, unit));
                }

                unit++;
            }
        }

        return rows;
    }

    /// <summary>Point ratings and 95 % percentile bounds on the Elo scale.</summary>
    /// <param name="resampleVerdictsAsUnits">Draw a verdict's rows together (the procedure Arena-Hard does not use).</param>
    public static Dictionary<string, (double Rating, double Low, double High)> Leaderboard(
        List<Row> rows, string baseline, int rounds, int seed, bool resampleVerdictsAsUnits = false)
    {
        var point = ComputeMleElo(rows, baseline);
        var random = new Random(seed);
        var units = rows.GroupBy(r => r.Unit).Select(g => g.ToList()).ToList();
        var samples = point.Keys.ToDictionary(m => m, _ => new List<double>());
        for (var round = 0; round < rounds; round++)
        {
            var sample = resampleVerdictsAsUnits
                ? Enumerable.Range(0, units.Count).SelectMany(_ => units[random.Next(units.Count)]).ToList()
                : Enumerable.Range(0, rows.Count).Select(_ => rows[random.Next(rows.Count)]).ToList();
            foreach (var (model, rating) in ComputeMleElo(sample, baseline))
            {
                samples[model].Add(rating);
            }
        }

        return point.ToDictionary(p => p.Key, p => (p.Value, Percentile(samples[p.Key], 2.5), Percentile(samples[p.Key], 97.5)));
    }

    private static Dictionary<string, double> ComputeMleElo(List<Row> rows, string baseline)
    {
        var models = rows.SelectMany(r => new[] { r.ModelA, r.ModelB }).Distinct().ToList();
        var free = models.Where(m => m != baseline).ToList();
        var ln10 = Math.Log(10);
        var index = free.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i);
        var doubled = rows.Select(r => (r, Y: r.Winner == "model_a" || r.Winner == "tie" ? 1.0 : 0.0))
            .Concat(rows.Select(r => (r, Y: r.Winner == "model_a" ? 1.0 : 0.0)))
            .Select(p => (A: index.GetValueOrDefault(p.r.ModelA, -1), B: index.GetValueOrDefault(p.r.ModelB, -1), p.Y))
            .ToArray();
        var beta = new double[free.Count];
        for (var iteration = 0; iteration < 50; iteration++)
        {
            var gradient = new double[free.Count];
            var hessian = new double[free.Count, free.Count];
            foreach (var (a, b, y) in doubled)
            {
                // x = +ln 10 at model_a's column, -ln 10 at model_b's; the baseline has no column (held at 0).
                var eta = ((a >= 0 ? beta[a] : 0) - (b >= 0 ? beta[b] : 0)) * ln10;
                var p = 1 / (1 + Math.Exp(-eta));
                var w = p * (1 - p) * ln10 * ln10;
                foreach (var (j, sj) in new[] { (a, 1.0), (b, -1.0) })
                {
                    if (j < 0)
                    {
                        continue;
                    }

                    gradient[j] += (p - y) * sj * ln10;
                    foreach (var (k, sk) in new[] { (a, 1.0), (b, -1.0) })
                    {
                        if (k >= 0)
                        {
                            hessian[j, k] += w * sj * sk;
                        }
                    }
                }
            }

            var step = Solve(hessian, gradient);
            for (var j = 0; j < free.Count; j++)
            {
                beta[j] -= step[j];
            }

            if (step.Max(Math.Abs) < 1e-12)
            {
                break;
            }
        }

        var ratings = models.ToDictionary(m => m, m => m == baseline ? 1000.0 : (400 * beta[free.IndexOf(m)]) + 1000);
        return ratings;
    }

    private static double[] Solve(double[,] a, double[] b)
    {
        var n = b.Length;
        var m = (double[,])a.Clone();
        var x = (double[])b.Clone();
        for (var col = 0; col < n; col++)
        {
            var pivot = Enumerable.Range(col, n - col).MaxBy(r => Math.Abs(m[r, col]));
            for (var k = 0; k < n; k++)
            {
                (m[col, k], m[pivot, k]) = (m[pivot, k], m[col, k]);
            }

            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (var r = 0; r < n; r++)
            {
                if (r == col)
                {
                    continue;
                }

                var f = m[r, col] / m[col, col];
                for (var k = 0; k < n; k++)
                {
                    m[r, k] -= f * m[col, k];
                }

                x[r] -= f * x[col];
            }
        }

        return Enumerable.Range(0, n).Select(i => x[i] / m[i, i]).ToArray();
    }

    // NumPy's default (linear) percentile.
    private static double Percentile(List<double> values, double percent)
    {
        var sorted = values.Order().ToArray();
        var h = (sorted.Length - 1) * percent / 100;
        var lower = (int)Math.Floor(h);
        return lower + 1 >= sorted.Length ? sorted[^1] : sorted[lower] + ((h - lower) * (sorted[lower + 1] - sorted[lower]));
    }
}
