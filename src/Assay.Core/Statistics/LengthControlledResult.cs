namespace Assay.Core.Statistics;

/// <summary>Raw and length-controlled win rates (percent) of one model against the baseline.</summary>
/// <param name="LengthCoefficient">The fitted weight of tanh(standardised length difference): how much the judge rewards length.</param>
/// <param name="LengthSensitive">True when the two rates differ by more than the warning threshold.</param>
public sealed record LengthControlledResult(
    string Model, int N, double WinRate, double LengthControlledWinRate, double LengthCoefficient, bool LengthSensitive);
