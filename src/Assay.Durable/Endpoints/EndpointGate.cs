using Microsoft.Extensions.AI;

namespace Assay.Durable.Endpoints;

/// <summary>
/// Everything that must hold before one HTTP attempt goes to an endpoint: a slot under <c>MaxConcurrency</c>, a
/// request under <c>RequestsPerMinute</c>, the estimated tokens under <c>TokensPerMinute</c>, and no pause asked by a
/// 429. One gate per endpoint per process, shared by every batch and run. Slots are held per attempt, not during
/// backoff, so a retrying call never blocks the endpoint for the others; waiting calls are served in
/// <see cref="CallOrder"/> (the earliest-started activity's first). With a <see cref="SharedBudget"/> the
/// per-minute limits are the budget of windows shared by every instance, instead of this process's own buckets.
/// </summary>
internal sealed class EndpointGate : IDisposable
{
    private readonly OrderedSlots slots;
    private readonly TokenBucket? requests;
    private readonly TokenBucket? tokens;
    private readonly SharedBudget? shared;
    private readonly TimeProvider time;
    private long pausedUntilTicks;

    /// <param name="instances">Processes sharing the endpoint: this one takes its share of MaxConcurrency.</param>
    public EndpointGate(EndpointOptions options, TimeProvider time, SharedBudget? shared = null, int instances = 1)
    {
        this.time = time;
        this.shared = shared;
        var concurrency = Math.Max(1, options.MaxConcurrency / instances);
        slots = new OrderedSlots(concurrency);
        requests = shared is null && options.RequestsPerMinute is { } rpm ? new TokenBucket(rpm, time) : null;
        tokens = shared is null && options.TokensPerMinute is { } tpm ? new TokenBucket(tpm, time) : null;
    }

    /// <summary>Takes a slot and the budgets for one attempt. Dispose the lease when the attempt is over.</summary>
    public async Task<Lease> EnterAsync(int estimatedTokens, CancellationToken ct)
    {
        await slots.WaitAsync(CallOrder.Current, ct).ConfigureAwait(false);
        try
        {
            // After a 429 with Retry-After the endpoint has told us when it will accept again: nobody sends before.
            var pause = new DateTimeOffset(Interlocked.Read(ref pausedUntilTicks), TimeSpan.Zero) - time.GetUtcNow();
            if (pause > TimeSpan.Zero)
            {
                await Task.Delay(pause, time, ct).ConfigureAwait(false);
            }

            if (shared is not null)
            {
                var (window, reserved) = await shared.TakeAsync(estimatedTokens, ct).ConfigureAwait(false);
                return new Lease(this, reserved, window);
            }

            if (requests is not null)
            {
                await requests.TakeAsync(1, ct).ConfigureAwait(false);
            }

            if (tokens is not null)
            {
                await tokens.TakeAsync(estimatedTokens, ct).ConfigureAwait(false);
            }

            return new Lease(this, estimatedTokens, 0);
        }
        catch
        {
            slots.Release();
            throw;
        }
    }

    /// <summary>Holds every caller back until <paramref name="delay"/> from now.</summary>
    public void PauseFor(TimeSpan delay)
    {
        var until = (time.GetUtcNow() + delay).UtcTicks;
        long seen;
        while ((seen = Interlocked.Read(ref pausedUntilTicks)) < until && Interlocked.CompareExchange(ref pausedUntilTicks, until, seen) != seen)
        {
        }
    }

    /// <summary>A prompt's token estimate: ~4 characters a token plus the output allowance, as Azure estimates for TPM.</summary>
    public static int EstimateTokens(IEnumerable<ChatMessage> messages, ChatOptions? options) =>
        (MessageTexts.Length(messages) / 4) + (options?.MaxOutputTokens ?? 256);

    public void Dispose()
    {
        shared?.Dispose();
    }

    internal sealed class Lease(EndpointGate gate, long estimated, long window) : IDisposable
    {
        private int released;
        private int settled;

        /// <summary>Settles the token budget with the usage the endpoint reported.</summary>
        public void Used(long? totalTokens)
        {
            if (totalTokens is { } used)
            {
                Settle(estimated - used);
            }
        }

        /// <summary>
        /// The endpoint refused the request (429) before doing any work: its tokens go back. The request itself stays
        /// spent, since the endpoint counted it.
        /// </summary>
        public void Refused() => Settle(estimated);

        private void Settle(long delta)
        {
            if (Interlocked.Exchange(ref settled, 1) != 0)
            {
                return;
            }

            if (gate.shared is { } budget)
            {
                budget.Settle(window, delta);
            }
            else
            {
                gate.tokens?.Adjust(delta);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                gate.slots.Release();
            }
        }
    }
}
