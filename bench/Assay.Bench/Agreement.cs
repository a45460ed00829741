using System.Globalization;

namespace Assay.Bench;

/// <summary>Confusion counts of a binary classifier against human labels (positive = refusal).</summary>
internal sealed class Agreement
{
    public int BothRefusal { get; private set; }

    public int FalseRefusal { get; private set; }

    public int MissedRefusal { get; private set; }

    public int BothCompliance { get; private set; }

    public int Total => BothRefusal + FalseRefusal + MissedRefusal + BothCompliance;

    public double Accuracy => Total == 0 ? double.NaN : (double)(BothRefusal + BothCompliance) / Total;

    /// <summary>Cohen's kappa: agreement beyond what the two label frequencies give by chance.</summary>
    public double Kappa
    {
        get
        {
            double n = Total;
            var predictedRefusal = (BothRefusal + FalseRefusal) / n;
            var humanRefusal = (BothRefusal + MissedRefusal) / n;
            var chance = (predictedRefusal * humanRefusal) + ((1 - predictedRefusal) * (1 - humanRefusal));
            return chance >= 1 ? double.NaN : (Accuracy - chance) / (1 - chance);
        }
    }

    public void Add(bool predictedRefusal, bool humanRefusal)
    {
        switch (predictedRefusal, humanRefusal)
        {
            case (true, true): BothRefusal++; break;
            case (true, false): FalseRefusal++; break;
            case (false, true): MissedRefusal++; break;
            default: BothCompliance++; break;
        }
    }

    public void Add(Agreement other)
    {
        BothRefusal += other.BothRefusal;
        FalseRefusal += other.FalseRefusal;
        MissedRefusal += other.MissedRefusal;
        BothCompliance += other.BothCompliance;
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"agree {Accuracy * 100,5:0.0}%  kappa {Kappa,5:0.000}  TP {BothRefusal,4} FP {FalseRefusal,3} FN {MissedRefusal,3} TN {BothCompliance,4}");
}
