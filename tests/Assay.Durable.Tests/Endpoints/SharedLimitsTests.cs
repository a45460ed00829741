using System.Collections.Concurrent;
using System.Text.Json;
using Assay.Testing;
using Microsoft.Extensions.AI;
using Xunit.Abstractions;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// Requests and tokens per minute held across two independent hosts (two DI containers, two gates) sharing one
/// endpoint through blobs in real Azurite. The clock is manual and moved one 10-second window at a time once every
/// waiting call is parked until the next window; the simulated endpoint counts what arrives in each window by that
/// same clock, so "never more than the window's budget" is checked exactly, without timing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SharedLimitsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 8, 0, 0, TimeSpan.Zero); // a window boundary

    [Theory]
    [InlineData(2, 120, 25)] // 20 per window, chunks of 2: many claims, many races
    [InlineData(4, 1_200, 100)] // 200 per window, chunks of 20: the cost at a realistic size
    public async Task Hosts_together_never_send_more_than_the_window_share_of_RequestsPerMinute(int hosts, int rpm, int callsPerHost)
    {
        var clock = new ManualClock(Start);
        var arrivals = new ConcurrentDictionary<long, int>();
        await using var server = await SimulatedOpenAIServer.StartAsync(_ =>
        {
            arrivals.AddOrUpdate(WindowOf(clock), 1, (_, n) => n + 1);
            return SimulatedReply.Text("ok");
        });
        var (container, model) = Unique();
        var limiters = Enumerable.Range(0, hosts)
            .Select(_ => LimiterHost.Start(azurite.ConnectionString, clock, container, server.BaseUrl, model, rpm, tpm: null)).ToList();
        try
        {
            // RequestsPerMinute × 10 s / 60 per window for all hosts together; every call is issued at once.
            var calls = limiters.Select((h, i) => (h, (IReadOnlyList<Task>)Calls(h, callsPerHost, $"h{i}-"))).ToArray();
            await LimiterHost.DriveAsync(clock, Window, calls);

            var budget = rpm / 6;
            var total = hosts * callsPerHost;
            var perWindow = arrivals.OrderBy(w => w.Key).Select(w => w.Value).ToList();
            Assert.Equal(total, server.Calls);
            Assert.All(perWindow, n => Assert.True(n <= budget, $"a window saw {n} requests: [{string.Join(", ", perWindow)}]"));

            // And none of the budget was stranded in one host: every window but the last was used in full.
            var full = Enumerable.Repeat(budget, total / budget).Concat(total % budget == 0 ? [] : [total % budget]);
            Assert.Equal(full, perWindow);
            Report($"RPM {rpm}, {hosts} hosts", limiters, server.Calls);
        }
        finally
        {
            limiters.ForEach(h => h.Dispose());
        }
    }

    [Fact]
    public async Task Limits_Instances_gives_each_instance_its_share_of_MaxConcurrency()
    {
        await using var server = await SimulatedOpenAIServer.StartAsync(_ => new SimulatedReply("ok", Delay: TimeSpan.FromMilliseconds(20)));
        var (container, model) = Unique();
        var extra = new Dictionary<string, string?> { ["Limits:Instances"] = "3", ["Endpoints:m:MaxConcurrency"] = "7" };
        using var host = LimiterHost.Start(azurite.ConnectionString, TimeProvider.System, container, server.BaseUrl, model, rpm: null, tpm: null, extra);

        await Task.WhenAll(Calls(host, 30, "c"));

        Assert.Equal(30, server.Calls);
        Assert.Equal(2, server.PeakInFlight); // 7 / 3 instances, rounded down: three of them never pass 7
    }

    [Fact]
    public async Task Two_hosts_reserve_estimated_tokens_settle_with_usage_and_never_exceed_the_window_token_budget()
    {
        var clock = new ManualClock(Start);
        var tokensPerWindow = new ConcurrentDictionary<long, long>();
        var requestsPerWindow = new ConcurrentDictionary<long, int>();
        await using var server = await SimulatedOpenAIServer.StartAsync(request =>
        {
            var window = WindowOf(clock);
            tokensPerWindow.AddOrUpdate(window, Usage, (_, n) => n + Usage);
            requestsPerWindow.AddOrUpdate(window, 1, (_, n) => n + 1);
            return WithUsage(request.Model, Usage);
        });
        var (container, model) = Unique();
        using var a = LimiterHost.Start(azurite.ConnectionString, clock, container, server.BaseUrl, model, rpm: null, tpm: 12_000);
        using var b = LimiterHost.Start(azurite.ConnectionString, clock, container, server.BaseUrl, model, rpm: null, tpm: 12_000);

        // 12,000 a minute = 2,000 per window. Each call reserves 400 (a 400-character prompt = 100, plus 300 of
        // max output) and uses 100: by estimate alone 5 calls fit a window, settled with the usage up to 20.
        var callsA = Calls(a, 15, "a", maxOutput: 300, promptChars: 400);
        var callsB = Calls(b, 15, "b", maxOutput: 300, promptChars: 400);
        await LimiterHost.DriveAsync(clock, Window, (a, callsA), (b, callsB));

        var tokens = tokensPerWindow.OrderBy(w => w.Key).Select(w => w.Value).ToList();
        var requests = requestsPerWindow.OrderBy(w => w.Key).Select(w => w.Value).ToList();
        output.WriteLine($"requests per window [{string.Join(", ", requests)}], tokens per window [{string.Join(", ", tokens)}]");
        Assert.Equal(30, server.Calls);
        Assert.All(tokens, n => Assert.True(n <= 2_000, $"a window used {n} tokens: [{string.Join(", ", tokens)}]"));
        Assert.True(requests[0] > 5, $"tokens given back after the usage was known should admit more than 5 calls in the first window: [{string.Join(", ", requests)}]");
        Report("TPM", [a, b], server.Calls);
    }

    [Fact]
    public async Task Usage_above_the_estimate_is_charged_to_the_shared_window_and_carried_over_as_a_debt()
    {
        var clock = new ManualClock(Start);
        var arrivals = new ConcurrentDictionary<long, int>();
        await using var server = await SimulatedOpenAIServer.StartAsync(request =>
        {
            arrivals.AddOrUpdate(WindowOf(clock) - WindowOf(Start), 1, (_, n) => n + 1);
            return WithUsage(request.Model, 1_000);
        });
        var (container, model) = Unique();
        using var a = LimiterHost.Start(azurite.ConnectionString, clock, container, server.BaseUrl, model, rpm: null, tpm: 12_000);

        // 2,000 tokens a window, 400 reserved per call, 1,000 used, one call after the other. By the estimates alone
        // five calls would go in the first window and use 5,000; charged with the usage, two go per window and each
        // window's use is its budget.
        var calls = new List<Task> { Sequentially(a, 6) };
        await LimiterHost.DriveAsync(clock, Window, (a, calls));

        Assert.Equal([(0L, 2), (1L, 2), (2L, 2)], arrivals.OrderBy(w => w.Key).Select(w => (w.Key, w.Value)));
    }

    [Fact]
    public async Task A_429_waits_only_its_Retry_After_and_gives_its_tokens_back_to_the_shared_window()
    {
        var clock = new ManualClock(Start);
        var seen = 0;
        var arrivedAt = new ConcurrentQueue<DateTimeOffset>();
        await using var server = await SimulatedOpenAIServer.StartAsync(request =>
        {
            arrivedAt.Enqueue(clock.GetUtcNow());
            return Interlocked.Increment(ref seen) == 1 ? SimulatedReply.TooManyRequests(TimeSpan.FromSeconds(3)) : WithUsage(request.Model, Usage);
        });
        var (container, model) = Unique();
        using var a = LimiterHost.Start(azurite.ConnectionString, clock, container, server.BaseUrl, model, rpm: 60, tpm: 4_800);
        using var b = LimiterHost.Start(azurite.ConnectionString, clock, container, server.BaseUrl, model, rpm: 60, tpm: 4_800);

        // 800 tokens per window, 400 reserved per attempt. The 429 is answered by a retry 3 s later (the clock is
        // moved by exactly 3 s: any second wait, in the gate or for budget, would leave the retry parked).
        var first = Calls(a, 1, "a", maxOutput: 300, promptChars: 400)[0];
        await Until(() => server.Calls == 1 && clock.PendingTimers == 1, "the 429 was answered and the retry is waiting on the clock");
        clock.Advance(TimeSpan.FromSeconds(3));
        // Bounded all the same: a hang is a failure, never a stalled suite. This test used to hang about once in 20 runs
        // under load: ManualClock counted the retry's timer as pending before the timer existed, so the clock could move
        // in between and the timer was made 3 s late (reproduced by sleeping in that gap; the clock now excludes it).
        await first.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal([Start, Start.AddSeconds(3)], arrivedAt);

        // The 429 used no tokens and gave its 400 back; the retry used 100. So 700 of the window's 800 are left (300
        // with host a, 400 never claimed) and a call of host b (400) still fits this window. Had the 429 kept its
        // 400, host a would have claimed all 800 and b would wait for the next window.
        var second = Calls(b, 1, "b", maxOutput: 300, promptChars: 400)[0];
        await Until(() => second.IsCompleted || b.Limits.SleepingCallers == 1, "the call was sent or is waiting for the next window");
        Assert.True(second.IsCompleted, "the other host's call had to wait for the next window: the 429's tokens were lost");
        await second.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(3, server.Calls);
        Assert.All(arrivedAt, t => Assert.True(t < Start + Window));
    }

    private const long Usage = 100;

    private static long WindowOf(TimeProvider clock) => WindowOf(clock.GetUtcNow());

    private static long WindowOf(DateTimeOffset at) => (at - DateTimeOffset.UnixEpoch).Ticks / Window.Ticks;

    private static (string Container, string Model) Unique() => ($"limits-{Guid.NewGuid():N}"[..20], EndpointKit.UniqueModel("shared"));

    private static List<Task> Calls(LimiterHost host, int count, string prefix, int? maxOutput = null, int promptChars = 8) =>
        Enumerable.Range(0, count).Select(i => (Task)host.Endpoint.GetResponseAsync(
            [new ChatMessage(ChatRole.User, $"{prefix}{i} ".PadRight(promptChars, 'x'))],
            new ChatOptions { MaxOutputTokens = maxOutput })).ToList();

    private static async Task Sequentially(LimiterHost host, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await Calls(host, 1, $"s{i}", maxOutput: 300, promptChars: 400)[0];
        }
    }

    /// <summary>A completion reporting <paramref name="total"/> tokens of usage, as the endpoint counts them.</summary>
    private static SimulatedReply WithUsage(string model, long total) => new(null, RawBody: JsonSerializer.Serialize(new
    {
        id = "chatcmpl-shared",
        @object = "chat.completion",
        created = 1_700_000_000,
        model,
        choices = new[] { new { index = 0, message = new { role = "assistant", content = "ok" }, finish_reason = "stop" } },
        usage = new { prompt_tokens = total - 1, completion_tokens = 1, total_tokens = total },
    }));

    private static async Task Until(Func<bool> condition, string what)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"never reached: {what}");
            await Task.Delay(5);
        }
    }

    private void Report(string test, IReadOnlyList<LimiterHost> hosts, int endpointCalls)
    {
        var reads = hosts.Sum(h => h.Limits.Calls.Reads);
        var writes = hosts.Sum(h => h.Limits.Calls.Writes);
        var races = hosts.Sum(h => h.Limits.Calls.Conflicts);
        output.WriteLine($"{test}: {endpointCalls} endpoint calls, {reads + writes} storage calls ({reads} reads, {writes} writes of which {races} lost a race): {(double)(reads + writes) / endpointCalls:F2} per call");
    }
}
