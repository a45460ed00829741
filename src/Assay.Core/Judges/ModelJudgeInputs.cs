using System.Diagnostics.CodeAnalysis;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>The argument checks every LLM-backed <see cref="ICaseJudge"/> starts with.</summary>
internal static class ModelJudgeInputs
{
    /// <summary>
    /// Throws on a missing case, answer or judge model; true when the target's call failed, in which case there is
    /// nothing to judge and the judge returns no scores (the failure is already the case's error).
    /// </summary>
    public static bool TargetFailed(EvalCase evalCase, TargetAnswer answer, [NotNull] ChatConfiguration? judgeModel)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(judgeModel);
        return answer.Error is not null;
    }
}
