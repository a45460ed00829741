using Microsoft.Extensions.AI;

namespace Assay.Core.Tests.Judges.Pairwise;

/// <summary>Stands in for the external judge model: answers from the prompt it is given, and keeps the prompts.</summary>
internal sealed class ScriptedJudge(Func<string, string> reply) : IChatClient
{
    private readonly List<IReadOnlyList<ChatMessage>> prompts = [];

    public IReadOnlyList<IReadOnlyList<ChatMessage>> Prompts => prompts;

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages.ToList();
        lock (prompts)
        {
            prompts.Add(list);
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(list[^1].Text))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
