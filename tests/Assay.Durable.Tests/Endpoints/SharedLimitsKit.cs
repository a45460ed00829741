using System.Globalization;
using Assay.Durable.Endpoints;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Assay.Durable.Tests.Endpoints;

/// <summary>
/// One "instance" of Assay for the shared-limit tests: its own DI container (so its own ChatClientFactory and
/// EndpointGate), registered the way every host registers Assay, on a clock the test moves.
/// </summary>
internal sealed class LimiterHost : IDisposable
{
    private readonly ServiceProvider services;

    private LimiterHost(ServiceProvider services)
    {
        this.services = services;
        Factory = services.GetRequiredService<ChatClientFactory>();
        Limits = services.GetRequiredService<SharedLimitStore>();
    }

    public ChatClientFactory Factory { get; }

    public SharedLimitStore Limits { get; }

    public IChatClient Endpoint => Factory.Get("m");

    /// <summary>Endpoint <c>m</c> at <paramref name="baseUrl"/> with the given per-minute limits, budgets shared in <paramref name="container"/>.</summary>
    public static LimiterHost Start(
        string storage, TimeProvider clock, string container, Uri baseUrl, string model, int? rpm, int? tpm, IDictionary<string, string?>? extra = null)
    {
        var values = new Dictionary<string, string?>
        {
            ["Storage:ConnectionString"] = storage,
            ["Cache:Enabled"] = "false",
            ["Limits:Shared"] = "true",
            ["Limits:Container"] = container,
            ["Limits:WindowSeconds"] = "10",
            ["Endpoints:m:Kind"] = "OpenAICompatible",
            ["Endpoints:m:BaseUrl"] = baseUrl.ToString(),
            ["Endpoints:m:Model"] = model,
            ["Endpoints:m:MaxConcurrency"] = "256", // more than the calls of a test: every caller reaches the budget
            ["Endpoints:m:TimeoutSeconds"] = "10",
            ["Endpoints:m:MaxAttempts"] = "3",
            ["Endpoints:m:RetryBaseDelaySeconds"] = "0", // a transient fault is retried at once, not parked on the test's clock
            ["Endpoints:m:RetryMaxDelaySeconds"] = "5",
            ["Endpoints:m:RequestsPerMinute"] = rpm?.ToString(CultureInfo.InvariantCulture),
            ["Endpoints:m:TokensPerMinute"] = tpm?.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var collection = new ServiceCollection().AddLogging().AddSingleton(clock);
        collection.AddAssayCore(configuration);
        return new LimiterHost(collection.BuildServiceProvider(validateScopes: true));
    }

    /// <summary>
    /// Moves the clock one window at a time, each time only once every unfinished call of every host is asleep until
    /// a later window (nothing else can reach the endpoint before the clock moves), until all calls are done.
    /// </summary>
    public static async Task DriveAsync(ManualClock clock, TimeSpan window, params (LimiterHost Host, IReadOnlyList<Task> Calls)[] hosts)
    {
        var giveUp = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (!hosts.All(h => h.Calls.All(c => c.IsCompleted)))
        {
            Assert.True(
                DateTime.UtcNow < giveUp,
                "the calls neither finished nor all waited for the next window: " + string.Join("; ", hosts.Select(h =>
                    $"{h.Calls.Count(c => !c.IsCompleted)} unfinished, {h.Host.Limits.SleepingCallers} asleep")) + $", {clock.PendingTimers} timers pending");
            if (hosts.All(h => Parked(h.Host, h.Calls)))
            {
                clock.Advance(window);
            }
            else
            {
                await Task.Delay(5);
            }
        }

        await Task.WhenAll(hosts.SelectMany(h => h.Calls)); // surfaces a failed call
    }

    public void Dispose() => services.Dispose();

    // Unfinished calls counted before and after the sleepers: a call finishing in between (and waking sleepers by
    // giving tokens back) makes the two counts differ, so a half-woken host is never taken for a parked one.
    private static bool Parked(LimiterHost host, IReadOnlyList<Task> calls)
    {
        var before = calls.Count(c => !c.IsCompleted);
        var sleeping = host.Limits.SleepingCallers;
        var after = calls.Count(c => !c.IsCompleted);
        return before == after && sleeping == after;
    }
}
