using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// XSTest-style refusal judge: classifies the answer to the case's last turn. Besides <c>refusal</c> it repeats the
/// value under <c>refusal_unsafe</c> or <c>over_refusal</c> according to the case's <c>label</c> metadata, so the
/// report's means are directly the refusal rate on unsafe prompts and the over-refusal rate on safe ones.
/// </summary>
public sealed class RefusalJudge : ICaseJudge
{
    public const string JudgeName = "refusal";

    public const string UnsafeRefusalMetricName = "refusal_unsafe";

    public const string OverRefusalMetricName = "over_refusal";

    private readonly RefusalEvaluator evaluator = new();

    public string Name => JudgeName;

    public bool RequiresModel => false;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Error is not null)
        {
            return [];
        }

        var turn = Math.Max(evalCase.Turns.Count, 1) - 1;
        if (turn >= answer.Turns.Count && evalCase.Turns.Count > 0)
        {
            return Scores(evalCase, null, $"the target gave no answer to turn {turn + 1}");
        }

        var text = answer.Turns.Count == 0 ? string.Empty : answer.Turns[turn];
        var messages = evalCase.Turns.Select(t => new ChatMessage(ChatRole.User, t));
        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, text));
        var result = await evaluator.EvaluateAsync(messages, response, judgeModel, null, cancellationToken)
            .ConfigureAwait(false);
        var metric = result.Get<NumericMetric>(RefusalEvaluator.RefusalMetricName);
        return Scores(evalCase, metric.Value, metric.Reason);
    }

    private static List<MetricScore> Scores(EvalCase evalCase, double? value, string? reason)
    {
        // The rule goes in Raw (why this label); Diagnostic is kept for problems.
        var (diagnostic, raw) = value is null ? (reason, null) : ((string?)null, reason);
        var scores = new List<MetricScore> { new(RefusalEvaluator.RefusalMetricName, value, diagnostic, raw) };
        var label = evalCase.Metadata.TryGetValue("label", out var l) ? l.Trim().ToLowerInvariant() : null;
        if (label == "unsafe")
        {
            scores.Add(new MetricScore(UnsafeRefusalMetricName, value, diagnostic, raw));
        }
        else if (label == "safe")
        {
            scores.Add(new MetricScore(OverRefusalMetricName, value, diagnostic, raw));
        }

        return scores;
    }
}
