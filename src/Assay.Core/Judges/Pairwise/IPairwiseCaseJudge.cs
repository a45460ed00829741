using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// Judges a candidate's answer against a baseline's answer to the same case, in both orders. Bad judge output becomes
/// metrics without values and a diagnostic, never an exception.
/// </summary>
public interface IPairwiseCaseJudge
{
    string Name { get; }

    Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer candidate, TargetAnswer baseline, ChatConfiguration judgeModel, CancellationToken cancellationToken);
}
