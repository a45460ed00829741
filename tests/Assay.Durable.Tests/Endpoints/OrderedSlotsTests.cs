using Assay.Core.Benchmarks;
using Assay.Core.Targets;
using Assay.Durable.Endpoints;
using Assay.Testing;

namespace Assay.Durable.Tests.Endpoints;

public sealed class OrderedSlotsTests
{
    [Fact]
    public async Task Waiters_are_served_lowest_order_first_and_in_arrival_order_within_one()
    {
        var slots = new OrderedSlots(1);
        await slots.WaitAsync(order: 5, CancellationToken.None);
        var served = new List<string>();
        foreach (var (name, order) in new[] { ("c", 9L), ("a1", 3L), ("b", 7L), ("a2", 3L) })
        {
            _ = slots.WaitAsync(order, CancellationToken.None).ContinueWith(_ => { lock (served) { served.Add(name); } }, TaskScheduler.Default);
        }

        for (var i = 1; i <= 4; i++)
        {
            slots.Release();
            await WaitForAsync(() => { lock (served) { return served.Count == i; } });
        }

        Assert.Equal(["a1", "a2", "b", "c"], served);
        Assert.Equal(0, slots.Free);
        slots.Release();
        Assert.Equal(1, slots.Free);
    }

    [Fact]
    public async Task A_cancelled_waiter_gives_its_turn_to_the_next_and_holds_no_slot()
    {
        var slots = new OrderedSlots(1);
        await slots.WaitAsync(1, CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var first = slots.WaitAsync(2, cancel.Token);
        var second = slots.WaitAsync(3, CancellationToken.None);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        Assert.False(second.IsCompleted);

        slots.Release();
        await second.WaitAsync(TimeSpan.FromSeconds(5));
        slots.Release();
        Assert.Equal(1, slots.Free);
    }

    [Fact]
    public async Task Free_slots_are_taken_at_once_whatever_the_order()
    {
        var slots = new OrderedSlots(3);
        await Task.WhenAll(slots.WaitAsync(9, CancellationToken.None), slots.WaitAsync(1, CancellationToken.None), slots.WaitAsync(5, CancellationToken.None));
        Assert.Equal(0, slots.Free);
    }

    [Fact]
    public async Task Through_the_endpoint_the_calls_of_an_activity_started_first_are_sent_first_even_when_they_wait_later()
    {
        // The real client against a simulated endpoint with 2 slots, both held by slow calls. Two "activities" of 6 calls
        // each: the first to start asks only after the second's calls are waiting. When the slots free up, every call of
        // the first is sent before any of the second's (arrival order, a SemaphoreSlim's, would send the second's first).
        await using var server = await SimulatedOpenAIServer.StartAsync(r => new SimulatedReply(
            "ok " + r.Messages[^1].Content, Delay: TimeSpan.FromMilliseconds(r.Messages[^1].Content.StartsWith("blocker", StringComparison.Ordinal) ? 3000 : 30)));
        var options = EndpointKit.Fast(server.BaseUrl, "m");
        options.MaxConcurrency = 2;
        // The blockers hold the slots 3 s, well past the moment both activities' calls wait (CI once sent a call of the
        // second first, when 0.6 s blockers were also cut by the kit's 0.5 s attempt timeout): no attempt is cut here.
        options.TimeoutSeconds = 30;
        using var factory = EndpointKit.Factory(null, ("m", options));
        var target = new ChatClientTarget("m", factory.Get("m"));

        var blockers = Enumerable.Range(0, 2).Select(i => Ask("blocker", i)).ToList();
        await WaitForAsync(() => server.InFlight == 2);
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task first, second;
        using (CallOrder.Begin())
        {
            first = Task.Run(async () =>
            {
                await go.Task.ConfigureAwait(false);
                await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Ask("first", i))).ConfigureAwait(false);
            });
        }

        using (CallOrder.Begin())
        {
            second = Task.WhenAll(Enumerable.Range(0, 6).Select(i => Ask("second", i)));
        }

        await Task.Delay(150); // the second's calls are waiting for a slot
        go.SetResult();
        await Task.WhenAll([.. blockers, first, second]);

        var sent = server.Requests.OrderBy(r => r.ReceivedAt).Select(r => r.Messages[^1].Content)
            .Where(c => !c.StartsWith("blocker", StringComparison.Ordinal)).ToList();
        Assert.Equal(12, sent.Count);
        Assert.All(sent.Take(6), c => Assert.StartsWith("first", c, StringComparison.Ordinal));

        Task<TargetAnswer> Ask(string name, int i) =>
            target.AnswerAsync(new EvalCase { Id = $"{name}{i}", Turns = [$"{name} {i}"] }, CancellationToken.None);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 10 s");
            await Task.Delay(5);
        }
    }
}
