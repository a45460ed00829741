using System.Diagnostics;
using Assay.Core.Accounting;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The outermost layer of an endpoint: one <see cref="CallRecord"/> per logical call (tokens, latency over all
/// attempts and waits, attempts, cache hit, final error) into the ambient <see cref="CallScope"/>, from where the
/// activity stores it with the case.
/// </summary>
internal sealed class AccountingChatClient(IChatClient inner, string endpoint) : DelegatingChatClient(inner)
{
    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
            var properties = response.AdditionalProperties;
            var hit = properties?.ContainsKey(CachingChatClient.CacheHitKey) == true;
            var attempts = hit ? 0 : properties?.TryGetValue(RetryingChatClient.AttemptsKey, out var a) == true && a is int n ? n : 1;
            CallScope.Current?.Add(new CallRecord(
                endpoint,
                response.Usage?.InputTokenCount ?? 0,
                response.Usage?.OutputTokenCount ?? 0,
                Stopwatch.GetElapsedTime(started).TotalMilliseconds,
                attempts,
                hit));
            EndpointCallCounter.Count(failed: false);
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var attempts = ex is EndpointCallException call ? call.Attempts : 1;
            CallScope.Current?.Add(new CallRecord(endpoint, 0, 0, Stopwatch.GetElapsedTime(started).TotalMilliseconds, attempts, false, ex.Message));
            EndpointCallCounter.Count(failed: true);
            throw;
        }
    }
}
