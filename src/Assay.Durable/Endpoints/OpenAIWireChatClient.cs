using System.ClientModel;
using System.ClientModel.Primitives;
using Assay.Core.Judges.Pairwise;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The chat-completions client of the OpenAI, Azure OpenAI and OpenAI-compatible kinds. The SDK's pipeline still
/// does the URL, authentication (key or managed identity), API version and errors; this writes the request body itself
/// (<see cref="ChatRequestBody"/>: streamed, so a long prompt is not held again as JSON, and with the output-token
/// limit under the field the server reads) and reads the answer with the SDK's own model. When a call asks for
/// log-probabilities (<see cref="TokenLogProbabilities"/>), the request carries <c>logprobs</c> and the per-token
/// alternatives go on the response as JSON text, so every layer above sees an ordinary response.
/// </summary>
internal sealed class OpenAIWireChatClient(ChatClient chat, string model, string tokenLimitField, string provider, Uri? endpoint) : IChatClient
{
    private readonly ChatClientMetadata metadata = new(provider, endpoint, model);

    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var list = messages as IReadOnlyList<Microsoft.Extensions.AI.ChatMessage> ?? [.. messages];
        if (ChatRequestBody.Unsupported(list, options) is { } problem)
        {
            throw new NotSupportedException($"The OpenAI wire client cannot send this request: {problem}.");
        }

        var top = TokenLogProbabilities.Requested(options);
        using var body = new ChatRequestBody(model, list, options, tokenLimitField, top);
        var result = await chat.CompleteChatAsync(body, new RequestOptions { CancellationToken = cancellationToken }).ConfigureAwait(false);
        // AsChatResponse is marked experimental (OPENAI001), but it is the mapping Microsoft.Extensions.AI's own OpenAI
        // chat client uses, so a response reads exactly as it did through it. (Not the SDK's OpenAIContext for reading:
        // it cost 15 MB of resident memory on every run.)
#pragma warning disable OPENAI001
        var completion = ModelReaderWriter.Read<ChatCompletion>(result.GetRawResponse().Content)
            ?? throw new UnusableResponseException("the response body is empty");
        var response = completion.AsChatResponse();
#pragma warning restore OPENAI001
        if (top is not null && completion.ContentTokenLogProbabilities is { Count: > 0 } tokens)
        {
            (response.AdditionalProperties ??= [])[TokenLogProbabilities.ResponseKey] = TokenLogProbabilities.Write(
                tokens.Select(t => t.TopLogProbabilities.Count > 0
                    ? t.TopLogProbabilities.Select(a => (a.Token, (double)a.LogProbability))
                    : [(t.Token, (double)t.LogProbability)]));
        }

        return response;
    }

    // Never reached: the retry layer above turns a streamed call into a whole one (a half-read stream cannot be retried).
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Streaming is not supported by Assay's OpenAI wire client.");

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(ChatClientMetadata) ? metadata
        : serviceType == typeof(ChatClient) ? chat
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }
}
