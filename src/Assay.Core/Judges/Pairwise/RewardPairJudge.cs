using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// Compares a candidate with the baseline through a reward model (a <c>ScoreHttp</c> endpoint, as <see cref="RewardJudge"/>
/// calls it): each answer is scored alone, with the conversation up to the last turn, and the higher reward wins —
/// RewardBench's accuracy when the candidate is the chosen completion and the baseline the rejected one. Equal rewards
/// are a tie (0.5). A reward model sees one answer at a time, so there is no position to swap: both games carry the
/// same verdict and <c>consistent</c> is 1. Metric <c>reward_margin</c> is candidate minus baseline.
/// </summary>
public sealed class RewardPairJudge : IPairwiseCaseJudge
{
    public const string JudgeName = "reward-pair";

    public const string MarginMetric = "reward_margin";

    public string Name => JudgeName;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer candidate, TargetAnswer baseline, ChatConfiguration judgeModel, CancellationToken cancellationToken)
    {
        var (_, missing) = PairwiseTurn.Last(evalCase, candidate, baseline, judgeModel);
        if (missing is not null)
        {
            return Unscored(missing);
        }

        var rewards = await Task.WhenAll(
            ScoreAsync(judgeModel.ChatClient, evalCase, candidate, cancellationToken),
            ScoreAsync(judgeModel.ChatClient, evalCase, baseline, cancellationToken)).ConfigureAwait(false);
        if (rewards.FirstOrDefault(r => r.Failure is not null) is { Failure: { } failure })
        {
            return Unscored(failure);
        }

        var raw = $"candidate: {rewards[0].Text}\nbaseline: {rewards[1].Text}";
        if (rewards[0].Value is not { } mine || rewards[1].Value is not { } theirs)
        {
            return Unscored($"the score endpoint returned no number ({raw.ReplaceLineEndings("; ")})", raw);
        }

        var sign = Math.Sign(mine - theirs);
        return
        [
            new MetricScore(PairwiseMetrics.Win, (sign + 1) / 2.0, Raw: raw),
            new MetricScore(PairwiseMetrics.Consistent, 1),
            new MetricScore(PairwiseMetrics.Verdict1, sign),
            new MetricScore(PairwiseMetrics.Verdict2, sign),
            new MetricScore(MarginMetric, mine - theirs),
        ];
    }

    private static async Task<(double? Value, string? Text, string? Failure)> ScoreAsync(
        IChatClient client, EvalCase evalCase, TargetAnswer answer, CancellationToken cancellationToken)
    {
        var conversation = new List<ChatMessage>();
        for (var turn = 0; turn < evalCase.Turns.Count; turn++)
        {
            conversation.Add(new ChatMessage(ChatRole.User, evalCase.Turns[turn]));
            conversation.Add(new ChatMessage(ChatRole.Assistant, answer.Turns[turn]));
        }

        var (text, _, failure) = await JudgeCall.AskAsync(client, conversation, new ChatOptions(), cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return (null, null, JudgeDiagnostics.JudgeCallFailedPrefix + failure);
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? (value, text, null)
            : (null, text, null);
    }

    private static MetricScore[] Unscored(string diagnostic, string? raw = null) =>
    [
        new(PairwiseMetrics.Win, null, diagnostic, raw),
        new(PairwiseMetrics.Consistent, null, diagnostic),
        new(PairwiseMetrics.Verdict1, null, diagnostic),
        new(PairwiseMetrics.Verdict2, null, diagnostic),
        new(MarginMetric, null, diagnostic),
    ];
}
