using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// The turn check every pairwise judge makes before it asks anything: both answers must have the turn, or the case is
/// unscored with this reason (never an exception: a short answer is the model's output, not a bug).
/// </summary>
internal static class PairwiseTurn
{
    /// <summary>Why <paramref name="turn"/> (0-based) cannot be compared, or null when both answers have it.</summary>
    public static string? Missing(TargetAnswer candidate, TargetAnswer baseline, int turn) =>
        turn >= 0 && candidate.Turns.Count > turn && baseline.Turns.Count > turn
            ? null
            : $"the {(candidate.Turns.Count <= turn ? "candidate" : "baseline")} has no answer to turn {turn + 1} to compare";

    /// <summary>The last turn of the case, as judges of one turn compare it, with the arguments checked.</summary>
    public static (int Turn, string? Problem) Last(EvalCase evalCase, TargetAnswer candidate, TargetAnswer baseline, ChatConfiguration judgeModel)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(baseline);
        ArgumentNullException.ThrowIfNull(judgeModel);
        var turn = evalCase.Turns.Count - 1;
        return (turn, Missing(candidate, baseline, turn));
    }
}
