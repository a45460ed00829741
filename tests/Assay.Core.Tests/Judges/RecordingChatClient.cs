using Microsoft.Extensions.AI;

namespace Assay.Core.Tests.Judges;

/// <summary>
/// Stands in for the external judge model only: replies with canned text (or throws) and records every request,
/// so tests can check the exact messages and options the judge sent.
/// </summary>
internal sealed class RecordingChatClient(Func<int, string> reply) : IChatClient
{
    private readonly List<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> calls = [];

    public RecordingChatClient(params string[] replies)
        : this(call => replies[Math.Min(call, replies.Length - 1)])
    {
    }

    public Exception? Failure { get; init; }

    public IReadOnlyList<(IReadOnlyList<ChatMessage> Messages, ChatOptions? Options)> Calls => calls;

    public Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = calls.Count;
        calls.Add((messages.ToList(), options));
        if (Failure is not null)
        {
            throw Failure;
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, reply(call))));
    }

    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The judge does not stream.");

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }
}
