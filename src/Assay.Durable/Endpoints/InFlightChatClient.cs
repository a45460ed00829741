using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Makes concurrent identical requests (same <see cref="CacheKey"/>: the same messages, sampling parameters and sample
/// index) one endpoint call: the first caller's request goes down the pipeline, callers that arrive while it is in
/// flight wait for its answer. The response cache cannot do this alone, because it is written only when an answer
/// comes back: 29 identical back-translations of a mutation run, asked at once, reached the endpoint twice. Sits
/// above the cache, so the shared call still reads and writes it; each waiter gets its own copy of the answer,
/// marked as a cache hit, so accounting counts one call and the rest as hits. A failed call fails every waiter with
/// the same exception; the next identical request after it tries again. Present only with the response cache on, and
/// stepped over when the scope bypasses it: then identical calls are meant to be made, whether at once or in turn.
/// </summary>
internal sealed class InFlightChatClient(IChatClient inner, EndpointKind kind, Uri? baseUrl, string model, string? variant)
    : DelegatingChatClient(inner)
{
    private readonly InFlightCalls<ChatResponse> calls = new();

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = CallScope.Current;
        if (scope?.BypassCache == true)
        {
            // --no-cache asks for every call to be made, as the cache below then does for calls one after another.
            return await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        }

        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var key = CacheKey.Compute(kind, baseUrl, model, variant, history, options, scope?.Repeat ?? 0);
        var (response, shared) = await calls.JoinAsync(
            key, token => base.GetResponseAsync(history, options, token), cancellationToken).ConfigureAwait(false);
        if (!shared)
        {
            return response;
        }

        // The leader's response object is its own; a waiter gets a copy that says it made no call.
        var copy = CacheEntry.From(response).ToResponse();
        (copy.AdditionalProperties ??= [])[CachingChatClient.CacheHitKey] = true;
        return copy;
    }
}
