namespace Assay.Core.Statistics;

/// <summary>
/// AlpacaEval 2.0's length-controlled win rate. One logistic GLM over every (model, instruction) judgement:
/// logit P(model beats baseline) = θ_m + φ_m · tanh(Δ_mi / σ_m) + γ_i, with Δ the length difference (model minus
/// baseline), σ_m its standard deviation for that model, and γ_i an instruction difficulty shared by all models.
/// The LC win rate is the mean prediction with the length term set to zero. AlpacaEval takes γ from a fit over its
/// whole leaderboard; Assay fits it jointly over the models of the run, with a Gaussian (ridge) prior that matters
/// most when a run has one model.
/// </summary>
public static class LengthControlledWinRate
{
    /// <summary>
    /// The name of this formula beside AlpacaEval's published one (<see cref="LengthControlledV1"/>): it is what
    /// AlpacaEval's <c>length_controlled_minimal</c> computes (84.685 % vs Assay's 84.69 % on the same soft
    /// preferences, issue 16), and what every pairwise report shows.
    /// </summary>
    public const string Name = "length_controlled_minimal";

    /// <summary>A gap, in percentage points, above which the report warns that length drives the verdicts.</summary>
    public const double WarningGap = 10;

    public static IReadOnlyList<LengthControlledResult> Compute(
        IReadOnlyList<PairwiseJudgement> judgements, double difficultyRidge = 1.0, double warningGap = WarningGap)
    {
        ArgumentNullException.ThrowIfNull(judgements);
        if (judgements.Count == 0)
        {
            return [];
        }

        var models = judgements.Select(j => j.Model).Distinct(StringComparer.Ordinal).ToList();
        var instructions = judgements.Select(j => j.Instruction).Distinct(StringComparer.Ordinal).ToList();
        var modelIndex = models.Select((m, i) => (m, i)).ToDictionary(p => p.m, p => p.i, StringComparer.Ordinal);
        var instructionIndex = instructions.Select((x, i) => (x, i)).ToDictionary(p => p.x, p => p.i, StringComparer.Ordinal);
        var spread = models.ToDictionary(m => m, m => StandardDeviation(judgements.Where(j => j.Model == m)), StringComparer.Ordinal);

        // Columns: θ per model, φ per model, γ per instruction.
        var m = models.Count;
        int Theta(string model) => modelIndex[model];
        int Phi(string model) => m + modelIndex[model];
        int Gamma(string instruction) => (2 * m) + instructionIndex[instruction];
        var rows = judgements.Select(j => new LogisticRow(
            [Theta(j.Model), Phi(j.Model), Gamma(j.Instruction)],
            [1.0, LengthFeature(j, spread[j.Model]), 1.0],
            j.Preference)).ToList();
        var ridge = Enumerable.Repeat(1e-6, 2 * m).Concat(Enumerable.Repeat(difficultyRidge, instructions.Count)).ToArray();
        var beta = LogisticRegression.Fit(rows, ridge.Length, ridge);

        return models.Select(model =>
        {
            var own = judgements.Where(j => j.Model == model).ToList();
            var raw = 100 * own.Average(j => j.Preference);
            var controlled = 100 * own.Average(j => LogisticRegression.Sigmoid(beta[Theta(model)] + beta[Gamma(j.Instruction)]));
            return new LengthControlledResult(model, own.Count, raw, controlled, beta[Phi(model)], Math.Abs(raw - controlled) > warningGap);
        }).ToList();
    }

    private static double LengthFeature(PairwiseJudgement j, double sigma) =>
        sigma > 0 ? Math.Tanh((j.ModelLength - j.BaselineLength) / sigma) : 0;

    private static double StandardDeviation(IEnumerable<PairwiseJudgement> judgements)
    {
        var deltas = judgements.Select(j => (double)(j.ModelLength - j.BaselineLength)).ToArray();
        return deltas.Length < 2 ? 0 : Math.Sqrt(Descriptive.Variance(deltas));
    }
}
