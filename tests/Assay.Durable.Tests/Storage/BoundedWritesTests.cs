using Assay.Durable.Storage;

namespace Assay.Durable.Tests.Storage;

public sealed class BoundedWritesTests
{
    [Fact]
    public async Task No_more_than_the_limit_are_in_progress_and_every_write_finishes()
    {
        var writes = new BoundedWrites(3);
        var gates = Enumerable.Range(0, 10).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToList();
        var started = 0;
        var adding = Task.Run(async () =>
        {
            foreach (var gate in gates)
            {
                Interlocked.Increment(ref started);
                await writes.AddAsync(gate.Task);
            }

            await writes.DrainAsync();
        });

        // The writer is held when three writes are in progress: the fourth is not started.
        await WaitUntilAsync(() => Volatile.Read(ref started) == 3);
        await Task.Delay(100);
        Assert.Equal(3, Volatile.Read(ref started));
        Assert.False(adding.IsCompleted);

        foreach (var gate in gates)
        {
            gate.SetResult();
        }

        await adding.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10, started);
    }

    [Fact]
    public async Task A_failed_write_is_thrown()
    {
        var writes = new BoundedWrites(2);
        await writes.AddAsync(Task.CompletedTask);
        var failure = new InvalidOperationException("upload failed");
        var error = await Assert.ThrowsAsync<InvalidOperationException>(async () =>
        {
            await writes.AddAsync(Task.FromException(failure));
            await writes.DrainAsync();
        });
        Assert.Same(failure, error);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the condition did not hold within 10 s");
            await Task.Delay(10);
        }
    }
}
