namespace Assay.Core.JudgeEval;

/// <summary>The judge's agreement over all pairs and per subset (subsets in order of first appearance).</summary>
public sealed record JudgeAgreementResult(SubsetAgreement Overall, IReadOnlyList<SubsetAgreement> Subsets);
