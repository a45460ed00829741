using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

/// <summary>
/// AlpacaEval's length_controlled_v1 on constructed data where the answer is known: soft preferences generated from
/// the v1 model itself, so the fit must recover the length-free win rate, and the fitted coefficients must satisfy the
/// L1 problem's optimality conditions.
/// </summary>
public sealed class LengthControlledV1Tests
{
    private const double Theta = 0.3, Gamma = 1.0, Phi = -1.5;

    [Fact]
    public void V1_recovers_the_length_free_win_rate_when_preferences_follow_its_model()
    {
        var (judgements, difficulty) = Constructed(805, seed: 7);
        var truth = 100 * judgements.Average(j => LogisticRegression.Sigmoid(Theta + (Gamma * difficulty[j.Instruction])));

        var result = LengthControlledV1.Compute(judgements, difficulty);

        Assert.True(Math.Abs(result.WinRate - truth) > 5, $"raw {result.WinRate} vs {truth}: the data must favour length");
        Assert.Equal(truth, result.LengthControlledWinRate, 0.5);
        Assert.Equal(Phi, result.LengthCoefficient, 0.1);
        Assert.Equal(Gamma, result.DifficultyCoefficient, 0.1);
        // The published prediction: mean of σ(θ + γ·difficulty) with the fitted coefficients.
        var recomputed = 100 * judgements.Average(j => 1 / (1 + Math.Exp(-(result.ModelCoefficient + (result.DifficultyCoefficient * difficulty[j.Instruction])))));
        Assert.Equal(recomputed, result.LengthControlledWinRate, 9);
    }

    [Fact]
    public void The_l1_fit_satisfies_the_optimality_conditions()
    {
        var random = new Random(3);
        var rows = Enumerable.Range(0, 300).Select(_ => new L1Logistic.Row(
            [Math.Tanh(Normal(random)), Normal(random), random.NextDouble() < 0.8 ? 1 : 0], random.NextDouble(), random.NextDouble() < 0.8 ? 1 : 0.1)).ToList();

        foreach (var c in new[] { 0.01, 0.1, 1, 100 })
        {
            var beta = L1Logistic.Fit(rows, c);
            for (var j = 0; j < 3; j++)
            {
                var g = c * rows.Sum(r => r.Weight * (LogisticRegression.Sigmoid(r.X.Select((x, k) => x * beta[k]).Sum()) - r.P) * r.X[j]);
                if (beta[j] == 0)
                {
                    Assert.True(Math.Abs(g) <= 1 + 1e-6, $"C={c}, β{j}=0 but |∂loss|={Math.Abs(g)}");
                }
                else
                {
                    Assert.Equal(0, g + Math.Sign(beta[j]), 1e-5);
                }
            }
        }
    }

    [Fact]
    public void Gamed_baselines_pull_the_length_coefficient_toward_theirs()
    {
        // The model's own preferences ignore length; the gamed baselines' follow it strongly.
        var (judgements, difficulty) = Constructed(400, seed: 11, phi: 0);
        var random = new Random(5);
        var gamed = Enumerable.Range(0, 1600).Select(i =>
        {
            var std = 2 * Normal(random);
            var d = difficulty[$"i{i % 400}"];
            return new LengthControlledV1.GamedRow(std, d, LogisticRegression.Sigmoid((Gamma * d) - (3 * Math.Tanh(std))));
        }).ToList();

        var alone = LengthControlledV1.Compute(judgements, difficulty);
        var pulled = LengthControlledV1.Compute(judgements, difficulty, gamed);

        Assert.Equal(0, alone.LengthCoefficient, 0.1);
        Assert.InRange(pulled.LengthCoefficient, -3, alone.LengthCoefficient - 0.2);
    }

    [Fact]
    public void An_instruction_without_a_difficulty_is_named()
    {
        var (judgements, difficulty) = Constructed(10, seed: 1);
        var partial = difficulty.Where(d => d.Key != "i3").ToDictionary();

        var error = Assert.Throws<ArgumentException>(() => LengthControlledV1.Compute(judgements, partial));

        Assert.Contains("'i3'", error.Message, StringComparison.Ordinal);
    }

    private static (List<PairwiseJudgement>, Dictionary<string, double>) Constructed(int n, int seed, double phi = Phi)
    {
        var random = new Random(seed);
        var difficulty = new Dictionary<string, double>();
        var raw = new List<(string Id, int Model, int Baseline)>();
        for (var i = 0; i < n; i++)
        {
            var id = $"i{i}";
            difficulty[id] = Normal(random);
            raw.Add((id, (int)(1500 + (600 * Normal(random))), (int)(1100 + (300 * Normal(random)))));
        }

        var deltas = raw.Select(r => (double)(r.Baseline - r.Model)).ToArray();
        var sd = Math.Sqrt(Descriptive.Variance(deltas));
        var judgements = raw.Select((r, i) => new PairwiseJudgement(
            "m", r.Id, LogisticRegression.Sigmoid(Theta + (Gamma * difficulty[r.Id]) + (phi * Math.Tanh(deltas[i] / sd))), r.Model, r.Baseline)).ToList();
        return (judgements, difficulty);
    }

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
