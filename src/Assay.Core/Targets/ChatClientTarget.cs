using Assay.Core.Benchmarks;
using Assay.Core.Solvers;
using Microsoft.Extensions.AI;

namespace Assay.Core.Targets;

/// <summary>
/// A model behind an <see cref="IChatClient"/> (OpenAI, Azure OpenAI, vLLM/TGI/Ollama). Turn n is asked with the
/// answers to turns 1..n-1 in the history, as MT-Bench does; a RAG case's documents go in front of turn 1
/// (<see cref="RetrievedDocuments"/>). A failed call becomes the answer's error.
/// </summary>
public sealed class ChatClientTarget(string name, IChatClient client, ChatOptions? options = null) : ITarget
{
    public string Name { get; } = name;

    public async Task<TargetAnswer> AnswerAsync(EvalCase evalCase, CancellationToken cancellationToken)
    {
        var history = new List<ChatMessage>(evalCase.Turns.Count * 2);
        var answers = new List<string>(evalCase.Turns.Count);
        foreach (var turn in evalCase.Turns)
        {
            history.Add(new ChatMessage(ChatRole.User, RetrievedDocuments.Prompt(evalCase, turn, answers.Count + 1)));
            ChatResponse response;
            try
            {
                response = await client.GetResponseAsync(history, options?.Clone(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return Failed(evalCase, answers, $"turn {answers.Count + 1}: {Describe(ex)}");
            }

            var text = response.Text;
            if (string.IsNullOrEmpty(text) && response.FinishReason == ChatFinishReason.ContentFilter)
            {
                return Failed(evalCase, answers, $"turn {answers.Count + 1}: blocked by the endpoint's content filter");
            }

            answers.Add(text);
            history.Add(new ChatMessage(ChatRole.Assistant, text));
        }

        return new TargetAnswer { CaseId = evalCase.Id, Target = Name, Turns = answers };
    }

    private TargetAnswer Failed(EvalCase evalCase, List<string> answered, string error) =>
        new() { CaseId = evalCase.Id, Target = Name, Turns = answered, Error = error };

    // Only the exception type and message: SDK messages name the endpoint and status, never the key.
    private static string Describe(Exception ex) => $"{ex.GetType().Name}: {ex.Message}".ReplaceLineEndings(" ");
}
