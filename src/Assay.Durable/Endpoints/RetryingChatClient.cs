using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// The one retry layer of an endpoint (the SDK's own retries are off, and the orchestration retries activities only
/// for storage faults, since endpoint failures become case errors). Each attempt passes the endpoint's gate and has
/// its own timeout. 429 waits for Retry-After (capped), other transient faults back off exponentially with jitter;
/// after <c>MaxAttempts</c> the call fails with an <see cref="EndpointCallException"/> naming the last cause.
/// </summary>
internal sealed class RetryingChatClient(IChatClient inner, EndpointGate gate, EndpointOptions options, TimeProvider time)
    : DelegatingChatClient(inner)
{
    /// <summary>Set on every response: how many HTTP attempts it took.</summary>
    public const string AttemptsKey = "assay.attempts";

    private readonly TimeSpan timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
    private readonly TimeSpan baseDelay = TimeSpan.FromSeconds(options.RetryBaseDelaySeconds);
    private readonly TimeSpan maxDelay = TimeSpan.FromSeconds(options.RetryMaxDelaySeconds);

    public override async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, CancellationToken cancellationToken = default)
    {
        var history = messages as IReadOnlyList<ChatMessage> ?? messages.ToList();
        var estimate = EndpointGate.EstimateTokens(history, chatOptions);
        for (var attempt = 1; ; attempt++)
        {
            Fault fault;
            using (var lease = await gate.EnterAsync(estimate, cancellationToken).ConfigureAwait(false))
            using (var attemptTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                attemptTimeout.CancelAfter(timeout);
                try
                {
                    var response = await base.GetResponseAsync(history, chatOptions?.Clone(), attemptTimeout.Token).ConfigureAwait(false);
                    lease.Used(response.Usage?.TotalTokenCount);
                    CheckUsable(response);
                    (response.AdditionalProperties ??= [])[AttemptsKey] = attempt;
                    return response;
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                catch (OperationCanceledException) when (attemptTimeout.IsCancellationRequested)
                {
                    fault = Fault.Classify(new TimeoutException(), timeout);
                }
                catch (Exception ex)
                {
                    fault = Fault.Classify(ex, timeout);
                }

                if (fault.RateLimited)
                {
                    lease.Refused();
                }
            }

            if (!fault.Retryable || attempt >= options.MaxAttempts)
            {
                var tries = attempt == 1 ? "1 attempt" : $"{attempt} attempts";
                throw new EndpointCallException($"{fault.Cause} ({tries})", attempt);
            }

            var delay = fault.RetryAfter is { } after ? Min(after, maxDelay) : Backoff(attempt);
            if (fault.RetryAfter is not null)
            {
                gate.PauseFor(delay);
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
    }

    public override async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? chatOptions = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        // Retrying a half-consumed stream would duplicate text: take the whole answer under the same policy instead.
        var response = await GetResponseAsync(messages, chatOptions, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <summary>Exponential with "equal jitter": half the step for sure, half at random, so retries spread out.</summary>
    private TimeSpan Backoff(int attempt)
    {
        var step = Min(TimeSpan.FromTicks((long)(baseDelay.Ticks * Math.Pow(2, attempt - 1))), maxDelay);
        return (step / 2) + (step / 2 * Random.Shared.NextDouble());
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static void CheckUsable(ChatResponse response)
    {
        if (response.Messages.Count == 0)
        {
            throw new UnusableResponseException("the response has no message");
        }
    }
}
