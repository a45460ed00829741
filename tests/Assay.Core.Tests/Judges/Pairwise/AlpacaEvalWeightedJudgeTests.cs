using Assay.Core.Benchmarks;
using Assay.Core.Judges.Pairwise;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.AI.Evaluation;

namespace Assay.Core.Tests.Judges.Pairwise;

/// <summary>
/// AlpacaEval's weighted judge: the prompt split as AlpacaEval splits its file, and the preference read from the
/// verdict token's log-probabilities as its <c>logprob_parser</c> (is_binarize false) reads them. The wire side (the
/// OpenAI request and response) is proved end to end in Assay.Cli.Tests.AlpacaEvalWeightedEndToEndTests.
/// </summary>
public sealed class AlpacaEvalWeightedJudgeTests
{
    [Fact]
    public void The_prompt_splits_into_AlpacaEvals_system_and_user_messages()
    {
        Assert.StartsWith("You are a highly efficient assistant, who evaluates and selects the best large language model (LLMs)", AlpacaEvalPrompt.System, StringComparison.Ordinal);
        Assert.StartsWith("I require a leaderboard for various large language models.", AlpacaEvalPrompt.UserTemplate, StringComparison.Ordinal);
        Assert.EndsWith("## Best Model Identifier", AlpacaEvalPrompt.UserTemplate, StringComparison.Ordinal);
        var filled = AlpacaEvalPrompt.Fill("Say {output_2}", "first {instruction}", "second");
        Assert.Contains("\"instruction\": \"\"\"Say {output_2}\"\"\",", filled, StringComparison.Ordinal);
        Assert.Contains("\"model_identifier\": \"m\",\n        \"output\": \"\"\"first {instruction}\"\"\"", filled, StringComparison.Ordinal);
        Assert.Contains("\"model_identifier\": \"M\",\n        \"output\": \"\"\"second\"\"\"", filled, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.010449888, -4.6069846, 0.9900139974)] // the first null-model annotation's raw completion: its published preference is 1.9900139974
    [InlineData(-0.69314718, -0.69314718, 0.5)]
    [InlineData(-0.1, double.NaN, 1.0)] // M not among the top tokens: probability 0
    public void The_preference_is_the_share_of_m_among_m_and_M(double m, double bigM, double expected)
    {
        var alternatives = new List<(string, double)> { ("m", m), ("The", -15.7) };
        if (!double.IsNaN(bigM))
        {
            alternatives.Add(("M", bigM));
        }

        Assert.Equal(expected, TokenLogProbabilities.Share(alternatives, "m", ["m", "M"])!.Value, 8);
    }

    [Fact]
    public void Neither_token_among_the_alternatives_is_no_preference()
    {
        Assert.Null(TokenLogProbabilities.Share([("The", -0.1), ("Based", -2)], "m", ["m", "M"]));
    }

    [Fact]
    public async Task Both_orders_average_into_a_soft_win_and_no_logprobs_is_unscored_with_a_reason()
    {
        var question = new EvalCase { Id = "q", Turns = ["Name a prime."] };
        var candidate = new TargetAnswer { CaseId = "q", Target = "m", Turns = ["seventeen"] };
        var baseline = new TargetAnswer { CaseId = "q", Target = "base", Turns = ["fourteen"] };
        // The judge prefers whichever output says "seventeen" with probability 0.8.
        var judge = new LogProbJudge(user => user.IndexOf("seventeen", StringComparison.Ordinal) < user.IndexOf("fourteen", StringComparison.Ordinal) ? 0.8 : 0.2);

        var scores = await new AlpacaEvalWeightedJudge(faithful: true).JudgeAsync(question, candidate, baseline, new ChatConfiguration(judge), CancellationToken.None);
        var silent = await new AlpacaEvalWeightedJudge(faithful: true).JudgeAsync(question, candidate, baseline, new ChatConfiguration(new LogProbJudge(null)), CancellationToken.None);

        Assert.Equal(0.8, scores.Single(s => s.Name == PairwiseMetrics.Win).Value!.Value, 9);
        Assert.Equal((1.0, 1.0, 1.0), (scores.Single(s => s.Name == PairwiseMetrics.Consistent).Value, scores.Single(s => s.Name == PairwiseMetrics.Verdict1).Value, scores.Single(s => s.Name == PairwiseMetrics.Verdict2).Value));
        Assert.All(judge.Options, o => Assert.Equal((5, 1, 1f), (TokenLogProbabilities.Requested(o), o.MaxOutputTokens, o.Temperature)));
        Assert.Null(silent.Single(s => s.Name == PairwiseMetrics.Win).Value);
        Assert.Contains("no log-probabilities", silent.Single(s => s.Name == PairwiseMetrics.Win).Diagnostic, StringComparison.Ordinal);
    }

    /// <summary>Stands in for the endpoint layer: answers m or M with the log-probabilities of P(m) = firstPreferred(user).</summary>
    private sealed class LogProbJudge(Func<string, double>? firstPreferred) : IChatClient
    {
        public List<ChatOptions> Options { get; } = [];

        public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
        {
            lock (Options)
            {
                Options.Add(options!);
            }

            var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, "m"));
            if (firstPreferred is not null)
            {
                var p = firstPreferred(messages.Last().Text);
                response.AdditionalProperties = new() { [TokenLogProbabilities.ResponseKey] = TokenLogProbabilities.Write([[("m", Math.Log(p)), ("M", Math.Log(1 - p))]]) };
            }

            return Task.FromResult(response);
        }

        public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public object? GetService(Type serviceType, object? serviceKey = null) => null;

        public void Dispose()
        {
        }
    }
}
