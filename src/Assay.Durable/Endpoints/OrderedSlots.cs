namespace Assay.Durable.Endpoints;

/// <summary>
/// A counting semaphore whose waiters are served lowest <see cref="CallOrder"/> first, and in arrival order within the
/// same number (a <see cref="SemaphoreSlim"/> serves arrival order only). A cancelled waiter leaves the queue: the slot
/// goes to the next.
/// </summary>
internal sealed class OrderedSlots(int count)
{
    private readonly object sync = new();
    private readonly PriorityQueue<Waiter, (long Order, long Arrival)> waiters = new();
    private int free = count;
    private long arrivals;

    /// <summary>Slots free now (for tests and diagnostics).</summary>
    public int Free
    {
        get
        {
            lock (sync)
            {
                return free;
            }
        }
    }

    public async Task WaitAsync(long order, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        Waiter waiter;
        lock (sync)
        {
            // Release hands a slot to a live waiter before it counts one free: free slots mean nobody live is waiting.
            if (free > 0)
            {
                free--;
                return;
            }

            waiter = new Waiter();
            waiters.Enqueue(waiter, (order, arrivals++));
        }

        using (ct.Register(static state => ((Waiter)state!).TrySetCanceled(), waiter))
        {
            await waiter.Task.ConfigureAwait(false);
        }
    }

    public void Release()
    {
        lock (sync)
        {
            while (waiters.TryDequeue(out var waiter, out _))
            {
                // False when it was cancelled: it holds no slot, so the next one gets it.
                if (waiter.TrySetResult())
                {
                    return;
                }
            }

            free++;
        }
    }

    // Continuations run asynchronously: a waiter's caller never runs inside Release's lock.
    private sealed class Waiter() : TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
}
