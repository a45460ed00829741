namespace Assay.Core.JudgeEval;

/// <summary>
/// How much human annotators agree among themselves, the ceiling a judge's agreement should be read against:
/// the mean over annotator pairs of raw agreement and of Cohen's κ, each pair, and Fleiss' κ over all annotators.
/// </summary>
public sealed record InterAnnotatorResult(
    int Items,
    int Annotators,
    double MeanPairwiseAgreement,
    double MeanPairwiseKappa,
    double FleissKappa,
    IReadOnlyList<AnnotatorPairAgreement> Pairs);
