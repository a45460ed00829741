using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// MT-Bench single-answer judge (FastChat llm_judge): one judge call per answered turn, scores <c>turn1</c>,
/// <c>turn2</c>, and <c>score</c>, their mean. FastChat averages all turn judgments of a model; the mean over cases
/// of <c>score</c> equals that when every turn is scored.
/// </summary>
public sealed class MtBenchJudge(bool faithful = false) : ICaseJudge
{
    public const string JudgeName = "mt-bench";

    public const string ScoreMetricName = "score";

    private readonly MtBenchSingleEvaluator evaluator = new();

    public string Name => faithful ? JudgeName + "-faithful" : JudgeName;

    public bool RequiresModel => true;

    public static string TurnMetricName(int turnIndex) =>
        "turn" + (turnIndex + 1).ToString(CultureInfo.InvariantCulture);

    /// <exception cref="ArgumentNullException">No judge model: a wiring error, not a case outcome.</exception>
    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        if (ModelJudgeInputs.TargetFailed(evalCase, answer, judgeModel))
        {
            // Nothing to judge; the caller records the target's error.
            return [];
        }

        var scores = new List<MetricScore>(evalCase.Turns.Count + 1);
        for (var turn = 0; turn < evalCase.Turns.Count; turn++)
        {
            scores.Add(await JudgeTurnAsync(evalCase, answer, turn, judgeModel, cancellationToken).ConfigureAwait(false));
        }

        scores.Add(Overall(scores));
        return scores;
    }

    private async Task<MetricScore> JudgeTurnAsync(
        EvalCase evalCase, TargetAnswer answer, int turn, ChatConfiguration judgeModel, CancellationToken cancellationToken)
    {
        var name = TurnMetricName(turn);
        if (turn >= answer.Turns.Count)
        {
            return new MetricScore(name, null, $"the target gave no answer to turn {turn + 1}");
        }

        // The conversation as M.E.AI evaluators expect it; the judge prompt itself comes from the context.
        var messages = new List<ChatMessage>();
        for (var i = 0; i <= turn; i++)
        {
            messages.Add(new ChatMessage(ChatRole.User, evalCase.Turns[i]));
            if (i < turn)
            {
                messages.Add(new ChatMessage(ChatRole.Assistant, answer.Turns[i]));
            }
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, answer.Turns[turn]));
        var context = new MtBenchContext(evalCase, answer.Turns, turn, faithful);
        var result = await evaluator.EvaluateAsync(messages, response, judgeModel, [context], cancellationToken)
            .ConfigureAwait(false);
        var metric = result.Get<NumericMetric>(MtBenchSingleEvaluator.ScoreMetricName);
        return JudgeDiagnostics.ToMetricScore(metric, name, raw: metric.Reason);
    }

    private static MetricScore Overall(List<MetricScore> turns)
    {
        if (turns.Count == 0)
        {
            return new MetricScore(ScoreMetricName, null, "the case has no turns");
        }

        var missing = turns.Where(t => t.Value is null).Select(t => t.Name).ToList();
        return missing.Count == 0
            ? new MetricScore(ScoreMetricName, turns.Average(t => t.Value!.Value))
            : new MetricScore(ScoreMetricName, null, $"not every turn is scored (no value: {string.Join(", ", missing)})");
    }
}
