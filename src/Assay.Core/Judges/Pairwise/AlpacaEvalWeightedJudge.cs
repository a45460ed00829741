using System.Globalization;
using Assay.Core.Benchmarks;
using Assay.Core.Judges.Hardening;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Judges.Pairwise;

/// <summary>
/// AlpacaEval 2.0's weighted GPT-4 Turbo judge (<c>weighted_alpaca_eval_gpt4_turbo</c>): its prompt
/// (<see cref="AlpacaEvalPrompt"/>), one output token, temperature 1, the top 5 log-probabilities of that token, and
/// the preference read from them as AlpacaEval's <c>logprob_parser</c> does: P(m) / (P(m) + P(M)). The result is a soft
/// preference in [0, 1], not a verdict. AlpacaEval judges one order per instruction, chosen at random; Assay judges
/// both orders and averages them, which is the expectation of AlpacaEval's estimate over its random order (and shows a
/// position bias as <c>consistent</c> = 0). Needs an endpoint that returns log-probabilities (OpenAI, Azure OpenAI,
/// vLLM): one that does not leaves the case unscored with a diagnostic saying so.
/// Metrics: <c>win</c> (soft: the mean probability that the candidate is preferred), <c>consistent</c>,
/// <c>verdict1</c>/<c>verdict2</c> (the sign of each game's preference, for Bradley-Terry) and
/// <c>preference1</c>/<c>preference2</c> (each game's soft preference for the candidate).
/// </summary>
public sealed class AlpacaEvalWeightedJudge(bool faithful) : IPairwiseCaseJudge
{
    public const string JudgeName = "alpaca-eval-weighted";

    public const string Preference1 = "preference1";

    public const string Preference2 = "preference2";

    /// <summary>AlpacaEval's <c>top_logprobs</c>.</summary>
    public const int TopLogProbabilities = 5;

    public string Name => Faithful ? JudgeName + "-faithful" : JudgeName;

    /// <summary>Insert outputs verbatim, as AlpacaEval does, instead of fenced and neutralised.</summary>
    public bool Faithful { get; } = faithful;

    public async Task<IReadOnlyList<MetricScore>> JudgeAsync(
        EvalCase evalCase, TargetAnswer candidate, TargetAnswer baseline, ChatConfiguration judgeModel, CancellationToken cancellationToken)
    {
        var (turn, missing) = PairwiseTurn.Last(evalCase, candidate, baseline, judgeModel);
        if (missing is not null)
        {
            return Unscored(missing);
        }

        var (mine, theirs) = (Slot(candidate.Turns[turn]), Slot(baseline.Turns[turn]));
        var games = await Task.WhenAll(
            AskAsync(judgeModel.ChatClient, evalCase.Turns[turn], theirs, mine, cancellationToken),
            AskAsync(judgeModel.ChatClient, evalCase.Turns[turn], mine, theirs, cancellationToken)).ConfigureAwait(false);
        if (games.FirstOrDefault(g => g.Problem is not null) is { Problem: { } problem })
        {
            return Unscored(problem, string.Join("\n", games.Select(g => g.Raw)));
        }

        // Game 1 shows the baseline as m: the candidate is M. Game 2 shows the candidate as m.
        var first = 1 - games[0].FirstPreferred!.Value;
        var second = games[1].FirstPreferred!.Value;
        var raw = $"game 1 (baseline first): {games[0].Raw}\ngame 2 (candidate first): {games[1].Raw}";
        return
        [
            new MetricScore(PairwiseMetrics.Win, (first + second) / 2, Raw: raw),
            new MetricScore(PairwiseMetrics.Consistent, Math.Sign(first - 0.5) == Math.Sign(second - 0.5) ? 1 : 0),
            new MetricScore(PairwiseMetrics.Verdict1, Math.Sign(first - 0.5)),
            new MetricScore(PairwiseMetrics.Verdict2, Math.Sign(second - 0.5)),
            new MetricScore(Preference1, first),
            new MetricScore(Preference2, second),
        ];
    }

    private string Slot(string answer) => Faithful ? answer : CandidateFence.Wrap(answer);

    private static async Task<(double? FirstPreferred, string? Raw, string? Problem)> AskAsync(
        IChatClient client, string instruction, string output1, string output2, CancellationToken cancellationToken)
    {
        var options = TokenLogProbabilities.Request(new ChatOptions { Temperature = 1, MaxOutputTokens = 1 }, TopLogProbabilities);
        var messages = new List<ChatMessage>
        {
            new(ChatRole.System, AlpacaEvalPrompt.System),
            new(ChatRole.User, AlpacaEvalPrompt.Fill(instruction, output1, output2)),
        };
        var (text, response, failure) = await JudgeCall.AskAsync(client, messages, options, cancellationToken).ConfigureAwait(false);
        if (failure is not null)
        {
            return (null, null, JudgeDiagnostics.JudgeCallFailedPrefix + failure);
        }

        var tokens = TokenLogProbabilities.Read(response);
        if (tokens is not { Count: > 0 })
        {
            return (null, text, $"the judge endpoint returned no log-probabilities (answer '{text}'): this judge needs an endpoint that supports logprobs");
        }

        var alternatives = tokens[0];
        var raw = $"{text} [" + string.Join(", ", alternatives.Select(a => string.Create(CultureInfo.InvariantCulture, $"{a.Token}: {a.LogProb:0.######}"))) + "]";
        return TokenLogProbabilities.Share(alternatives, AlpacaEvalPrompt.FirstToken, [AlpacaEvalPrompt.FirstToken, AlpacaEvalPrompt.SecondToken]) is { } share
            ? (share, raw, null)
            : (null, raw, $"neither '{AlpacaEvalPrompt.FirstToken}' nor '{AlpacaEvalPrompt.SecondToken}' is among the top {TopLogProbabilities} tokens");
    }

    private static MetricScore[] Unscored(string diagnostic, string? raw = null) =>
    [
        new(PairwiseMetrics.Win, null, diagnostic, raw),
        new(PairwiseMetrics.Consistent, null, diagnostic),
        new(PairwiseMetrics.Verdict1, null, diagnostic),
        new(PairwiseMetrics.Verdict2, null, diagnostic),
        new(Preference1, null, diagnostic),
        new(Preference2, null, diagnostic),
    ];
}
