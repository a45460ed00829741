using Microsoft.Extensions.Time.Testing;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// A clock that moves only when a test says so (<see cref="FakeTimeProvider"/>), and that counts the timers still
/// pending, so a test can tell "every caller is parked on the clock" from "something is still running".
/// </summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private readonly FakeTimeProvider fake = new(start);
    // A timer counts as pending from before its inner timer exists: were the clock moved in between (a test moves it
    // once it sees the timer pending), the inner timer would be made at the new time, due that much later, and never
    // fire. Making a timer and moving the clock therefore exclude each other (re-entrant: a timer fired by a move may
    // make the next one on the same thread).
    private readonly Lock gate = new();
    private int pending;

    /// <summary>Timers created and neither fired nor disposed: callers waiting for the clock.</summary>
    public int PendingTimers => Volatile.Read(ref pending);

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public void Advance(TimeSpan delta)
    {
        lock (gate)
        {
            fake.Advance(delta);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new CountedTimer(this);
        lock (gate)
        {
            Interlocked.Increment(ref pending);
            timer.Inner = fake.CreateTimer(
                s =>
                {
                    if (period == Timeout.InfiniteTimeSpan)
                    {
                        timer.Done();
                    }

                    callback(s);
                },
                state,
                dueTime,
                period);
        }

        return timer;
    }

    private sealed class CountedTimer(ManualClock clock) : ITimer
    {
        private int done;

        public ITimer Inner { get; set; } = null!;

        public void Done()
        {
            if (Interlocked.Exchange(ref done, 1) == 0)
            {
                Interlocked.Decrement(ref clock.pending);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period) => Inner.Change(dueTime, period);

        public void Dispose()
        {
            Done();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
