namespace Assay.Core.JudgeEval;

/// <summary>Agreement between annotators <see cref="First"/> and <see cref="Second"/> (0-based).</summary>
public sealed record AnnotatorPairAgreement(int First, int Second, double Agreement, double CohenKappa);
