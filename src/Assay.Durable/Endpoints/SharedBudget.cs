namespace Assay.Durable.Endpoints;

/// <summary>
/// One endpoint's requests and tokens per window, shared with every other process through <see cref="SharedLimitStore"/>.
/// Callers spend a local allowance claimed from the window's blob; when it runs short, one claim at a time per process
/// fetches enough for the callers waiting (at most a chunk), and when the window has nothing left they sleep until the
/// next window, or until a finished call gives tokens back. Tokens are reserved by estimate and settled with the
/// reported usage within the same window; an overrun is carried as a debt into the next window. Whatever a process
/// holds when its window ends is lost.
/// </summary>
internal sealed class SharedBudget(
    SharedLimitStore store, string key, long? requestsPerWindow, long? tokensPerWindow, TimeSpan window, int chunks, TimeProvider time)
    : IDisposable
{
    private readonly object sync = new();
    private readonly SemaphoreSlim claiming = new(1, 1);
    private readonly long requestChunk = requestsPerWindow is { } r ? Math.Max(1, r / chunks) : 0;
    private readonly long tokenChunk = tokensPerWindow is { } t ? Math.Max(1, t / chunks) : 0;
    private readonly Dictionary<(int Generation, long WakeAt), int> sleeping = [];
    private TaskCompletionSource givenBack = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int generation;
    private long current = -1;
    private long exhausted = -1;
    private long requests;
    private long tokens;
    private long waitingRequests;
    private long waitingTokens;

    /// <summary>Takes one request and <paramref name="estimate"/> tokens; returns the window and the tokens reserved.</summary>
    public async Task<(long Window, long Reserved)> TakeAsync(long estimate, CancellationToken ct)
    {
        estimate = tokensPerWindow is { } cap ? Math.Min(estimate, cap) : 0; // a request larger than a window still passes, alone
        lock (sync)
        {
            waitingRequests++;
            waitingTokens += estimate;
        }

        var served = false;
        try
        {
            while (true)
            {
                var now = WindowOf(time.GetUtcNow());
                int seen;
                lock (sync)
                {
                    seen = generation;
                }

                var taken = TryTake(now, estimate) ? true : await ClaimAsync(now, estimate, ct).ConfigureAwait(false);
                if (taken == true)
                {
                    served = true;
                    return (now, estimate);
                }

                if (taken == false)
                {
                    await SleepAsync(DateTimeOffset.UnixEpoch + ((now + 1) * window), seen, ct).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            if (!served)
            {
                lock (sync)
                {
                    waitingRequests--;
                    waitingTokens -= estimate;
                }
            }
        }
    }

    /// <summary>
    /// Gives back (positive) or charges (negative) tokens of a grant made in <paramref name="granted"/>: a give-back
    /// counts only in that window (the endpoint counted the request there) and wakes the sleepers, a charge always counts.
    /// </summary>
    public void Settle(long granted, long delta)
    {
        if (tokensPerWindow is null || delta == 0)
        {
            return;
        }

        TaskCompletionSource? wake = null;
        lock (sync)
        {
            if (delta < 0 || granted == current)
            {
                tokens += delta;
            }

            if (delta > 0 && granted == current)
            {
                (wake, givenBack) = (givenBack, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                generation++;
            }
        }

        wake?.TrySetResult();
    }

    /// <summary>Callers asleep until a later window and not yet woken by a give-back: blocked until the clock moves.</summary>
    public int Sleeping()
    {
        var now = time.GetUtcNow().UtcTicks;
        lock (sync)
        {
            return sleeping.Where(s => s.Key.Generation == generation && s.Key.WakeAt > now).Sum(s => s.Value);
        }
    }

    public void Dispose() => claiming.Dispose();

    private long WindowOf(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks / window.Ticks;

    /// <summary>
    /// One claim at a time per process: true when this caller got its share, false when the window has none left,
    /// null when the grant went to other callers of this process first (look again).
    /// </summary>
    private async Task<bool?> ClaimAsync(long now, long estimate, CancellationToken ct)
    {
        await claiming.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (TryTake(now, estimate))
            {
                return true; // a claim made while this caller queued covered it
            }

            if (Volatile.Read(ref exhausted) == now)
            {
                return false; // this window already said no: one storage read per window, not one per waiter
            }

            var grant = await store.ClaimAsync(key, now, Claim(estimate), ct).ConfigureAwait(false);
            lock (sync)
            {
                if (current == now)
                {
                    requests += grant.Requests;
                    tokens += grant.Tokens;
                }
            }

            if (!grant.Granted)
            {
                Volatile.Write(ref exhausted, now);
                return false;
            }

            return TryTake(now, estimate) ? true : null;
        }
        finally
        {
            claiming.Release();
        }
    }

    private async Task SleepAsync(DateTimeOffset wakeAt, int seen, CancellationToken ct)
    {
        Task woken;
        var entry = (seen, wakeAt.UtcTicks);
        lock (sync)
        {
            if (generation != seen)
            {
                return; // tokens came back since this caller looked: look again
            }

            woken = givenBack.Task;
            sleeping[entry] = sleeping.GetValueOrDefault(entry) + 1;
        }

        try
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
            await Task.WhenAny(DelayUntilAsync(wakeAt, stop.Token), woken).ConfigureAwait(false);
            await stop.CancelAsync().ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
        }
        finally
        {
            lock (sync)
            {
                if ((sleeping[entry] -= 1) == 0)
                {
                    sleeping.Remove(entry);
                }
            }
        }
    }

    /// <summary>
    /// Until the clock reads <paramref name="wakeAt"/>. A timer's due time counts from when it is made: when the clock
    /// moved between reading it and making the timer, the timer would fire that much late, so it is made again. A test's
    /// manual clock moves a whole window at once, and only when every caller is asleep; a timer made just after such a
    /// move slept a whole window more, and the test waited for it forever (seen once in CI under load).
    /// </summary>
    private async Task DelayUntilAsync(DateTimeOffset wakeAt, CancellationToken ct)
    {
        while (true)
        {
            var read = time.GetUtcNow();
            if (read >= wakeAt)
            {
                return;
            }

            using var timer = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var delay = Task.Delay(wakeAt - read, time, timer.Token);
            if (time.GetUtcNow() - read < TimeSpan.FromMilliseconds(50))
            {
                await delay.ConfigureAwait(false);
                return;
            }

            await timer.CancelAsync().ConfigureAwait(false); // the late timer is dropped, not awaited
            ct.ThrowIfCancellationRequested();
        }
    }

    private bool TryTake(long now, long estimate)
    {
        lock (sync)
        {
            if (current != now)
            {
                // A new window: the old allowance is void, a debt (usage above the estimates) is carried over.
                current = now;
                requests = 0;
                tokens = Math.Min(0, tokens);
            }

            if ((requestsPerWindow is not null && requests < 1) || (tokensPerWindow is not null && tokens < estimate))
            {
                return false;
            }

            requests -= requestsPerWindow is null ? 0 : 1;
            tokens -= estimate;

            // No longer waiting, in the same step: a claim sized meanwhile must not count this caller twice.
            waitingRequests--;
            waitingTokens -= estimate;
            return true;
        }
    }

    private WindowClaim Claim(long estimate)
    {
        lock (sync)
        {
            var needRequests = requestsPerWindow is null ? 0 : Math.Max(0, 1 - requests);

            // Capped at a window's budget so that a debt is paid off over several windows instead of never fitting.
            var needTokens = tokensPerWindow is { } cap ? Math.Clamp(estimate - tokens, 0, cap) : 0;
            var wantRequests = Math.Min(requestChunk, waitingRequests - requests);
            var wantTokens = Math.Min(tokenChunk, waitingTokens - tokens);
            return new WindowClaim(requestsPerWindow, tokensPerWindow, needRequests, wantRequests, needTokens, wantTokens);
        }
    }
}
