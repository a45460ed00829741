using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>The judges that judge only a case's last turn: which turn that is, and what to record when it has no answer.</summary>
internal static class LastTurn
{
    /// <summary>The index of the case's last turn when the target answered it; null otherwise.</summary>
    public static int? Answered(EvalCase evalCase, TargetAnswer answer)
    {
        var turn = evalCase.Turns.Count - 1;
        return turn >= 0 && answer.Turns.Count > turn ? turn : null;
    }

    /// <summary>The unscored <paramref name="metric"/> of a case whose last turn has no answer.</summary>
    public static MetricScore Unanswered(EvalCase evalCase, string metric) =>
        new(metric, null, $"the target gave no answer to turn {evalCase.Turns.Count}");

    /// <summary>Asks <paramref name="evaluator"/> about the answer to <paramref name="turn"/> and returns its metric.</summary>
    public static async Task<NumericMetric> EvaluateAsync(
        IEvaluator evaluator, string metric, EvalCase evalCase, TargetAnswer answer, int turn, ChatConfiguration judgeModel, CancellationToken cancellationToken)
    {
        var result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, evalCase.Turns[turn])],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Turns[turn])),
            judgeModel,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        return result.Get<NumericMetric>(metric);
    }
}
