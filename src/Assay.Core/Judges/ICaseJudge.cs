using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// Scores a whole case (all its turns) from a target's answer. Wraps one or more <see cref="IEvaluator"/>s; bad judge
/// output becomes a <see cref="MetricScore"/> with a null value and a diagnostic, never an exception.
/// </summary>
public interface ICaseJudge
{
    /// <summary>Judge name as used on the command line (<c>mt-bench</c>, <c>refusal</c>).</summary>
    string Name { get; }

    /// <summary>True when the judge needs an LLM endpoint (passed as <see cref="ChatConfiguration"/>).</summary>
    bool RequiresModel { get; }

    Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken);
}
