using Assay.Core.Statistics;

namespace Assay.Core.Tests.Statistics;

public sealed class AgreementAndRankTests
{
    [Fact]
    public void Cohen_kappa_matches_the_hand_computed_value()
    {
        // p_o = 4/5; p_e = 3/5·2/5 + 2/5·3/5 = 12/25; kappa = (0.8 - 0.48) / 0.52.
        int[] a = [1, 1, 0, 0, 1];
        int[] b = [1, 0, 0, 0, 1];

        Assert.Equal(0.8, Agreement.Observed(a, b), 12);
        Assert.Equal(0.32 / 0.52, Agreement.CohenKappa(a, b), 12);
    }

    [Fact]
    public void Kappa_is_zero_for_chance_agreement_and_one_for_perfect_agreement()
    {
        string[] a = ["x", "x", "y", "y"];
        string[] b = ["x", "y", "x", "y"];

        Assert.Equal(0.0, Agreement.CohenKappa(a, b), 12);
        Assert.Equal(1.0, Agreement.CohenKappa(a, a), 12);
        Assert.Equal(1.0, Agreement.CohenKappa(["z", "z"], ["z", "z"]), 12);
    }

    [Fact]
    public void Unpaired_samples_are_refused()
    {
        Assert.Throws<ArgumentException>(() => Agreement.CohenKappa([1, 2], [1]));
        Assert.Throws<ArgumentException>(() => RankCorrelation.Spearman([], []));
    }

    [Fact]
    public void Spearman_uses_average_ranks_for_ties()
    {
        // y ranks [1, 2, 3.5, 5, 3.5]; rho = 8 / sqrt(10 · 9.5) (scipy.stats.spearmanr gives 0.8207826816681233).
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [5, 6, 7, 8, 7];

        Assert.Equal([1, 2, 3.5, 5, 3.5], RankCorrelation.Ranks(y));
        Assert.Equal(8 / Math.Sqrt(95), RankCorrelation.Spearman(x, y), 12);
    }

    [Fact]
    public void Kendall_tau_b_corrects_for_ties()
    {
        // 8 concordant, 1 discordant, 1 pair tied in y only: (8 - 1) / sqrt(9 · 10) (scipy: 0.7378647873726218).
        double[] x = [1, 2, 3, 4, 5];
        double[] y = [5, 6, 7, 8, 7];

        Assert.Equal(7 / Math.Sqrt(90), RankCorrelation.KendallTauB(x, y), 12);
        Assert.Equal(-1.0, RankCorrelation.KendallTauB(x, [5, 4, 3, 2, 1]), 12);
    }
}
