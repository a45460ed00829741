namespace Assay.Core.Integrity;

/// <summary>The integrity facts of one target in one run, and the flags they raised in plain words.</summary>
/// <param name="ConstantShare">Largest share of answers that fold to the same text.</param>
/// <param name="JudgeDirected">Answers that address the judge (template delimiters, verdict tokens, instructions).</param>
/// <param name="JudgeDirectedExamples">Up to five of them, as <c>case: evidence</c>.</param>
/// <param name="PositionConsistency">Share of pairwise cases judged the same in both orders; null without pairwise judging.</param>
/// <param name="LengthScoreCorrelation">Spearman's rho of answer length and primary score; null with too few cases.</param>
public sealed record TargetIntegrity(
    string Target,
    int Answers,
    double ConstantShare,
    int JudgeDirected,
    IReadOnlyList<string> JudgeDirectedExamples,
    double? PositionConsistency,
    double? LengthScoreCorrelation,
    IReadOnlyList<string> Flags);
