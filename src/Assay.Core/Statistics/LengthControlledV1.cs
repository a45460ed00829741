namespace Assay.Core.Statistics;

/// <summary>
/// AlpacaEval's <c>length_controlled_v1</c> (glm_winrate.py): for one model against the baseline, a logistic GLM with
/// no intercept and three coefficients, formula <c>tanh(std_delta_len) + instruction_difficulty + not_gamed_baseline - 1</c>:
/// <list type="bullet">
/// <item>std_delta_len = (baseline length - model length) / its sample standard deviation (characters, ddof 1);</item>
/// <item>instruction_difficulty: a FIXED per-instruction value read from AlpacaEval's published
/// <c>instruction_difficulty.csv</c> (an input here: it is not in AlpacaEval's code repository), scaled by one coefficient;</item>
/// <item>not_gamed_baseline: 1 for the model's rows, 0 for the rows of the gamed baselines (AlpacaEval's verbose and
/// concise versions of the baseline, <c>df_gamed.csv</c>), which are fitted alongside with weight λ/2 each (λ = 0.2),
/// so the length and difficulty coefficients are regularised toward the ones the gamed baselines show.</item>
/// </list>
/// Soft preferences enter as a weighted pair of rows (label 1 with weight w·p, label 0 with weight w·(1-p)). The fit is
/// an L1-penalised logistic regression (liblinear's objective ‖β‖₁ + C·Σ loss) with C chosen among 10 values
/// log-spaced on [1e-4, 1e4] by 5-fold grouped cross-validation on the weighted log loss, then refitted on all rows
/// (sklearn's LogisticRegressionCV). LC win rate = mean over the model's instructions of σ(θ + γ·difficulty), the
/// prediction with the length term at zero.
/// </summary>
public static class LengthControlledV1
{
    public const string Name = "length_controlled_v1";

    /// <summary>AlpacaEval's <c>regularize_to_baseline_lambda</c>.</summary>
    public const double DefaultLambda = 0.2;

    public const int Folds = 5;

    /// <summary>sklearn's default <c>Cs=10</c>: np.logspace(-4, 4, 10).</summary>
    public static IReadOnlyList<double> Cs { get; } = Enumerable.Range(0, 10).Select(i => Math.Pow(10, -4 + (8.0 * i / 9))).ToArray();

    /// <param name="judgements">The model's judgements against the baseline (Preference = P(model preferred)).</param>
    /// <param name="difficulty">Instruction id → AlpacaEval's instruction difficulty; every judged instruction needs one.</param>
    /// <param name="gamed">Rows of the gamed baselines (their own std_delta_len), or none: then no regularisation.</param>
    /// <exception cref="ArgumentException">An instruction without a difficulty, or fewer than two judgements.</exception>
    public static LengthControlledV1Result Compute(
        IReadOnlyList<PairwiseJudgement> judgements, IReadOnlyDictionary<string, double> difficulty, IReadOnlyList<GamedRow>? gamed = null, double lambda = DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        ArgumentNullException.ThrowIfNull(difficulty);
        if (judgements.Count < 2)
        {
            throw new ArgumentException("Length control needs at least two judgements.", nameof(judgements));
        }

        if (judgements.FirstOrDefault(j => !difficulty.ContainsKey(j.Instruction)) is { } missing)
        {
            throw new ArgumentException($"No instruction difficulty for instruction '{missing.Instruction}'.", nameof(difficulty));
        }

        var deltas = judgements.Select(j => (double)(j.BaselineLength - j.ModelLength)).ToArray();
        var sd = Math.Sqrt(Descriptive.Variance(deltas));
        var rows = new List<L1Logistic.Row>();
        for (var i = 0; i < judgements.Count; i++)
        {
            var j = judgements[i];
            var lengthFeature = sd > 0 ? Math.Tanh(deltas[i] / sd) : 0;
            rows.Add(new L1Logistic.Row([lengthFeature, difficulty[j.Instruction], 1], j.Preference, 1));
        }

        foreach (var g in gamed ?? [])
        {
            rows.Add(new L1Logistic.Row([Math.Tanh(g.StdDeltaLength), g.Difficulty, 0], g.Preference, lambda / 2));
        }

        var c = L1Logistic.ChooseC(rows, Cs, Folds);
        var beta = L1Logistic.Fit(rows, c);
        var controlled = 100 * judgements.Average(j => LogisticRegression.Sigmoid(beta[2] + (beta[1] * difficulty[j.Instruction])));
        var raw = 100 * judgements.Average(j => j.Preference);
        return new LengthControlledV1Result(judgements[0].Model, judgements.Count, raw, controlled, beta[0], beta[1], beta[2], c);
    }

    /// <summary>One annotation of a gamed baseline: its standardised length difference, difficulty and preference.</summary>
    public sealed record GamedRow(double StdDeltaLength, double Difficulty, double Preference);
}

/// <summary>LC v1 for one model: raw and length-controlled win rates (percent) and the fitted coefficients.</summary>
public sealed record LengthControlledV1Result(
    string Model, int N, double WinRate, double LengthControlledWinRate, double LengthCoefficient, double DifficultyCoefficient, double ModelCoefficient, double C);
