using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

public sealed class HedgeTests
{
    /// <summary>
    /// Worked by hand with eta = ln 2 (a wrong expert's weight halves): predictions 0, 1, 0, 1 (each made before
    /// the update) and weights (1/2,1/4,1/4) → (2/5,2/5,1/5) → (1/4,1/2,1/4) → (2/7,4/7,1/7). Step 3's missing vote
    /// leaves expert 2 out of both the prediction and the update.
    /// </summary>
    [Fact]
    public void Predicts_before_updating_and_halves_wrong_experts_at_eta_ln2()
    {
        IReadOnlyList<IReadOnlyList<int?>> votes = [[1, 0, 0], [1, 0, 1], [0, null, 1], [1, 1, 0]];
        var result = Hedge.Run(votes, [1, 0, 1, 1], Math.Log(2));

        Assert.Equal([0, 1, 0, 1], result.Predictions);
        Assert.Equal([1, 2, 3, 4], result.Trajectory.Select(s => s.Step));
        AssertWeights([0.5, 0.25, 0.25], result.Trajectory[0].Weights);
        AssertWeights([0.4, 0.4, 0.2], result.Trajectory[1].Weights);
        AssertWeights([0.25, 0.5, 0.25], result.Trajectory[2].Weights);
        AssertWeights([2 / 7.0, 4 / 7.0, 1 / 7.0], result.FinalWeights);
    }

    [Fact]
    public void A_tie_goes_to_the_heaviest_then_the_first_voting_expert()
    {
        IReadOnlyList<IReadOnlyList<int?>> votes = [[1, 0], [0, 1], [null, null]];
        var result = Hedge.Run(votes, [0, 1, 1], Math.Log(2));

        // Step 1: equal weights, the first expert's 1 wins the tie (wrong): (1/3, 2/3). Step 2: the second is
        // heavier and says 1 (right); the first is wrong again: (1/5, 4/5). Step 3: nobody votes, no prediction.
        Assert.Equal([1, 1, null], result.Predictions);
        AssertWeights([0.2, 0.8], result.FinalWeights);
    }

    [Fact]
    public void Snapshots_fall_at_each_quarter_of_the_stream()
    {
        var votes = Enumerable.Range(0, 10).Select(_ => (IReadOnlyList<int?>)[1, 0]).ToList();
        var result = Hedge.Run(votes, Enumerable.Repeat(1, 10).ToList(), 0.1);

        Assert.Equal([3, 5, 8, 10], result.Trajectory.Select(s => s.Step));
        Assert.Equal(1 / (1 + Math.Exp(-1.0)), result.FinalWeights[0], 12);
    }

    [Fact]
    public void The_default_rate_is_sqrt_of_8_ln_n_over_t()
    {
        Assert.Equal(Math.Sqrt(8 * Math.Log(3) / 450), Hedge.DefaultLearningRate(3, 450), 15);
        Assert.Throws<ArgumentException>(() => Hedge.Run([[1, 0]], [1, 0], 0.1));
    }

    private static void AssertWeights(double[] expected, IReadOnlyList<double> actual)
    {
        Assert.Equal(expected.Length, actual.Count);
        for (var i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i], actual[i], 12);
        }
    }
}
