namespace Assay.Core.Statistics;

/// <summary>
/// Bradley-Terry ratings as Arena-Hard-Auto computes them: a logistic regression with no intercept on features
/// +ln 10 for model A and -ln 10 for model B, ratings = 400·β + 1000 shifted so the anchor (the baseline) is 1000,
/// score = predicted win rate against the anchor, 1 / (1 + 10^((R_anchor - R) / 400)), in percent. Ties count half a
/// win each way, which is Arena-Hard's doubling of wins plus one win each for a tie.
/// </summary>
public static class BradleyTerry
{
    public const double Scale = 400;
    public const double EloBase = 10;
    public const double InitialRating = 1000;

    // Keeps ratings finite when a model wins or loses everything; far too small to move any other estimate.
    private const double Ridge = 1e-6;

    public static IReadOnlyDictionary<string, double> Ratings(IReadOnlyList<Battle> battles, string anchor)
    {
        ArgumentNullException.ThrowIfNull(battles);
        var models = battles.SelectMany(b => new[] { b.ModelA, b.ModelB }).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (!models.Contains(anchor, StringComparer.Ordinal))
        {
            throw new ArgumentException($"The anchor '{anchor}' takes part in no battle.", nameof(anchor));
        }

        var index = models.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i, StringComparer.Ordinal);
        var log = Math.Log(EloBase);
        var rows = battles.Where(b => b.ModelA != b.ModelB)
            .Select(b => new LogisticRow([index[b.ModelA], index[b.ModelB]], [log, -log], b.Outcome, b.Weight))
            .ToList();
        var beta = LogisticRegression.Fit(rows, models.Count, Enumerable.Repeat(Ridge, models.Count).ToArray());
        var shift = InitialRating - ((Scale * beta[index[anchor]]) + InitialRating);
        return models.ToDictionary(m => m, m => (Scale * beta[index[m]]) + InitialRating + shift, StringComparer.Ordinal);
    }

    public static double WinRate(double rating, double anchorRating) => 1 / (1 + Math.Pow(EloBase, (anchorRating - rating) / Scale));

    /// <summary>
    /// Ratings and scores with a percentile bootstrap over battles (resampled with replacement, seeded), the interval
    /// from the 2.5 % and 97.5 % quantiles as in Arena-Hard-Auto v0.1. Sorted by score, best first.
    /// </summary>
    public static IReadOnlyList<BradleyTerryScore> Scores(IReadOnlyList<Battle> battles, string anchor, int rounds = 100, int seed = Bootstrap.DefaultSeed)
    {
        var point = Ratings(battles, anchor);
        var samples = point.Keys.ToDictionary(m => m, _ => new List<double>(rounds), StringComparer.Ordinal);
        var random = new SplitMix64(unchecked((ulong)seed));
        var resample = new Battle[battles.Count];
        for (var round = 0; round < rounds; round++)
        {
            for (var i = 0; i < resample.Length; i++)
            {
                resample[i] = battles[random.NextBelow(battles.Count)];
            }

            if (!resample.Any(b => b.ModelA == anchor || b.ModelB == anchor))
            {
                continue;
            }

            var ratings = Ratings(resample, anchor);
            foreach (var (model, rating) in ratings)
            {
                samples[model].Add(100 * WinRate(rating, InitialRating));
            }
        }

        return point.Select(p =>
            {
                var sorted = samples[p.Key].Order().ToArray();
                var score = 100 * WinRate(p.Value, InitialRating);
                return sorted.Length == 0
                    ? new BradleyTerryScore(p.Key, p.Value, score, score, score)
                    : new BradleyTerryScore(p.Key, p.Value, score, Descriptive.QuantileOfSorted(sorted, 0.025), Descriptive.QuantileOfSorted(sorted, 0.975));
            })
            .OrderByDescending(s => s.Score)
            .ToList();
    }
}
