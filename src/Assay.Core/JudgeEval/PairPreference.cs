namespace Assay.Core.JudgeEval;

/// <summary>Which of two outputs is better: the first shown (A), the second (B), or neither.</summary>
public enum PairPreference
{
    A,
    B,
    Tie,
}
