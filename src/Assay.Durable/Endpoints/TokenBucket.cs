namespace Assay.Durable.Endpoints;

/// <summary>
/// A per-minute budget (requests or tokens) refilled continuously. The burst is a sixth of the minute's budget:
/// Azure OpenAI enforces its per-minute quotas over 1- and 10-second windows, so a full minute's burst at once
/// would itself be answered with 429s.
/// </summary>
internal sealed class TokenBucket
{
    private readonly object sync = new();
    private readonly TimeProvider time;
    private readonly double capacity;
    private readonly double perSecond;
    private double available;
    private long stamp;

    public TokenBucket(double perMinute, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perMinute, 1);
        this.time = time;
        capacity = Math.Max(1, perMinute / 6);
        perSecond = perMinute / 60;
        available = capacity;
        stamp = time.GetTimestamp();
    }

    /// <summary>Waits until <paramref name="amount"/> is available and takes it (at most the burst, so it always can).</summary>
    public async Task TakeAsync(double amount, CancellationToken ct)
    {
        amount = Math.Min(amount, capacity);
        while (true)
        {
            TimeSpan wait;
            lock (sync)
            {
                Refill();
                if (available >= amount)
                {
                    available -= amount;
                    return;
                }

                wait = TimeSpan.FromSeconds((amount - available) / perSecond);
            }

            await Task.Delay(wait < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : wait, time, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Gives back (positive) or charges (negative) the difference between an estimate and what was used.</summary>
    public void Adjust(double delta)
    {
        lock (sync)
        {
            Refill();
            available = Math.Min(capacity, available + delta);
        }
    }

    private void Refill()
    {
        var now = time.GetTimestamp();
        available = Math.Min(capacity, available + (time.GetElapsedTime(stamp, now).TotalSeconds * perSecond));
        stamp = now;
    }
}
