using Assay.Core.Judges.Pairwise;
using Microsoft.Extensions.AI;
using OpenAI.Chat;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The OpenAI wire side of <see cref="TokenLogProbabilities"/>: when a call asks for log-probabilities, the request
/// gets <c>logprobs: true, top_logprobs: n</c> (through the adapter's raw options), and the completion's per-token
/// alternatives are put on the response as JSON text. Sits directly on the wire client, so every layer above (retries,
/// cache, accounting) sees an ordinary response. A server that ignores the request simply returns none.
/// </summary>
internal sealed class LogProbabilityChatClient(IChatClient inner) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<Microsoft.Extensions.AI.ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (TokenLogProbabilities.Requested(options) is not { } top)
        {
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var asked = options!.Clone();
        asked.AdditionalProperties?.Remove(TokenLogProbabilities.RequestKey);
        var previous = asked.RawRepresentationFactory;
        asked.RawRepresentationFactory = client =>
        {
            var raw = previous?.Invoke(client) as ChatCompletionOptions ?? new ChatCompletionOptions();
            raw.IncludeLogProbabilities = true;
            raw.TopLogProbabilityCount = top;
            return raw;
        };

        var response = await base.GetResponseAsync(messages, asked, cancellationToken).ConfigureAwait(false);
        if (response.RawRepresentation is ChatCompletion { ContentTokenLogProbabilities: { Count: > 0 } tokens })
        {
            (response.AdditionalProperties ??= [])[TokenLogProbabilities.ResponseKey] = TokenLogProbabilities.Write(
                tokens.Select(t => t.TopLogProbabilities.Count > 0
                    ? t.TopLogProbabilities.Select(a => (a.Token, (double)a.LogProbability))
                    : [(t.Token, (double)t.LogProbability)]));
        }

        return response;
    }
}
