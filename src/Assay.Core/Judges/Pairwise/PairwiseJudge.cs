using Assay.Core.Benchmarks;
using Assay.Core.Judges.Hardening;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// The two-game procedure shared by the pairwise judges: the same question judged with the baseline shown first and
/// with the candidate shown first, each answer fenced (see <see cref="CandidateFence"/>) unless the judge runs
/// <see cref="Faithful"/>ly, each verdict parsed from the judge's own words, then combined by <see cref="PairwiseOutcome"/>.
/// </summary>
public abstract class PairwiseJudge(bool faithful) : IPairwiseCaseJudge
{
    public abstract string Name { get; }

    /// <summary>Insert answers verbatim, as the published harness does, instead of fenced and neutralised.</summary>
    public bool Faithful { get; } = faithful;

    protected abstract int MaxOutputTokens { get; }

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer candidate, TargetAnswer baseline, ChatConfiguration judgeModel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(judgeModel);
        var turns = JudgedTurns(evalCase);
        // The first judged turn keeps the plain metric names (win, verdict1, ...) that the pairwise statistics read;
        // any later turn (MT-Bench's second) is its own metric set, e.g. win_turn2.
        var perTurn = await Task.WhenAll(turns.Select((turn, i) => JudgeTurnAsync(
            evalCase, candidate, baseline, turn, i == 0 ? null : PairwiseMetrics.TurnSuffix(turn), judgeModel, cancellationToken))).ConfigureAwait(false);
        return [.. perTurn.SelectMany(scores => scores)];
    }

    private async Task<MetricScore[]> JudgeTurnAsync(
        EvalCase evalCase, TargetAnswer candidate, TargetAnswer baseline, int turn, string? suffix, ChatConfiguration judgeModel, CancellationToken cancellationToken)
    {
        if (PairwiseTurn.Missing(candidate, baseline, turn) is { } missing)
        {
            return Unscored(missing, suffix);
        }

        var candidateSlots = candidate.Turns.Take(turn + 1).Select(Slot).ToList();
        var baselineSlots = baseline.Turns.Take(turn + 1).Select(Slot).ToList();
        var (system, first) = Build(evalCase, turn, baselineSlots, candidateSlots);
        var (_, second) = Build(evalCase, turn, candidateSlots, baselineSlots);
        var maxTokens = MaxOutputTokensFor(evalCase);
        var games = await Task.WhenAll(
            AskAsync(judgeModel.ChatClient, system, first, maxTokens, cancellationToken),
            AskAsync(judgeModel.ChatClient, system, second, maxTokens, cancellationToken)).ConfigureAwait(false);
        if (games.FirstOrDefault(g => g.Failure is not null) is { Failure: { } failure })
        {
            return Unscored(JudgeDiagnostics.JudgeCallFailedPrefix + failure, suffix);
        }

        var verdicts = games.Select(g => Parse(evalCase, g.Text!)).ToArray();
        var outcome = PairwiseOutcome.FromLabels(verdicts[0].Label, verdicts[1].Label);
        var problem = string.Join("; ", verdicts.Select((v, i) => v.Problem is null ? null : $"game {i + 1}: {v.Problem}").OfType<string>());
        var raw = $"game 1 (baseline first):\n{games[0].Text}\n\ngame 2 (candidate first):\n{games[1].Text}";
        var diagnostic = problem.Length == 0 ? null : problem;
        return
        [
            new MetricScore(PairwiseMetrics.Win + suffix, outcome.Win, diagnostic, raw),
            new MetricScore(PairwiseMetrics.Consistent + suffix, outcome.Consistent is { } c ? (c ? 1 : 0) : null, diagnostic),
            new MetricScore(PairwiseMetrics.Verdict1 + suffix, outcome.Game1, verdicts[0].Problem),
            new MetricScore(PairwiseMetrics.Verdict2 + suffix, outcome.Game2, verdicts[1].Problem),
        ];
    }

    /// <summary>The turns (0-based) judged, each as its own pair of games; by default only the last one.</summary>
    protected virtual IReadOnlyList<int> JudgedTurns(EvalCase evalCase) => [JudgedTurn(evalCase)];

    /// <summary>
    /// The prompt for <paramref name="turn"/> given every answer up to it (already fenced), A's first; by default the
    /// single-turn prompt with that turn's answers.
    /// </summary>
    protected virtual (string System, ChatMessage User) Build(EvalCase evalCase, int turn, IReadOnlyList<string> answersA, IReadOnlyList<string> answersB) =>
        Build(evalCase, answersA[turn], answersB[turn]);

    /// <summary>The turn (0-based) whose answers are compared; the last one unless the judge's prompt says otherwise.</summary>
    protected virtual int JudgedTurn(EvalCase evalCase) => evalCase.Turns.Count - 1;

    /// <summary>
    /// The system prompt and the filled user message with <paramref name="answerA"/> shown as assistant A (held as
    /// pieces, <see cref="PythonFormat.Message"/>: a long question is not copied into each of the two prompts).
    /// </summary>
    protected abstract (string System, ChatMessage User) Build(EvalCase evalCase, string answerA, string answerB);

    protected abstract PairwiseVerdict Parse(string judgment);

    /// <summary>The verdict rule for this case; by default the judge's one rule (Arena-Hard's differs by version).</summary>
    protected virtual PairwiseVerdict Parse(EvalCase evalCase, string judgment) => Parse(judgment);

    /// <summary>The judge's output token budget for this case; by default <see cref="MaxOutputTokens"/>.</summary>
    protected virtual int MaxOutputTokensFor(EvalCase evalCase) => MaxOutputTokens;

    private string Slot(string answer) => Faithful ? answer : CandidateFence.Wrap(answer);

    private static async Task<(string? Text, string? Failure)> AskAsync(IChatClient client, string system, ChatMessage user, int maxTokens, CancellationToken ct)
    {
        try
        {
            var response = await client.GetResponseAsync(
                [new ChatMessage(ChatRole.System, system), user],
                new ChatOptions { Temperature = 0, MaxOutputTokens = maxTokens },
                ct).ConfigureAwait(false);
            return (response.Text, null);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" "));
        }
    }

    private static MetricScore[] Unscored(string diagnostic, string? suffix) =>
    [
        new(PairwiseMetrics.Win + suffix, null, diagnostic),
        new(PairwiseMetrics.Consistent + suffix, null, diagnostic),
        new(PairwiseMetrics.Verdict1 + suffix, null, diagnostic),
        new(PairwiseMetrics.Verdict2 + suffix, null, diagnostic),
    ];
}
