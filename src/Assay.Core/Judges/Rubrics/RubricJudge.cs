using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Rubrics;

/// <summary>
/// The judge of a custom rubric, named <c>rubric.NAME</c> in a run, where NAME is a rubric configured by the operator
/// (<c>Rubrics:NAME:File</c>; never a path from a request). It judges the last turn, with the case's reference for
/// that turn when the rubric shows one.
/// </summary>
public sealed class RubricJudge(string name, RubricTemplate rubric) : ICaseJudge
{
    public const string Prefix = "rubric.";

    private readonly RubricEvaluator evaluator = new(rubric);

    public string Name { get; } = Prefix + name;

    public bool RequiresModel => true;

    public static bool IsRubric(string judgeName) =>
        judgeName.StartsWith(Prefix, StringComparison.Ordinal) && judgeName.Length > Prefix.Length;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        if (ModelJudgeInputs.TargetFailed(evalCase, answer, judgeModel))
        {
            return [];
        }

        if (LastTurn.Answered(evalCase, answer) is not { } turn)
        {
            return [LastTurn.Unanswered(evalCase, evaluator.Rubric.Metric)];
        }

        var context = evalCase.References is { } references && references.Count > turn ? new[] { new RubricReferenceContext(references[turn]) } : [];
        var result = await evaluator.EvaluateAsync(
            [new ChatMessage(ChatRole.User, evalCase.Turns[turn])],
            new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Turns[turn])),
            judgeModel,
            context,
            cancellationToken).ConfigureAwait(false);
        var metric = result.Get<NumericMetric>(evaluator.Rubric.Metric);
        return [JudgeDiagnostics.ToMetricScore(metric, evaluator.Rubric.Metric, raw: metric.Reason)];
    }
}
