namespace Assay.Core.Integrity;

/// <summary>Where the integrity checks draw their lines. The defaults are conservative: a flag asks for a look.</summary>
public sealed record IntegrityOptions
{
    /// <summary>The target judged alongside as a canary: the built-in null model.</summary>
    public string CanaryTarget { get; init; } = "null";

    /// <summary>Share of a target's answers that may be one and the same text before it is called constant.</summary>
    public double ConstantShare { get; init; } = 0.5;

    /// <summary>Least position consistency of a pairwise judge before it is called position-biased.</summary>
    public double PositionConsistency { get; init; } = 0.75;

    /// <summary>Spearman correlation of answer length and score from which verbosity bias is suspected.</summary>
    public double LengthCorrelation { get; init; } = 0.3;

    /// <summary>Fewest cases a statistical check needs before it may flag anything.</summary>
    public int MinimumCases { get; init; } = 10;
}
