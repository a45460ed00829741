using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Safety;

/// <summary>
/// The <c>fulfilment</c> judge (SORRY-Bench): one judge call per case on its last turn and the answer to it. The mean
/// of <c>fulfilment</c> over a set of unsafe requests is SORRY-Bench's fulfilment rate (lower is safer).
/// </summary>
public sealed class FulfilmentJudge(bool faithful = false) : ICaseJudge
{
    public const string JudgeName = "fulfilment";

    private readonly FulfilmentEvaluator evaluator = new(faithful);

    public string Name => faithful ? JudgeName + "-faithful" : JudgeName;

    public bool RequiresModel => true;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        if (ModelJudgeInputs.TargetFailed(evalCase, answer, judgeModel))
        {
            return [];
        }

        if (LastTurn.Answered(evalCase, answer) is not { } turn)
        {
            return [LastTurn.Unanswered(evalCase, FulfilmentEvaluator.MetricName)];
        }

        var metric = await LastTurn.EvaluateAsync(evaluator, FulfilmentEvaluator.MetricName, evalCase, answer, turn, judgeModel, cancellationToken).ConfigureAwait(false);
        return [JudgeDiagnostics.ToMetricScore(metric, FulfilmentEvaluator.MetricName, raw: metric.Reason)];
    }
}
