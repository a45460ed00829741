namespace Assay.Core.Statistics;

/// <summary>A judge's preference between a model's answer and the baseline's answer to one instruction.</summary>
/// <param name="Preference">1 when the model's answer won, 0 when the baseline's did, 0.5 for a tie.</param>
/// <param name="ModelLength">Length of the model's answer (characters or tokens, the same unit throughout).</param>
/// <param name="BaselineLength">Length of the baseline's answer.</param>
public sealed record PairwiseJudgement(string Model, string Instruction, double Preference, int ModelLength, int BaselineLength);
