namespace Assay.Core.Reports;

/// <summary>
/// A judge ensemble's agreement with the labelled stream, per target: every member, the per-case majority and the
/// online Hedge ensemble (weights learned case by case in <see cref="EnsembleTarget.Order"/>, prediction before update).
/// <see cref="Rule"/> (majority or hedge) says which of the two is the ensemble's verdict.
/// </summary>
public sealed record EnsembleSection(string Rule, IReadOnlyList<string> Members, IReadOnlyList<EnsembleTarget> Targets);

/// <param name="LabelledCases">Cases with a label and an answer (the stream's length T).</param>
/// <param name="LearningRate">Hedge's eta: the one given in the spec, else sqrt(8 ln N / T).</param>
/// <param name="Order">How the stream was ordered (so the numbers can be replayed).</param>
/// <param name="Trajectory">Hedge's normalised weights after 25 %, 50 %, 75 % and 100 % of the stream.</param>
public sealed record EnsembleTarget(
    string Target,
    int LabelledCases,
    double LearningRate,
    string Order,
    IReadOnlyList<EnsembleAgreement> Members,
    EnsembleAgreement Majority,
    EnsembleAgreement Hedge,
    IReadOnlyList<double> FinalWeights,
    IReadOnlyList<Statistics.HedgeSnapshot> Trajectory);

/// <summary>
/// Agreement of one rater with the labels over the <see cref="N"/> labelled cases where it gave a verdict:
/// accuracy and Cohen's kappa (null when N is 0). <see cref="Mistakes"/> = N x (1 - accuracy).
/// </summary>
public sealed record EnsembleAgreement(string Name, int N, int Mistakes, double? Accuracy, double? Kappa);
