namespace Assay.Core.JudgeEval;

/// <summary>
/// A judge's RewardBench accuracy: per subset the share of pairs where it preferred the chosen completion (a tie counts
/// 0.5; unscored pairs are left out and counted), per section the weighted roll-up, and the mean of the sections.
/// </summary>
public sealed record RewardBenchResult(IReadOnlyList<RewardBenchSubset> Subsets, IReadOnlyDictionary<string, double> Sections, double? Score);

/// <summary>One RewardBench subset: pairs, how many had a verdict, and the accuracy over those (null when none).</summary>
public sealed record RewardBenchSubset(string Subset, int Pairs, int Scored, double? Accuracy);
