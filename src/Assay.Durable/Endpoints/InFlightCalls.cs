namespace Assay.Durable.Endpoints;

/// <summary>
/// One call per key while it is in flight: callers that ask for a key already being fetched wait for that fetch.
/// The fetch belongs to no single caller: a caller that cancels stops waiting, and the fetch is cancelled only when
/// every caller waiting for it has cancelled (a new caller after that starts a new fetch). Nothing is kept after a
/// fetch ends: remembering answers is the response cache's job.
/// </summary>
internal sealed class InFlightCalls<T>
{
    private readonly Dictionary<string, Flight> flights = new(StringComparer.Ordinal);

    /// <summary>The number of fetches in flight (for tests).</summary>
    public int Count
    {
        get
        {
            lock (flights)
            {
                return flights.Count;
            }
        }
    }

    /// <returns>The value, and whether it came from a fetch another caller started.</returns>
    public async Task<(T Value, bool Shared)> JoinAsync(string key, Func<CancellationToken, Task<T>> fetch, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Flight? flight;
        bool leader;
        lock (flights)
        {
            leader = !flights.TryGetValue(key, out flight);
            if (flight is null)
            {
                flight = new Flight();
                flights.Add(key, flight);
            }

            flight.Waiters++;
        }

        if (leader)
        {
            _ = RunAsync(key, flight, fetch);
        }

        try
        {
            return (await flight.Result.Task.WaitAsync(cancellationToken).ConfigureAwait(false), !leader);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Leave(key, flight);
            throw;
        }
    }

    private async Task RunAsync(string key, Flight flight, Func<CancellationToken, Task<T>> fetch)
    {
        try
        {
            flight.Result.TrySetResult(await fetch(flight.Cancel.Token).ConfigureAwait(false));
        }
        catch (OperationCanceledException ex) when (flight.Cancel.IsCancellationRequested)
        {
            flight.Result.TrySetCanceled(ex.CancellationToken);
        }
        catch (Exception ex)
        {
            flight.Result.TrySetException(ex);
        }
        finally
        {
            lock (flights)
            {
                if (flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
                {
                    flights.Remove(key);
                }
            }

            flight.Cancel.Dispose();
        }
    }

    // The last waiter to leave cancels the fetch and unlists it, so nobody joins a fetch that is being abandoned.
    private void Leave(string key, Flight flight)
    {
        lock (flights)
        {
            if (--flight.Waiters > 0 || flight.Result.Task.IsCompleted)
            {
                return;
            }

            if (flights.TryGetValue(key, out var current) && ReferenceEquals(current, flight))
            {
                flights.Remove(key);
            }

            try
            {
                flight.Cancel.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The fetch ended between the check above and here; there is nothing left to cancel.
            }
        }
    }

    private sealed class Flight
    {
        public TaskCompletionSource<T> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenSource Cancel { get; } = new();

        // Guarded by the dictionary's lock.
        public int Waiters { get; set; }
    }
}
