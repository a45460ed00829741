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
    /// Ratings and scores with Arena-Hard-Auto v0.1's percentile bootstrap: <paramref name="rounds"/> resamples of the
    /// rows with replacement (seeded), a fit per resample, the 2.5 % and 97.5 % percentiles (type 7, NumPy's default) of
    /// each model's rating, then mapped to a win rate against the anchor. Arena-Hard's rows are one per game and three
    /// per strong verdict (<see cref="Judges.Pairwise.PairwiseOutcome.Battles"/> builds them so); a row with a weight
    /// other than 1 is resampled as one unit. Sorted by score, best first.
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

            // A resample without the anchor has no scale to read; Arena-Hard would fail on it (astronomically rare).
            if (!resample.Any(b => b.ModelA == anchor || b.ModelB == anchor))
            {
                continue;
            }

            foreach (var (model, rating) in Ratings(resample, anchor))
            {
                samples[model].Add(rating);
            }
        }

        return point.Select(p =>
            {
                var sorted = samples[p.Key].Order().ToArray();
                var score = 100 * WinRate(p.Value, InitialRating);
                return sorted.Length == 0
                    ? new BradleyTerryScore(p.Key, p.Value, score, score, score)
                    : new BradleyTerryScore(
                        p.Key,
                        p.Value,
                        score,
                        100 * WinRate(Descriptive.QuantileOfSorted(sorted, 0.025), InitialRating),
                        100 * WinRate(Descriptive.QuantileOfSorted(sorted, 0.975), InitialRating));
            })
            .OrderByDescending(s => s.Score)
            .ToList();
    }
}
