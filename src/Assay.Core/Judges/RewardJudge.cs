using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges;

/// <summary>
/// Scores the whole conversation with a reward model or classifier (a <c>ScoreHttp</c> endpoint): one call per case
/// with every user turn and answer, metric <c>reward</c> = the number the endpoint returned. A label that is not a
/// number leaves the case unscored with the label kept raw; a failed call makes it an error.
/// </summary>
public sealed class RewardJudge : ICaseJudge
{
    public const string JudgeName = "reward";

    public const string MetricName = "reward";

    public string Name => JudgeName;

    public bool RequiresModel => true;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer answer, ChatConfiguration? judgeModel, CancellationToken cancellationToken)
    {
        if (ModelJudgeInputs.TargetFailed(evalCase, answer, judgeModel))
        {
            return [];
        }

        var conversation = new List<ChatMessage>(evalCase.Turns.Count * 2);
        for (var turn = 0; turn < evalCase.Turns.Count && turn < answer.Turns.Count; turn++)
        {
            conversation.Add(new ChatMessage(ChatRole.User, evalCase.Turns[turn]));
            conversation.Add(new ChatMessage(ChatRole.Assistant, answer.Turns[turn]));
        }

        string text;
        try
        {
            text = (await judgeModel.ChatClient.GetResponseAsync(conversation, cancellationToken: cancellationToken).ConfigureAwait(false)).Text;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
            return [new MetricScore(MetricName, null, JudgeDiagnostics.JudgeCallFailedPrefix + message)];
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value)
            ? [new MetricScore(MetricName, value, Raw: text)]
            : [new MetricScore(MetricName, null, $"the score endpoint returned no number: '{text}'", text)];
    }
}
