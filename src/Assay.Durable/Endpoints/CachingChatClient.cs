using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Answers a call from the response cache when the same request (see <see cref="CacheKey"/>) was answered before,
/// else calls the endpoint and stores the answer. Sits above the retry layer, so a hit takes no slot, no rate budget
/// and no attempt; only complete, usable answers are stored. With the scope's bypass set, the cache is not read but
/// is refreshed with the new answer.
/// </summary>
internal sealed class CachingChatClient(IChatClient inner, ResponseCache cache, EndpointKind kind, Uri? baseUrl, string model, string? variant)
    : DelegatingChatClient(inner)
{
    /// <summary>Set on a response that came from the cache.</summary>
    public const string CacheHitKey = "assay.cache-hit";

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var scope = CallScope.Current;
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var hash = CacheKey.Compute(kind, baseUrl, model, variant, history, options, scope?.Repeat ?? 0);
        if (scope?.BypassCache != true && await cache.GetAsync(kind, hash, cancellationToken).ConfigureAwait(false) is { } entry)
        {
            var cached = entry.ToResponse();
            (cached.AdditionalProperties ??= [])[CacheHitKey] = true;
            return cached;
        }

        var response = await base.GetResponseAsync(history, options, cancellationToken).ConfigureAwait(false);
        await cache.PutAsync(kind, hash, CacheEntry.From(response), cancellationToken).ConfigureAwait(false);
        return response;
    }
}
