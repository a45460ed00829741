using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Microsoft.Extensions.AI;

namespace Assay.Core.Solvers;

/// <summary>
/// An endpoint target run as a variant: each user turn is mutated (<see cref="IPromptMutation"/>), then asked with a
/// prompting strategy (<see cref="PromptStrategies"/>); the answer judged is the strategy's final answer, restored
/// to plain English when the mutation encoded or translated it. Every call goes through the endpoint's own client
/// (cache, retries, accounting), one call per step, so each is recorded and a resumed run answers them from the cache.
/// The answer's metadata records what was really sent and the intermediate steps.
/// </summary>
public sealed class SolverTarget(
    string name, IChatClient client, ChatOptions? options, string? strategy, IPromptMutation? mutation, IChatClient? generator = null) : ITarget
{
    public string Name { get; } = name;

    public async Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken)
    {
        var history = new List<ChatMessage>(evalCase.Turns.Count * 2);
        var answers = new List<string>(evalCase.Turns.Count);
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal) { ["strategy"] = strategy ?? PromptStrategies.Plain };
        if (mutation is not null)
        {
            metadata["mutation"] = mutation.Name;
        }

        foreach (var turn in evalCase.Turns)
        {
            var number = answers.Count + 1;
            string step = "mutation";
            try
            {
                var prompt = mutation is null ? turn : await mutation.MutateAsync(turn, $"{evalCase.Id}\n{number}", generator, cancellationToken).ConfigureAwait(false);
                if (mutation is not null)
                {
                    metadata[$"prompt.{number}"] = prompt;
                }

                // The mutation changes how the question is asked, never the documents it is answered from.
                prompt = RetrievedDocuments.Prompt(evalCase, prompt, number);

                step = "answer";
                var (sent, final) = await SolveAsync(history, prompt, metadata, number, cancellationToken).ConfigureAwait(false);
                history.Add(new ChatMessage(ChatRole.User, sent));
                history.Add(new ChatMessage(ChatRole.Assistant, final));

                step = "restoring the answer";
                var restored = mutation is null ? final : await mutation.RestoreAsync(final, generator, cancellationToken).ConfigureAwait(false);
                if (!string.Equals(restored, final, StringComparison.Ordinal))
                {
                    metadata[$"raw_answer.{number}"] = final;
                }

                answers.Add(restored);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return new TargetAnswer
                {
                    CaseId = evalCase.Id, Target = Name, Turns = answers, Metadata = metadata,
                    Error = $"turn {number} ({step}): {ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" "),
                };
            }
        }

        return new TargetAnswer { CaseId = evalCase.Id, Target = Name, Turns = answers, Metadata = metadata };
    }

    /// <returns>The user message kept in the history for later turns, and the final answer.</returns>
    private async Task<(string Sent, string Final)> SolveAsync(
        List<ChatMessage> history, string prompt, Dictionary<string, string> metadata, int number, CancellationToken ct)
    {
        switch (strategy)
        {
            case null or PromptStrategies.Plain:
                return (prompt, await AskAsync([.. history, new(ChatRole.User, prompt)], ct).ConfigureAwait(false));
            case PromptStrategies.ChainOfThought:
                var cot = $"{prompt}\n\n{PromptStrategies.CotSuffix}";
                return (cot, await AskAsync([.. history, new(ChatRole.User, cot)], ct).ConfigureAwait(false));
            case PromptStrategies.CriticalQuestions:
                var plan = $"{prompt}\n\n{PromptStrategies.CqotPlanSuffix}";
                List<ChatMessage> steps = [.. history, new(ChatRole.User, plan)];
                var draft = await AskAsync(steps, ct).ConfigureAwait(false);
                metadata[$"cqot.draft.{number}"] = draft;
                steps.AddRange([new(ChatRole.Assistant, draft), new(ChatRole.User, PromptStrategies.CqotQuestions)]);
                var critique = await AskAsync(steps, ct).ConfigureAwait(false);
                metadata[$"cqot.critique.{number}"] = critique;
                steps.AddRange([new(ChatRole.Assistant, critique), new(ChatRole.User, PromptStrategies.CqotRevise)]);
                return (plan, await AskAsync(steps, ct).ConfigureAwait(false));
            default:
                throw new InvalidOperationException(PromptStrategies.Problem(strategy));
        }
    }

    private async Task<string> AskAsync(List<ChatMessage> messages, CancellationToken ct)
    {
        var response = await client.GetResponseAsync(messages, options?.Clone(), ct).ConfigureAwait(false);
        return string.IsNullOrEmpty(response.Text) && response.FinishReason == ChatFinishReason.ContentFilter
            ? throw new InvalidOperationException("blocked by the endpoint's content filter")
            : response.Text;
    }
}
